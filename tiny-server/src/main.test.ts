import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, onTestFinished, test } from 'vitest';
import { BUNDLED_ROOT } from './paths.js';
import { getRaw, splitResponse, useTempDir } from './test-support/tiny-harness.js';

const MAIN_JS = fileURLToPath(new URL('../dist/main.js', import.meta.url));

function runCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [MAIN_JS, ...args], { encoding: 'utf8', timeout: 15_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Spawns the bin in its own process group (killed by -pid when the test ends) and waits for its line. */
async function startCli(
  args: string[],
): Promise<{ child: ChildProcess; port: number; stderr: () => string }> {
  const child = spawn(process.execPath, [MAIN_JS, ...args], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const port = await new Promise<number>((resolve, reject) => {
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening on [^\s]+:(\d+),/.exec(stdout);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`tiny-server exited with ${code}: ${stderr}`)));
  });
  return { child, port, stderr: () => stderr };
}

describe('the tiny-server bin', () => {
  test('is built with a node shebang', () => {
    expect(existsSync(MAIN_JS), 'run `npx tsc -b tiny-server` first').toBe(true);
    expect(readFileSync(MAIN_JS, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  test('--help prints usage and exits 0; --version prints the package version', () => {
    const help = runCli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: tiny-server <port> [--root DIR]');
    const version = runCli(['--version']);
    expect(version.status).toBe(0);
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(version.stdout.trim()).toBe(manifest.version);
  });

  test('a bad port, a missing port or a missing root is one sentence on stderr and exit 2', async () => {
    const missingRoot = `${await useTempDir()}/nowhere`;
    for (const args of [
      ['abc'],
      ['70000'],
      ['-5'],
      [],
      ['8000', '--root', missingRoot],
      ['8000', '--bogus'],
    ]) {
      const result = runCli(args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(/^tiny-server: [^\n]+\.\n$/);
    }
    expect(runCli(['abc']).stderr).toContain('Port');
    expect(runCli(['8000', '--root', missingRoot]).stderr).toContain(missingRoot);
  });

  test('serves the bundled home.html and the adder, logs each request, and exits 0 on SIGTERM', async () => {
    const { child, port, stderr } = await startCli(['0', '--host', '127.0.0.1']);
    const { head, body } = splitResponse(await getRaw(port, '/'));
    expect(head).toMatch(/^HTTP\/1\.0 200 OK\r\n/);
    expect(body.equals(readFileSync(`${BUNDLED_ROOT}/home.html`))).toBe(true);
    expect((await getRaw(port, '/cgi-bin/adder?15213&18213')).toString()).toContain('15213 + 18213 = 33426');
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await expect
      .poll(() => stderr(), { timeout: 10_000 })
      .toContain('"GET /cgi-bin/adder?15213&18213 HTTP/1.0" 200');
    process.kill(child.pid!, 'SIGTERM');
    expect(await exited).toBe(0);
  });

  test('--quiet silences the request log, --root serves another directory, 0.0.0.0 is the default host', async () => {
    const root = await useTempDir();
    const { writeFile } = await import('node:fs/promises');
    await writeFile(`${root}/home.html`, 'other root\n');
    const { port, stderr } = await startCli(['0', '--quiet', `--root=${root}`]);
    expect(splitResponse(await getRaw(port, '/')).body.toString()).toBe('other root\n');
    expect(splitResponse(await getRaw(port, '/missing')).head).toMatch(/ 404 /);
    expect(stderr()).toBe('');
  });
});
