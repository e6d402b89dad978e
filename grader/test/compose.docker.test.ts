// docker-compose.yml as a user runs it: the stack comes up, a request through the `proxy` service reaches the
// `tiny` service and returns its exact bytes, the `grader` service gives the reference full marks, and `down`
// leaves nothing. Needs the images (docker/ci-stage.sh or `docker compose build`).
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import net from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CommandRun, lostChecks, REPO_ROOT, runCommand } from './support/container/run-command.js';
import type { RunReport } from '../src/types.js';

const project =
  process.env.PROXYLAB_TEST_COMPOSE_PROJECT ??
  `proxylab-test-${process.pid}-${randomBytes(3).toString('hex')}`;
const env = { COMPOSE_PROJECT_NAME: project, TINY_PORT: '0', PROXY_PORT: '0' };
const IMAGES = ['proxylab/tiny-server', 'proxylab/proxy', 'proxylab/grader'];

const compose = (...args: string[]): Promise<CommandRun> =>
  runCommand(['docker', 'compose', ...args], { env, timeoutMs: 180_000 });

async function composeOk(...args: string[]): Promise<string> {
  const run = await compose(...args);
  if (run.code !== 0) throw new Error(`docker compose ${args.join(' ')}: exit ${run.code}\n${run.stderr}`);
  return run.stdout;
}

/** Host and port a service's container port is published on (`docker compose port`). */
async function publishedAddress(service: string, port: number): Promise<{ host: string; port: number }> {
  const [host, published] = (await composeOk('port', service, String(port))).trim().split(':');
  return { host: host as string, port: Number(published) };
}

/** One raw HTTP/1.0 exchange: sends `request`, returns every byte until the server closes. */
function exchange(address: { host: string; port: number }, request: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(address, () => socket.end(request));
    const chunks: Buffer[] = [];
    socket.setTimeout(15_000, () => socket.destroy(new Error('no answer within 15 s')));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks)));
    socket.on('error', reject);
  });
}

async function leftovers(): Promise<string[]> {
  const filter = `label=com.docker.compose.project=${project}`;
  const containers = await runCommand(['docker', 'ps', '-aq', '--filter', filter]);
  const networks = await runCommand(['docker', 'network', 'ls', '-q', '--filter', filter]);
  return `${containers.stdout}${networks.stdout}`.split('\n').filter(Boolean);
}

beforeAll(async () => {
  for (const image of IMAGES) {
    const inspected = await runCommand(['docker', 'image', 'inspect', image]);
    if (inspected.code !== 0)
      throw new Error(`image ${image} is missing: run docker/ci-stage.sh or docker compose build`);
  }
  await composeOk('up', '-d', '--wait', '--no-build', 'tiny', 'proxy');
});

afterAll(async () => {
  await compose('--profile', 'submission', 'down', '-v', '--remove-orphans', '--timeout', '10');
});

describe('docker compose', () => {
  it('a request through the proxy service to the tiny service returns exactly what tiny sends', async () => {
    const proxy = await publishedAddress('proxy', 15213);
    const tiny = await publishedAddress('tiny', 8000);
    const viaProxy = await exchange(proxy, 'GET http://tiny:8000/home.html HTTP/1.0\r\n\r\n');
    const direct = await exchange(tiny, 'GET /home.html HTTP/1.0\r\nHost: tiny:8000\r\n\r\n');
    const file = await readFile(join(REPO_ROOT, 'tiny-server/www/home.html'));
    const split = viaProxy.indexOf('\r\n\r\n');
    expect(viaProxy.subarray(0, viaProxy.indexOf('\r\n')).toString()).toMatch(/^HTTP\/1\.[01] 200 /);
    expect(viaProxy.subarray(split + 4).equals(file)).toBe(true);
    expect(viaProxy.equals(direct)).toBe(true);
  });

  it('the grader service gives the reference proxy service full marks, fd-leak check included', async () => {
    const run = await compose('run', '--rm', '-T', 'grader', '--format', 'json');
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as RunReport;
    expect(lostChecks(report)).toEqual([]);
    expect(report.suites.flatMap((s) => s.checks).filter((c) => c.skipped)).toEqual([]);
    expect([report.score, report.maxScore]).toEqual([100, 100]);
  });

  it("the grader service's own command writes the student HTML report into the mounted grade-out/", async () => {
    const out = await mkdtemp(join(tmpdir(), 'proxylab-grade-out-'));
    try {
      const run = await runCommand(['docker', 'compose', 'run', '--rm', '-T', 'grader'], {
        env: { ...env, GRADE_OUT: out },
        timeoutMs: 180_000,
      });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('Score: 100/100');
      const page = await readFile(join(out, 'report.html'), 'utf8');
      expect(page).toContain('<title>proxylab report — 100/100</title>');
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('compose down removes every container and network of the project', async () => {
    expect((await leftovers()).length).toBeGreaterThan(0);
    await composeOk('--profile', 'submission', 'down', '-v', '--remove-orphans', '--timeout', '10');
    expect(await leftovers()).toEqual([]);
  });
});
