// The CLI refuses bad input at once, with one sentence and exit 2, before it grades or creates anything.
import { chmod, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './run-cli.js';

const isRoot = process.getuid?.() === 0;

async function expectUsageError(args: string[], message: string | RegExp, options = {}) {
  const cwd = await tempDir();
  const run = await runCli(args, { cwd, ...options });
  expect(run.hung, 'the CLI hung').toBe(false);
  expect(run.stderr).toMatch(message);
  expect(run.code).toBe(2);
  // nothing created: no grade-out, no report file, no folder
  expect(await readdir(cwd)).toEqual([]);
  return run;
}

describe('numeric options', () => {
  it.each([
    [['--timeout-scale', '1e6'], '--timeout-scale must be a number from 0.1 to 100, got "1e6".'],
    [['--timeout-scale', '0'], '--timeout-scale must be a number from 0.1 to 100'],
    [['--budget', '1e9'], '--budget must be a number from 1 to 14400 seconds'],
    [['--budget', 'Infinity'], '--budget must be a number'],
    [['--make-timeout', '0x10'], '--make-timeout must be a number from 1 to 3600 seconds'],
    [['--fail-under', '-1'], '--fail-under must be a number from 0 to 10000 points'],
    [['--fail-under', '101'], "--fail-under 101 is above the default rubric's maximum of 100 points."],
    [['batch', '.', '--jobs', '0'], '--jobs must be a whole number from 1 to 256'],
    [['batch', '.', '--jobs', '2.5'], '--jobs must be a whole number'],
    [['batch', '.', '--wall', '1e12'], '--wall must be a number from 1 to 1728000 seconds'],
    [['batch', '.', '--timeout-scale', '1e6'], '--timeout-scale must be a number from 0.1 to 100'],
    [['batch', '.', '--budget', 'NaN'], '--budget must be a number'],
    [['batch', '.', '--make-timeout', '99999'], '--make-timeout must be a number from 1 to 3600'],
    [['batch', '.', '--shard', '1/100000'], 'splits into more than 1000 shards'],
    [['batch', '.', '--shard', '3/2'], 'is not I/N with 1 ≤ I ≤ N'],
  ])('%j is refused with exit 2', async (args, message) => {
    await expectUsageError(args, message);
  });
});

describe('--format destinations are checked before grading', () => {
  it('a path under /proc is refused at once (Node would loop forever creating its folder)', async () => {
    await expectUsageError(['--format', 'json:/proc/nope/x.json'], /\/proc\/nope\/x\.json is on procfs/);
  });

  it('a path under /sys is refused', async () => {
    await expectUsageError(['--format', 'junit:/sys/x.xml'], /is on sysfs/);
  });

  it('a folder is refused', async () => {
    const dir = await tempDir();
    await expectUsageError(['--format', `json:${dir}`], `${dir} is a folder, not a file.`);
  });

  it('a path below a regular file is refused', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'file'), '');
    await expectUsageError(['--format', `json:${dir}/file/x.json`], `${dir}/file is not a folder`);
  });

  it('a folder the grader may not write is refused', async () => {
    const dir = await tempDir();
    await chmod(dir, 0o755);
    const locked = join(dir, 'locked');
    await mkdir(locked, { mode: 0o555 });
    // root writes anywhere: run as nobody to see what a user sees
    const as = isRoot ? { uid: 65534 } : {};
    await expectUsageError(['--format', `markdown:${locked}/sub/r.md`], `${locked} is not writable.`, as);
  });

  it('two formats writing one file are refused', async () => {
    await expectUsageError(['--format', 'json:r.json', '--format', 'junit:./r.json'], /write the same file/);
  });
});

describe('batch and merge inputs', () => {
  it('batch of a missing folder creates no grade-out', async () => {
    await expectUsageError(['batch', '/nonexistent-proxylab-class'], /does not exist/);
  });

  it('batch into an out dir under /proc is refused before anything is graded', async () => {
    const cwd = await tempDir();
    await mkdir(join(cwd, 'class'));
    const run = await runCli(['batch', 'class', '--out-dir', '/proc/nope'], { cwd });
    expect(run.hung).toBe(false);
    expect(run.stderr).toMatch('--out-dir: /proc/nope is on procfs');
    expect(run.code).toBe(2);
    expect(await readdir(cwd)).toEqual(['class']);
  });

  it('merge of a missing folder creates no out dir', async () => {
    await expectUsageError(['merge', '/nonexistent-proxylab-out', '--out-dir', 'merged'], /does not exist/);
  });
});

describe('version', () => {
  it.each([['-v'], ['--version']])('%s prints the version, as vitest and eslint do', async (flag) => {
    const run = await runCli([flag]);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
