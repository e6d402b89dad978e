import { notRunResult, suiteResult } from '../run/results.js';
import type { CheckDef, Lang, Rubric, RunReport } from '../types.js';
import type { StudentOutcome, StudentStatus } from './types.js';

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Checks that a child's report is one this rubric can produce: the same checks with the rubric's points, scores
 * within bounds, suites and total adding up. Returns what is wrong, or undefined. A report that fails is not used.
 */
export function findReportProblem(report: RunReport, rubric: Rubric): string | undefined {
  if (report?.schemaVersion !== 1 || !Array.isArray(report.suites)) return 'not a schemaVersion 1 report';
  if (report.rubric !== rubric.name) return `graded with rubric ${report.rubric}, expected ${rubric.name}`;
  if (report.suites.length !== rubric.suites.length) return 'suites differ from the rubric';
  let total = 0;
  for (const [i, suite] of report.suites.entries()) {
    const expected = rubric.suites[i];
    if (!expected || suite.id !== expected.id)
      return `suite ${i + 1} is ${suite.id}, expected ${expected?.id}`;
    const ids = Object.keys(expected.checks);
    if (suite.checks.map((c) => c.id).join() !== ids.join())
      return `the checks of ${suite.id} differ from the rubric`;
    for (const check of suite.checks) {
      const points = expected.checks[check.id] as number;
      const max = check.skipped ? 0 : points;
      if (check.maxScore !== max || !(check.score >= 0 && check.score <= check.maxScore)) {
        return `${check.id} scores ${check.score}/${check.maxScore}, the rubric gives ${points}`;
      }
      if (check.passed !== (check.score === check.maxScore && check.maxScore > 0) && !check.skipped) {
        return `${check.id}: passed and score disagree`;
      }
    }
    const sum = round2(suite.checks.reduce((n, c) => n + c.score, 0));
    const max = round2(suite.checks.reduce((n, c) => n + c.maxScore, 0));
    const allOrNothing = expected.scoring === 'all-or-nothing';
    if (suite.maxScore !== max || (allOrNothing ? ![0, max].includes(suite.score) : suite.score !== sum)) {
      return `suite ${suite.id} does not add up`;
    }
    total += suite.score;
  }
  if (Math.abs(round2(total) - report.score) > 0.005)
    return `the total ${report.score} is not the sum of the suites`;
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
  const suites = rubric.suites.map((suite) =>
    suiteResult(
      suite,
      Object.entries(suite.checks).map(([id, points]) =>
        notRunResult(options.checks.get(id) as CheckDef, points, lang, {
          detail: `Not run: ${options.reason}`,
        }),
      ),
      lang,
      0,
    ),
  );
  return {
    schemaVersion: 1,
    grader: { name: 'proxylab-grade', version: options.version },
    target: { kind: 'submission', description: `submission ${options.student}`, notes: [options.reason] },
    rubric: rubric.name,
    lang,
    seed: options.seed,
    startedAt: new Date(Date.now() - options.durationMs).toISOString(),
    score: 0,
    maxScore: round2(suites.reduce((n, s) => n + s.maxScore, 0)),
    durationMs: options.durationMs,
    targetStarted: false,
    suites,
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
