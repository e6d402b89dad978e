// The one scoring path: what the checks measured, plus a rubric, gives every score a report holds. Grading,
// batch (its synthesized reports and its re-check of a child's report) and every reporter read these numbers
// as they are; nothing rescales them afterwards.
import type { CheckResult, Rubric, RubricSuite, SuiteId, SuiteResult } from '../types.js';

/** Reports show points with at most 2 decimals (custom rubrics may use fractions). */
export function roundPoints(points: number): number {
  return Math.round(points * 100) / 100;
}

/** A check's result as measured, before the rubric gives it points. */
export type MeasuredCheck = Omit<CheckResult, 'score' | 'maxScore'>;

/** A suite as measured: its checks in any order, maybe not all of the rubric's. */
export interface MeasuredSuite {
  id: SuiteId;
  title: string;
  durationMs: number;
  checks: readonly MeasuredCheck[];
}

/** The scored part of a report. */
export interface ScoredRun {
  suites: SuiteResult[];
  score: number;
  maxScore: number;
}

/**
 * Scores measured results by a rubric: suites and checks follow the rubric's order, checks it does not list are
 * dropped, a listed check with no result becomes a failed one. A skipped check is worth 0 of 0. In a 'sum'
 * suite a passed check earns its points; in an 'all-or-nothing' suite every check earns 0 unless all counted
 * checks passed. Check scores always add up to their suite's score, and suite scores to the total.
 */
export function scoreRun(rubric: Rubric, measured: readonly MeasuredSuite[]): ScoredRun {
  const suites = rubric.suites.map((rubricSuite) =>
    scoreSuite(
      rubricSuite,
      measured.find((suite) => suite.id === rubricSuite.id),
    ),
  );
  return {
    suites,
    score: roundPoints(suites.reduce((sum, suite) => sum + suite.score, 0)),
    maxScore: roundPoints(suites.reduce((sum, suite) => sum + suite.maxScore, 0)),
  };
}

function scoreSuite(rubricSuite: RubricSuite, found: MeasuredSuite | undefined): SuiteResult {
  const results = new Map(found?.checks.map((check) => [check.id, check]));
  const checks = Object.keys(rubricSuite.checks).map((id) => results.get(id) ?? missingCheck(id));
  const counted = checks.filter((check) => !check.skipped);
  const earnsAll = rubricSuite.scoring !== 'all-or-nothing' || counted.every((check) => check.passed);
  const scored = checks.map((check): CheckResult => {
    const points = check.skipped ? 0 : (rubricSuite.checks[check.id] ?? 0);
    return { ...check, score: check.passed && earnsAll ? points : 0, maxScore: points };
  });
  return {
    id: rubricSuite.id,
    title: found?.title ?? rubricSuite.id,
    score: roundPoints(scored.reduce((sum, check) => sum + check.score, 0)),
    maxScore: roundPoints(scored.reduce((sum, check) => sum + check.maxScore, 0)),
    durationMs: found?.durationMs ?? 0,
    checks: scored,
  };
}

/** The most a rubric can give: every check's points (a skipped check lowers a report's maximum below this). */
export function rubricMaxScore(rubric: Rubric): number {
  return scoreRun(rubric, []).maxScore;
}

function missingCheck(id: string): MeasuredCheck {
  return {
    id,
    title: id,
    passed: false,
    durationMs: 0,
    timedOut: false,
    detail: 'The grader has no result for this check.',
  };
}
