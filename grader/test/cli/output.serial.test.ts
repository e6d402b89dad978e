// What a user reads: the terminal listing in a pipe (CI) and the one-line summary when only files are asked for.
// Each test grades the bundled reference proxy on the basic suite.
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/reporters/text.js';
import { CLI, runCli, tempDir } from './run-cli.js';

const NO_COLOR_ENV = { FORCE_COLOR: undefined, NO_COLOR: undefined, CI: undefined, TERM: 'xterm' };

describe('terminal output of a real run', () => {
  it('with only file formats, stdout stays empty and stderr gets one line: the score and where reports went', async () => {
    const cwd = await tempDir();
    const run = await runCli(['--only', 'basic', '--format', 'json:out/report.json'], {
      cwd,
      env: NO_COLOR_ENV,
      timeoutMs: 120_000,
    });
    expect(run.hung).toBe(false);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^proxylab-grade: Score: 40\/40 \([\d.]+ m?s\) · json → out\/report\.json\n$/);
    const report = JSON.parse(await readFile(join(cwd, 'out', 'report.json'), 'utf8')) as { score: number };
    expect(report.score).toBe(40);
  }, 150_000);

  it('in a pipe: the header and the table once, no running line, within 80 columns; FORCE_COLOR colours it', async () => {
    const run = await runCli(['--only', 'basic'], {
      env: { ...NO_COLOR_ENV, FORCE_COLOR: '1' },
      timeoutMs: 120_000,
    });
    expect(run.hung).toBe(false);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('running');
    expect(run.stdout).not.toContain('basic.html');
    expect(run.stdout).not.toContain('\r');
    expect(run.stdout).toContain('\u001b[32m✓\u001b[39m');
    const lines = run.stdout.split('\n');
    expect(Math.max(...lines.map((line) => displayWidth(line)))).toBeLessThan(80);
    // one listing: 14 basic checks, each on exactly one line with its points
    expect(lines.filter((line) => /✓.* \d\/\d +[\d.]+ m?s$/.test(line))).toHaveLength(14);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toMatch(/Score: 40\/40/);
    expect(run.stderr).toBe('');
  }, 150_000);
});

const hasScript = spawnSync('script', ['--version']).status === 0;

describe.skipIf(!hasScript)(
  'terminal output on a TTY (util-linux script gives the grader a pseudo-terminal)',
  () => {
    it('a running line rewritten in place, then the table alone, fitted to a 60-column terminal', async () => {
      const cwd = await tempDir();
      const log = join(cwd, 'tty.txt');
      const command = `stty cols 60 rows 40; exec ${process.execPath} ${CLI} --only basic`;
      const run = spawnSync('script', ['-qec', command, log], {
        env: { ...process.env, ...NO_COLOR_ENV, NO_COLOR: '1' },
        timeout: 120_000,
        killSignal: 'SIGKILL',
      });
      expect(run.status).toBe(0);
      const raw = await readFile(log, 'utf8');
      expect(raw).toContain('\r\u001b[2Krunning: starting the proxy');
      expect(raw).toMatch(/\r\u001b\[2Krunning: basic\.html {2}\(0\/14\)/);
      // what stays on screen: each line's text after its last carriage return (script writes \r\n)
      const visible = raw
        .split('\n')
        .map((line) => line.replace(/\r$/, '').split('\r').at(-1) ?? '')
        .filter((line) => !line.startsWith('Script '));
      expect(visible.join('\n')).not.toContain('running');
      expect(Math.max(...visible.map((line) => displayWidth(line)))).toBeLessThan(60);
      expect(visible.filter((line) => /✓.* \d\/\d +[\d.]+ m?s$/.test(line))).toHaveLength(14);
      expect(visible.join('\n')).toMatch(/Score: 40\/40/);
    }, 150_000);
  },
);
