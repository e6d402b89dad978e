// What a user reads: the terminal listing in a pipe (CI) and the one-line summary when only files are asked for.
// Each test grades the bundled reference proxy on the basic suite.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/reporters/text.js';
import { runCli, tempDir } from './run-cli.js';

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
