import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { fetchViaProxy } from './support/clients.js';
import { okResponse, startFixedOrigin } from './support/origins.js';
import { runProxyBin, startProxyProcess } from './support/proxy-process.js';

describe('the proxylab-proxy bin', () => {
  it('prints its usage for --help and exits 0', async () => {
    const result = await runProxyBin(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: proxylab-proxy <port>/);
    expect(result.stdout).toContain('--no-cache');
  });

  it('prints its version for --version', async () => {
    const result = await runProxyBin(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it.each([
    ['http'],
    ['65536'],
    ['-1'],
    [],
    ['8080', '9090'],
    ['8080', '--cache-bytes', 'lots'],
    ['8080', '--bogus'],
  ])('rejects the arguments %j with one sentence on stderr and exit code 2', async (...args: string[]) => {
    const result = await runProxyBin(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^proxylab-proxy: [^\n]+\.\nRun "proxylab-proxy --help" for usage\.\n$/);
  });

  it('says so and exits 1 when its port is taken', async () => {
    const running = await startProxyProcess();
    const result = await runProxyBin([String(running.port), '--host', '127.0.0.1']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the port is already in use');
  });

  it('proxies, logs one line per exchange, and exits 0 promptly on SIGTERM with a client still connected', async () => {
    const origin = await startFixedOrigin(okResponse('via the bin'));
    const proxy = await startProxyProcess();
    const url = `http://127.0.0.1:${origin.port}/bin`;
    expect(await fetchViaProxy(proxy.port, url)).toEqual(okResponse('via the bin'));
    const idle = connect(proxy.port, '127.0.0.1');
    idle.on('error', () => {});
    await new Promise((resolve) => idle.once('connect', resolve));
    process.kill(proxy.pid, 'SIGTERM');
    expect(await proxy.exited).toBe(0);
    idle.destroy();
    expect(proxy.stderr()).toMatch(
      new RegExp(`^127\\.0\\.0\\.1:\\d+ "GET ${url} HTTP/1\\.0" 200 \\d+B MISS \\d+ms\\n`),
    );
  });

  it('exits 0 on SIGINT too', async () => {
    const proxy = await startProxyProcess(['--quiet']);
    process.kill(proxy.pid, 'SIGINT');
    expect(await proxy.exited).toBe(0);
  });
});
