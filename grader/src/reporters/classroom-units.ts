// GitHub Classroom's grading reporter computes a score twice: its notice sums the tests' `score` fields, and its
// console prints (passed tests ÷ tests) × max_score. The two agree with ours only when every test weighs the same,
// so a check worth p points becomes p ÷ unit tests of one unit each (the unit is the largest step that divides
// every check's points), all passed when the check earned its points and all failed when it did not.

/** More tests than this would flood the job log: the result falls back to one test per check. */
export const MAX_UNIT_TESTS = 400;

/** Points are counted in hundredths, as the reports round them. */
const HUNDREDTHS = 100;

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * The point unit every weighted check is a whole multiple of, or undefined when there is no weighted check or the
 * split would exceed MAX_UNIT_TESTS.
 */
export function pointUnit(maxScores: readonly number[]): number | undefined {
  const cents = maxScores.map((p) => Math.round(p * HUNDREDTHS)).filter((c) => c > 0);
  if (cents.length === 0) return undefined;
  const unit = cents.reduce(gcd);
  const tests = cents.reduce((n, c) => n + c / unit, 0);
  return tests <= MAX_UNIT_TESTS ? unit / HUNDREDTHS : undefined;
}

/** How many unit tests a check of `maxScore` points becomes, and how many of them pass for `score`. */
export function unitSplit(maxScore: number, score: number, unit: number): { tests: number; passed: number } {
  const tests = Math.round(maxScore / unit);
  return { tests, passed: Math.min(tests, Math.max(0, Math.round(score / unit))) };
}
