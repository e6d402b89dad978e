import type { CheckResult, Rubric, RubricSuite, SuiteId, SuiteResult } from '../types.js';

/** Reports show points with at most 2 decimals (custom rubrics may use fractions). */
export function roundPoints(points: number): number {
  return Math.round(points * 100) / 100;
}

/** What scoring needs from a check result. */
export type ScorableCheck = Pick<CheckResult, 'id' | 'passed' | 'skipped'>;

/**
 * A suite's score under its rubric: the points of passed checks ('sum') or all the suite's points only when every
 * check passed ('all-or-nothing'). Skipped checks count neither way; a rubric check with no result counts as failed.
 */
export function scoreSuite(
  rubricSuite: RubricSuite,
  checks: readonly ScorableCheck[],
): { score: number; maxScore: number } {
  const byId = new Map(checks.map((check) => [check.id, check]));
  let score = 0;
  let maxScore = 0;
  let allPassed = true;
  for (const [id, points] of Object.entries(rubricSuite.checks)) {
    const check = byId.get(id);
    if (check?.skipped) continue;
    maxScore += points;
    if (check?.passed) score += points;
    else allPassed = false;
  }
  if (rubricSuite.scoring === 'all-or-nothing') score = allPassed ? maxScore : 0;
  return { score: roundPoints(score), maxScore: roundPoints(maxScore) };
}

/** Check id → its suite and points, for every check the rubric counts. */
export function rubricPoints(rubric: Rubric): Map<string, { suiteId: SuiteId; points: number }> {
  const points = new Map<string, { suiteId: SuiteId; points: number }>();
  for (const suite of rubric.suites) {
    for (const [id, value] of Object.entries(suite.checks))
      points.set(id, { suiteId: suite.id, points: value });
  }
  return points;
}

export type UnscoredCheck = Omit<CheckResult, 'score' | 'maxScore'>;

export interface UnscoredSuite {
  id: SuiteId;
  title: string;
  durationMs: number;
  checks: UnscoredCheck[];
}

/**
 * Scores results by a rubric: suites and checks follow the rubric's order, checks it does not list are dropped,
 * a listed check with no result becomes a failed one. Each check's score adds up to its suite's score, also in
 * an all-or-nothing suite (where a passed check earns 0 when another check failed).
 */
export function applyRubric(
  rubric: Rubric,
  suites: readonly UnscoredSuite[],
): { suites: SuiteResult[]; score: number; maxScore: number } {
  const scored = rubric.suites.map((rubricSuite) => {
    const found = suites.find((suite) => suite.id === rubricSuite.id);
    const results = new Map(found?.checks.map((check) => [check.id, check]));
    const checks = Object.keys(rubricSuite.checks).map((id) => results.get(id) ?? missingCheck(id));
    const { score, maxScore } = scoreSuite(rubricSuite, checks);
    const earnsAll = rubricSuite.scoring !== 'all-or-nothing' || score === maxScore;
    return {
      id: rubricSuite.id,
      title: found?.title ?? rubricSuite.id,
      score,
      maxScore,
      durationMs: found?.durationMs ?? 0,
      checks: checks.map((check): CheckResult => {
        const points = check.skipped ? 0 : (rubricSuite.checks[check.id] ?? 0);
        return { ...check, score: check.passed && earnsAll ? points : 0, maxScore: points };
      }),
    };
  });
  return {
    suites: scored,
    score: roundPoints(scored.reduce((sum, suite) => sum + suite.score, 0)),
    maxScore: roundPoints(scored.reduce((sum, suite) => sum + suite.maxScore, 0)),
  };
}

function missingCheck(id: string): UnscoredCheck {
  return {
    id,
    title: id,
    passed: false,
    durationMs: 0,
    timedOut: false,
    detail: 'The grader has no result for this check.',
  };
}
