// Hostile submissions graded with `--submission` as root, in the jail (skipped without root and bubblewrap):
// each attack fails, the score stays what the grader measured, and nothing of the run is left.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectJail } from '../src/process/jail/detect.js';
import { processesOf } from '../src/process/jail/uid.js';
import { FIXTURES, gradeJailed, processesNamed } from './jail/grade-jailed.js';

const HOSTILE = join(FIXTURES, 'hostile-submissions');
const CLI = join(import.meta.dirname, '..', 'dist', 'cli.js');
let skipReason: string | undefined;

beforeAll(async () => {
  const support = await detectJail();
  if (!support.available) {
    skipReason = support.missing;
    console.warn(`jail serial tests skipped: ${support.missing}`);
  }
});

describe('a hostile --submission graded as root in the jail', () => {
  it('reads no canary outside its copy, writes nothing outside it, and reaches no host address', async (ctx) => {
    if (skipReason) return ctx.skip();
    const run = await gradeJailed(join(HOSTILE, 'jail-snoop'), ['--only', 'basic']);
    expect(run.code).toBe(0);
    expect(run.report.score).toBe(0);
    // its search works (it finds the file of its own copy) and finds nothing planted outside
    expect(run.notes).toMatch(/canary \S+\/proxylab-canary-own: own-file/);
    expect(run.notes).toContain('canary search done');
    expect(run.notes).not.toContain(run.token);
    expect(run.output).not.toContain(run.token);
    for (const dir of [run.submissionDir, run.classDir, run.outDir, '../..']) {
      expect(run.notes).toContain(`could not write ${dir}`);
    }
    for (const dir of ['/tmp', '/var/tmp', '/dev/shm', run.submissionDir, run.classDir, run.outDir]) {
      expect(existsSync(join(dir, 'proxylab-jail-written')), dir).toBe(false);
    }
    expect(readdirSync(run.submissionDir)).not.toContain('snoop');
    expect(run.hostConnections).toBe(0);
    expect(run.notes).toMatch(/connect 127\.0\.0\.1:\d+: failed/);
    expect(run.notes).toContain('connect 192.0.2.1:80: failed: Network is unreachable');
    expect(run.notes).toContain('network: loopback only');
    expect(processesOf(run.uid)).toEqual([]);
  });

  it('is killed at the --memory bound when it touches 3 GiB, and the report names the limit', async (ctx) => {
    if (skipReason) return ctx.skip();
    // touching memory is slow on small VMs: the startup wait (10 s) is scaled so the kernel kills it first
    const run = await gradeJailed(join(HOSTILE, 'jail-eats-memory'), [
      '--only',
      'basic',
      '--memory',
      '1024',
      '--timeout-scale',
      '6',
    ]);
    expect(run.report.score).toBe(0);
    expect(run.notes).toContain('killed by SIGKILL');
    expect(run.notes).toContain('The proxy hit the 1 GiB memory limit');
    expect(run.notes).not.toContain('not killed');
    expect(processesOf(run.uid)).toEqual([]);
  });

  it('bounds a fork bomb at the process limit and leaves none of its processes', async (ctx) => {
    if (skipReason) return ctx.skip();
    const run = await gradeJailed(join(HOSTILE, 'fork-bomb'), ['--only', 'basic']);
    expect(run.report.score).toBe(0);
    expect(run.notes).toMatch(/The proxy hit the 256-process limit: \d+ forks were refused/);
    expect(processesOf(run.uid)).toEqual([]);
  });

  it('keeps its score intact while a setsid daemon attacks the grader and the report, and the daemon dies', async (ctx) => {
    if (skipReason) return ctx.skip();
    let daemonSeen = false;
    const run = await gradeJailed(join(HOSTILE, 'jail-attacks-grader'), ['--only', 'basic'], () => {
      if (processesNamed('pxl-daemon').length > 0) daemonSeen = true;
    });
    expect(daemonSeen).toBe(true);
    expect(run.code).toBe(0);
    expect(run.report.score).toBe(40);
    expect(run.report.maxScore).toBe(40);
    expect(run.output).toContain('Score: 40/40');
    expect(processesNamed('pxl-daemon')).toEqual([]);
    expect(processesOf(run.uid)).toEqual([]);
  });

  it('still names a SIGPIPE death and blames the check that caused it, as unjailed', async (ctx) => {
    if (skipReason) return ctx.skip();
    const run = await gradeJailed(join(FIXTURES, 'submissions', 'sigpipe'), ['--only', 'robustness']);
    const lost = run.report.suites.flatMap((suite) => suite.checks.filter((c) => c.score < c.maxScore));
    expect(lost.map((check) => check.id)).toEqual(['robustness.abort-mid-response', 'robustness.fd-leak']);
    expect(run.report.crashes[0]).toMatchObject({
      checkId: 'robustness.abort-mid-response',
      signal: 'SIGPIPE',
    });
  });

  it('still gives the correct submission full marks', async (ctx) => {
    if (skipReason) return ctx.skip();
    const run = await gradeJailed(join(FIXTURES, 'submissions', 'correct'), []);
    expect(run.notes).toContain('Jailed (bubblewrap)');
    expect(run.report.score).toBe(100);
    expect(run.output).toContain('Score: 100/100');
    expect(processesOf(run.uid)).toEqual([]);
  });
});

describe('--memory and --pids', () => {
  it('refuse a value that is not a number above 0 with exit code 2', () => {
    for (const args of [
      ['--memory', 'lots'],
      ['--memory', '0'],
      ['--pids', '-3'],
    ]) {
      const run = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toContain('must be a number > 0');
    }
  });
});
