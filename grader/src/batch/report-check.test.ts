// The batch's validation of a child's report.json: a report the rubric can produce passes; every forgery a
// student with write access to the file could try (other totals, types, ids, skips, seeds) is named and refused.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { loadRubric } from '../scoring/rubric.js';
import { checkRegistry } from '../suites/index.js';
import type { Rubric, RunReport } from '../types.js';
import { resolveStudentFormats } from './formats.js';
import { findReportProblem, synthesizeReport } from './report-check.js';
import { writeStudentFolder } from './student-folder.js';
import { scoresInFolder } from '../../test/support/batch/format-scores.js';

let rubric: Rubric;
let cmu: Rubric;
const expectation = { seed: 'seed1', lang: 'en' as const, version: '9.9.9', checks: checkRegistry };

/** A report of a proxy that passed every check but the last of each suite (a real, valid grading). */
function gradedReport(of: Rubric): RunReport {
  const report = synthesizeReport({ ...expectation, rubric: of, student: 's', reason: 'r', durationMs: 1 });
  report.targetStarted = true;
  report.target.notes = [];
  for (const [i, suite] of report.suites.entries()) {
    const allOrNothing = of.suites[i]?.scoring === 'all-or-nothing';
    for (const check of suite.checks) check.passed = check !== suite.checks.at(-1);
    for (const check of suite.checks) check.score = check.passed && !allOrNothing ? check.maxScore : 0;
    suite.score = suite.checks.reduce((n, c) => n + c.score, 0);
  }
  report.score = report.suites.reduce((n, s) => n + s.score, 0);
  return report;
}

beforeAll(async () => {
  rubric = await loadRubric('default', new Set(checkRegistry.keys()));
  cmu = await loadRubric('cmu', new Set(checkRegistry.keys()));
});

describe('findReportProblem', () => {
  it('accepts a real grading under the default and the all-or-nothing CMU rubric', () => {
    expect(findReportProblem(gradedReport(rubric), rubric, expectation)).toBeUndefined();
    expect(findReportProblem(gradedReport(cmu), cmu, expectation)).toBeUndefined();
  });

  const forgeries: Array<[string, (r: RunReport) => void, RegExp]> = [
    [
      'a total that is not the sum',
      (r) => {
        r.score = 100;
      },
      /not the sum/,
    ],
    [
      'a total given as a string',
      (r) => {
        (r as { score: unknown }).score = String(r.score);
      },
      /score is not a number/,
    ],
    [
      'a check above its points',
      (r) => {
        (r.suites[0]?.checks[0] as { score: number }).score = 999;
      },
      /the rubric gives/,
    ],
    [
      'a negative check',
      (r) => {
        (r.suites[0]?.checks.at(-1) as { score: number }).score = -1;
      },
      /the rubric gives/,
    ],
    [
      'a failed check with points',
      (r) => {
        const check = r.suites[0]?.checks.at(-1);
        if (check) check.score = check.maxScore;
      },
      /passed and score disagree/,
    ],
    [
      'a check renamed',
      (r) => {
        (r.suites[0]?.checks[0] as { id: string }).id = 'basic.html,basic.text';
      },
      /differ from the rubric/,
    ],
    [
      'a check left out',
      (r) => {
        r.suites[0]?.checks.pop();
      },
      /differ from the rubric/,
    ],
    [
      'a failed check skipped away',
      (r) => {
        const check = r.suites[0]?.checks.at(-1);
        if (check) Object.assign(check, { skipped: 'no', maxScore: 0 });
      },
      /may not be skipped/,
    ],
    [
      'a suite maximum lowered',
      (r) => {
        (r.suites[0] as { maxScore: number }).maxScore = 1;
      },
      /does not add up/,
    ],
    [
      'a maximum lowered',
      (r) => {
        r.maxScore = r.score;
      },
      /maximum/,
    ],
    [
      'another seed',
      (r) => {
        r.seed = 'other';
      },
      /seed/,
    ],
    [
      'another grader',
      (r) => {
        r.grader.version = '0.0.1';
      },
      /grader 0.0.1/,
    ],
    [
      'points for a proxy that never started',
      (r) => {
        r.targetStarted = false;
      },
      /never started/,
    ],
    [
      'a detail that is not text',
      (r) => {
        (r.suites[0]?.checks[0] as { detail: unknown }).detail = { x: 1 };
      },
      /detail is not a string/,
    ],
    [
      'not an object',
      (r) => {
        (r as unknown as { suites: unknown }).suites = 'x';
      },
      /suites is not an array/,
    ],
  ];
  it.each(forgeries)('refuses %s', (_name, forge, problem) => {
    const report = gradedReport(rubric);
    forge(report);
    expect(findReportProblem(report, rubric, expectation)).toMatch(problem);
  });

  it('refuses an all-or-nothing suite paid for a failed check', () => {
    const report = gradedReport(cmu);
    const suite = report.suites.find(
      (s) => cmu.suites.find((r) => r.id === s.id)?.scoring === 'all-or-nothing',
    );
    if (!suite) throw new Error('the cmu rubric has no all-or-nothing suite');
    suite.score = suite.maxScore;
    report.score = report.suites.reduce((n, s) => n + s.score, 0);
    expect(findReportProblem(report, cmu, expectation)).toMatch(/does not add up/);
  });
});

describe('writeStudentFolder', () => {
  it('renders every format from the one report, so all of them state its score', async () => {
    const out = await mkdtemp(join(tmpdir(), 'proxylab-student-folder-'));
    onTestFinished(() => rm(out, { recursive: true, force: true }));
    const formats = resolveStudentFormats([
      'junit',
      'gradescope',
      'autolab',
      'classroom',
      'markdown',
      'terminal',
    ]);
    const report = gradedReport(rubric);
    await writeStudentFolder(
      out,
      {
        student: 'alice',
        status: 'graded',
        score: report.score,
        maxScore: 100,
        suites: {},
        checks: {},
        durationMs: 1,
        hash: 'h',
        notes: [],
        configKey: 'k',
        gradedAt: 'now',
      },
      { report, formats, graderLog: '', lang: 'en' },
    );
    const scores = await scoresInFolder(join(out, 'alice'), formats);
    expect(Object.keys(scores).sort()).toEqual(formats.map((f) => f.file).sort());
    expect(new Set(Object.values(scores))).toEqual(new Set([report.score]));
    expect((await readdir(join(out, 'alice'))).sort()).toEqual(
      [...formats.map((f) => f.file), 'build.log', 'proxy.log', 'grader.log', 'meta.json'].sort(),
    );
    expect(await readFile(join(out, 'alice', 'build.log'), 'utf8')).toMatch(/^No build step ran/);
  });
});
