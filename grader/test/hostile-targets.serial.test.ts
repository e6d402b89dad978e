import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { isProcessGone } from '../src/process/group-signal.js';
import { grade } from '../src/run/grade.js';
import { loadRubric } from '../src/scoring/rubric.js';
import { checkRegistry } from '../src/suites/index.js';
import { createCommandTarget } from '../src/targets/command.js';
import type { RunReport } from '../src/types.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/hostile/${name}`, import.meta.url));
const BUDGET_MS = 12_000;

/** Grades a hostile command with a short budget; returns the report and the pid the fixture wrote. */
async function gradeHostile(
  command: string,
  budgetMs = BUDGET_MS,
): Promise<{ report: RunReport; pid: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'proxylab-hostile-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const pidFile = join(dir, 'pid');
  const report = await grade({
    target: createCommandTarget(`${command} {port} ${pidFile}`),
    rubric: await loadRubric('default', new Set(checkRegistry.keys())),
    checks: checkRegistry,
    seed: 'hostile',
    lang: 'en',
    version: 'test',
    timeoutScale: 0.3,
    budgetMs: budgetMs / 0.3,
    startupTimeoutMs: 3000 / 0.3,
  });
  return { report, pid: Number(readFileSync(pidFile, 'utf8')) };
}

/** Live (non-zombie) processes whose process group is `pgid`. */
function groupMembers(pgid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'latin1');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return fields[0] !== 'Z' && Number(fields[2]) === pgid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

function expectNothingLeft(report: RunReport, pid: number) {
  expect(report.suites.map((s) => s.checks.length).reduce((a, b) => a + b, 0)).toBeGreaterThan(20);
  expect(isProcessGone(pid)).toBe(true);
  expect(groupMembers(pid)).toEqual([]);
}

describe('hostile targets still get a full report and leave nothing running', () => {
  it('a proxy that never binds scores 0 with its stderr and the reason', async () => {
    const { report, pid } = await gradeHostile(`sh ${fixture('never-binds.sh')}`);
    expect(report.targetStarted).toBe(false);
    expect(report.score).toBe(0);
    expect(report.maxScore).toBe(100);
    expect(report.target.notes.join('\n')).toMatch(/never opened port \d+/);
    expect(report.target.notes.join('\n')).toContain('initialising cache');
    expect(
      report.suites.every((s) => s.checks.every((c) => !c.passed && c.detail?.includes('never opened'))),
    );
    expectNothingLeft(report, pid);
  });

  it('a proxy that exits at once scores 0 and the report quotes its exit code and message', async () => {
    const { report, pid } = await gradeHostile(`sh ${fixture('exits-at-once.sh')}`);
    expect(report.score).toBe(0);
    expect(report.target.notes.join('\n')).toMatch(/exited before opening port \d+ \(exit code 3\)/);
    expect(report.target.notes.join('\n')).toContain('Open_listenfd error');
    expectNothingLeft(report, pid);
  });

  it('a proxy that hangs on every request scores 0 within the run budget', async () => {
    const { report, pid } = await gradeHostile(`node ${fixture('hangs.mjs')}`);
    expect(report.targetStarted).toBe(true);
    expect(report.score).toBe(0);
    expect(report.durationMs).toBeLessThan(BUDGET_MS + 15_000);
    expectNothingLeft(report, pid);
  });

  it('a proxy that floods stdout scores 0 within the budget and its output stays bounded', async () => {
    const { report, pid } = await gradeHostile(`node ${fixture('floods-stdout.mjs')}`);
    expect(report.score).toBe(0);
    expect(report.durationMs).toBeLessThan(BUDGET_MS + 15_000);
    expect(JSON.stringify(report).length).toBeLessThan(2_000_000);
    expectNothingLeft(report, pid);
  });

  it('a correct proxy that ignores SIGTERM gets full marks and is still stopped', async () => {
    // a full run starts a fresh node process for each of the four suites (and kills each one)
    const { report, pid } = await gradeHostile(`node ${fixture('ignores-sigterm.mjs')}`, 3 * BUDGET_MS);
    expect(report.score).toBe(report.maxScore);
    expectNothingLeft(report, pid);
  });
});
