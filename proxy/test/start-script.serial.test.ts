import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, connect as netConnect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { fetchViaProxy, sendRaw } from './support/clients.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const START_SCRIPT = `${REPO}scripts/start.mjs`;

async function findFreePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = netConnect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function runStart(args: string[]) {
  for (const bin of ['tiny-server/dist/main.js', 'proxy/dist/main.js']) {
    if (!existsSync(`${REPO}${bin}`))
      throw new Error(`${bin} is missing: build first (npx tsc -b tiny-server proxy)`);
  }
  const child = spawn(process.execPath, [START_SCRIPT, ...args], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined)
      process.kill(-child.pid, 'SIGKILL');
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (data: Buffer) => {
    stdout += data.toString();
  });
  child.stderr.on('data', (data: Buffer) => {
    stderr += data.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', () => {
      if (stdout.includes('Press Ctrl-C')) resolve();
    });
    void exited.then((code) =>
      reject(new Error(`start.mjs exited (${code}) before it was ready: ${stderr}`)),
    );
  });
  ready.catch(() => {}); // only the test that awaits it cares
  return { child, ready, exited, output: () => ({ stdout, stderr }) };
}

describe('npm start (scripts/start.mjs)', () => {
  it('runs Tiny and the proxy, prints the curl line, and stops both on SIGTERM', async () => {
    const [tinyPort, proxyPort] = [await findFreePort(), await findFreePort()];
    const start = runStart(['--tiny-port', String(tinyPort), '--proxy-port', String(proxyPort)]);
    await start.ready;
    expect(start.output().stdout).toContain(
      `curl -x 127.0.0.1:${proxyPort} http://127.0.0.1:${tinyPort}/home.html`,
    );
    const direct = await sendRaw(tinyPort, 'GET /home.html HTTP/1.0\r\n\r\n');
    expect(direct.bytes.toString('latin1')).toMatch(/^HTTP\/1\.0 200 OK\r\n/);
    expect(await fetchViaProxy(proxyPort, `http://127.0.0.1:${tinyPort}/home.html`)).toEqual(direct.bytes);

    process.kill(start.child.pid!, 'SIGTERM');
    expect(await start.exited).toBe(0);
    expect([await accepts(tinyPort), await accepts(proxyPort)]).toEqual([false, false]);
  });

  it("stops the proxy and exits non-zero with Tiny's stderr when Tiny cannot start", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '0.0.0.0', resolve));
    onTestFinished(() => {
      taken.close();
    });
    const tinyPort = (taken.address() as { port: number }).port;
    const proxyPort = await findFreePort();
    const start = runStart(['--tiny-port', String(tinyPort), '--proxy-port', String(proxyPort)]);
    expect(await start.exited).toBe(1);
    expect(start.output().stderr).toMatch(/tiny-server stopped unexpectedly \(exit code \d+\)/);
    expect(start.output().stderr).toContain('EADDRINUSE');
    expect(await accepts(proxyPort)).toBe(false);
  });
});
