import { spawn } from 'node:child_process';
import { appendFile, cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it, onTestFinished } from 'vitest';
import { CLI } from './run-cli.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'submissions');

it('--watch grades again when a source changes, the checks that failed last time first', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'proxylab-watch-test-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  await cp(join(fixtures, '_common'), join(dir, '_common'), { recursive: true });
  await cp(join(fixtures, 'no-default-path'), join(dir, 'mine'), { recursive: true });
  const child = spawn(
    process.execPath,
    [CLI, '--submission', join(dir, 'mine'), '--only', 'basic.html,basic.default-path', '--watch'],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
  );
  onTestFinished(() => {
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {
      // gone
    }
  });
  let stdout = '';
  const waitFor = (text: string, timeoutMs = 90_000) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no "${text}" within ${timeoutMs} ms; got:\n${stdout}`)),
        timeoutMs,
      );
      const check = () => {
        if (!stdout.includes(text)) return;
        clearTimeout(timer);
        child.stdout.off('data', check);
        resolve();
      };
      child.stdout.on('data', check);
      check();
    });
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  await waitFor('[watch] round 1 done');
  expect(stdout).toContain('Score: 3/6');
  await appendFile(join(dir, 'mine', 'proxy.c'), '\n/* edited */\n');
  await waitFor('[watch] round 2 done');
  expect(stdout).toContain('[watch] proxy.c changed');
  expect(stdout).toContain('failed last time first: basic.default-path');
  // the first pass regraded only the failed check, the second pass all of them
  const second = stdout.slice(stdout.indexOf('[watch] proxy.c changed'));
  expect(second.match(/Score: /g)).toHaveLength(2);
});
