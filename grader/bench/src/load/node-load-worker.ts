// A child process (own process group): `connections` loops, each a fresh TCP connection per request,
// read to EOF. Prints one line "BENCH <LoadResult JSON>". Started by node-load.ts when wrk is absent.
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { percentile } from '../stats.js';
import type { LoadResult, LoadSpec } from './types.js';

const spec = JSON.parse(process.argv[2] ?? '{}') as LoadSpec;
const run = randomBytes(4).toString('hex');
const errors: LoadResult['errors'] = { connect: 0, read: 0, write: 0, status: 0, timeout: 0, short: 0 };
const latenciesMs: number[] = [];
let requests = 0;
let bytes = 0;
let sequence = 0;

function requestHead(): string {
  const target = spec.uniqueQuery ? `${spec.target}?${run}-${++sequence}` : spec.target;
  return `GET ${target} HTTP/1.1\r\nHost: ${spec.host}\r\nConnection: close\r\n\r\n`;
}

/** One request on a fresh connection; resolves when the response ended or failed. */
function exchange(): Promise<void> {
  return new Promise((resolve) => {
    let started = 0;
    let received = 0;
    let statusChecked = false;
    let finished = false;
    const finish = (kind?: keyof LoadResult['errors']): void => {
      if (finished) return;
      finished = true;
      socket.destroy();
      if (kind) errors[kind]++;
      resolve();
    };
    const socket = connect({ host: '127.0.0.1', port: spec.port });
    socket.setTimeout(spec.timeoutMs, () => finish('timeout'));
    socket.once('connect', () => {
      started = performance.now();
      socket.write(requestHead());
    });
    socket.on('data', (chunk: Buffer) => {
      if (!statusChecked) {
        statusChecked = true;
        if (!/^HTTP\/1\.[01] [23]\d\d /.test(chunk.toString('latin1', 0, 16))) return finish('status');
      }
      received += chunk.length;
    });
    socket.once('end', () => {
      if (finished) return;
      if (received < spec.minResponseBytes) return finish('short');
      requests++;
      bytes += received;
      latenciesMs.push(performance.now() - started);
      finish();
    });
    socket.once('error', () => finish(started === 0 ? 'connect' : 'read'));
  });
}

async function loop(deadline: number): Promise<void> {
  while (performance.now() < deadline) await exchange();
}

const startedAt = performance.now();
const deadline = startedAt + spec.durationMs;
await Promise.all(Array.from({ length: spec.connections }, () => loop(deadline)));
const durationMs = performance.now() - startedAt;
latenciesMs.sort((a, b) => a - b);
const result: LoadResult = {
  tool: 'node',
  requests,
  bytes,
  durationMs,
  errors,
  p50Ms: percentile(latenciesMs, 50),
  p99Ms: percentile(latenciesMs, 99),
  loadCpuS: Number.NaN, // measured by the parent
};
process.stdout.write(`BENCH ${JSON.stringify(result)}\n`);
