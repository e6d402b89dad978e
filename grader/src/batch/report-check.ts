import { pick } from '../i18n.js';
import { notRunResult } from '../run/results.js';
import { roundPoints, scoreRun } from '../scoring/score.js';
import { suiteTitle } from '../suites/index.js';
import type { CheckDef, CheckResult, Lang, Rubric, RunReport, SuiteResult } from '../types.js';
import { findShapeProblem } from './report-shape.js';
import type { StudentOutcome, StudentStatus } from './types.js';

/** What the parent asked the child grader for: a report must say the same. */
export interface ReportExpectation {
  seed: string;
  lang: Lang;
  version: string;
  /** every check by id: only a check that needs the proxy's pid may be skipped */
  checks: ReadonlyMap<string, CheckDef>;
}

const sameNumber = (a: number, b: number) => Math.abs(roundPoints(a) - roundPoints(b)) < 0.005;

/**
 * Checks that a child's report is exactly one this rubric can produce for this run: the right shape, the
 * rubric's suites and check ids in order, each check's points within 0..max and matching its `passed` under the
 * suite's scoring, suites and total adding up, and (with `expect`) the seed, language and grader version the
 * parent asked for. Returns what is wrong, or undefined. A report that fails is not used.
 */
export function findReportProblem(
  report: RunReport,
  rubric: Rubric,
  expect?: ReportExpectation,
): string | undefined {
  const shape = findShapeProblem(report);
  if (shape) return shape;
  if (report.rubric !== rubric.name) return `graded with rubric ${report.rubric}, expected ${rubric.name}`;
  if (expect) {
    if (report.seed !== expect.seed) return `the seed is ${report.seed}, the batch gave ${expect.seed}`;
    if (report.lang !== expect.lang) return `the language is ${report.lang}, expected ${expect.lang}`;
    if (report.grader.version !== expect.version)
      return `written by grader ${report.grader.version}, expected ${expect.version}`;
  }
  if (report.target.kind !== 'submission') return `a report about a ${report.target.kind}`;
  if (report.suites.length !== rubric.suites.length) return 'suites differ from the rubric';
  for (const [i, suite] of report.suites.entries()) {
    const expected = rubric.suites[i];
    if (!expected || suite.id !== expected.id)
      return `suite ${i + 1} is ${suite.id}, expected ${expected?.id}`;
    const ids = Object.keys(expected.checks);
    if (suite.checks.length !== ids.length || suite.checks.some((check, j) => check.id !== ids[j]))
      return `the checks of ${suite.id} differ from the rubric`;
    for (const check of suite.checks) {
      if (check.skipped && expect && !expect.checks.get(check.id)?.needsPid)
        return `${check.id} may not be skipped`;
      if (check.passed && !report.targetStarted) return `${check.id} passed but the proxy never started`;
    }
  }
  // the report's own outcomes, scored again by the one scoring path, must give every number it states
  const scored = scoreRun(rubric, report.suites);
  for (const [i, suite] of report.suites.entries()) {
    const want = scored.suites[i] as SuiteResult;
    for (const [j, check] of suite.checks.entries()) {
      const problem = findCheckProblem(check, want.checks[j] as CheckResult);
      if (problem) return problem;
    }
    if (!sameNumber(suite.maxScore, want.maxScore) || !sameNumber(suite.score, want.score))
      return `suite ${suite.id} does not add up`;
  }
  if (!sameNumber(report.score, scored.score))
    return `the total ${report.score} is not the sum of the suites`;
  if (!sameNumber(report.maxScore, scored.maxScore))
    return `the maximum ${report.maxScore} is not the sum of the suites`;
  if (report.build && !report.build.ok && report.targetStarted)
    return 'the build failed but the proxy started';
  return undefined;
}

/** A check's stated points against the ones the rubric gives its outcome. */
function findCheckProblem(check: CheckResult, want: CheckResult): string | undefined {
  if (check.skipped) {
    if (check.score !== 0 || check.maxScore !== 0 || check.passed)
      return `${check.id} is skipped but scores ${check.score}/${check.maxScore}`;
    return undefined;
  }
  if (check.maxScore !== want.maxScore || !(check.score >= 0 && check.score <= check.maxScore))
    return `${check.id} scores ${check.score}/${check.maxScore}, the rubric gives ${want.maxScore}`;
  if (!sameNumber(check.score, want.score)) return `${check.id}: passed and score disagree`;
  return undefined;
}

export function statusOf(report: RunReport): StudentStatus {
  if (report.build && !report.build.ok) return 'build-failed';
  return report.targetStarted ? 'graded' : 'not-started';
}

/** A report for a submission the grader had to stop: every check not run, 0 points, with the reason. */
export function synthesizeReport(options: {
  rubric: Rubric;
  checks: ReadonlyMap<string, CheckDef>;
  lang: Lang;
  version: string;
  seed: string;
  student: string;
  reason: string;
  durationMs: number;
}): RunReport {
  const { rubric, lang } = options;
  const measured = rubric.suites.map((suite) => ({
    id: suite.id,
    title: pick(suiteTitle(suite.id), lang),
    durationMs: 0,
    checks: Object.keys(suite.checks).map((id) =>
      notRunResult(options.checks.get(id) as CheckDef, lang, {
        detail: `${lang === 'ko' ? '실행되지 않음' : 'Not run'}: ${options.reason}`,
      }),
    ),
  }));
  return {
    schemaVersion: 1,
    grader: { name: 'proxylab-grade', version: options.version },
    target: { kind: 'submission', description: `submission ${options.student}`, notes: [options.reason] },
    rubric: rubric.name,
    lang,
    seed: options.seed,
    startedAt: new Date(Date.now() - options.durationMs).toISOString(),
    ...scoreRun(rubric, measured),
    durationMs: options.durationMs,
    targetStarted: false,
    crashes: [],
  };
}

/** The gradebook numbers of one report. */
export function scoresOf(
  report: RunReport,
): Pick<StudentOutcome, 'score' | 'maxScore' | 'suites' | 'checks'> {
  const suites: Record<string, number> = {};
  const checks: Record<string, number> = {};
  for (const suite of report.suites) {
    suites[suite.id] = suite.score;
    for (const check of suite.checks) checks[check.id] = check.score;
  }
  return { score: report.score, maxScore: report.maxScore, suites, checks };
}
