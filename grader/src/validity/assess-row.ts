// Holds every graded run of one fixture against its expectation: the checks lost, the explanations given, the
// cmu score and the grading time, run by run.
import type { Expectation } from './expectation.js';
import { expectations } from './expectations.js';
import type { GradedRun } from './graded-run.js';

/** Grading time limits of issue 11 (2 cores): a stub that never answers, and every other fixture. */
export const STUB_LIMIT_MS = 15_000;
export const FIXTURE_LIMIT_MS = 20_000;

export interface ValidityRow {
  name: string;
  expectation: Expectation;
  runs: GradedRun[];
  /** checks whose result differed between runs */
  varied: string[];
  /** check ids failed but not expected to fail, and expected but passed (in any run) */
  unexpectedFails: string[];
  unexpectedPasses: string[];
  /** `run N check: …` for each failed check whose detail and hint miss the expected explanation */
  explanationMisses: string[];
  cmuExpected: number;
  /** some run's cmu score differs from driver.sh's rules */
  cmuMismatch: boolean;
  /** the slowest run's default-rubric grading (build left out), and the limit it is held to */
  slowestMs: number;
  limitMs: number;
}

const union = (lists: string[][]) => [...new Set(lists.flat())];

export function expectedFails(expectation: Expectation, allIds: readonly string[]): readonly string[] {
  return expectation.fails === 'all'
    ? allIds.filter((id) => !expectation.passes?.includes(id))
    : expectation.fails;
}

export function assessRow(name: string, mine: GradedRun[], allIds: readonly string[]): ValidityRow {
  const expectation = name === 'reference' ? expectations.correct! : expectations[name]!;
  const expected = expectedFails(expectation, allIds);
  const cmuExpected = expectation.cmu.basic + expectation.cmu.concurrency + expectation.cmu.cache;
  const may = new Set(expectation.mayFail ?? []);
  const key = (r: GradedRun) => r.failed.filter((id) => !may.has(id)).join(',');
  const first = mine[0]!;
  const varied = mine.every((r) => key(r) === key(first))
    ? []
    : allIds.filter((id) => !may.has(id) && new Set(mine.map((r) => r.failed.includes(id))).size > 1);
  const explanationMisses = mine.flatMap((run) =>
    Object.entries(expectation.explains ?? {}).flatMap(([id, pattern]) => {
      const check = run.report.suites.flatMap((s) => s.checks).find((c) => c.id === id);
      if (!check || check.passed) return [];
      return pattern.test(`${check.detail ?? ''} ${check.hint ?? ''}`)
        ? []
        : [`run ${run.index + 1} ${id}: not ${pattern}`];
    }),
  );
  return {
    name,
    expectation,
    runs: mine,
    varied,
    unexpectedFails: union(mine.map((r) => r.failed.filter((id) => !expected.includes(id) && !may.has(id)))),
    unexpectedPasses: union(mine.map((r) => expected.filter((id) => !r.failed.includes(id)))),
    explanationMisses,
    cmuExpected,
    cmuMismatch: mine.some((r) => r.cmuScore !== undefined && r.cmuScore !== cmuExpected),
    slowestMs: Math.max(...mine.map((r) => r.gradeMs)),
    limitMs: name === 'stub-silent' ? STUB_LIMIT_MS : FIXTURE_LIMIT_MS,
  };
}

/** A row that does not hold: a check lost or kept against the expectation, a miss, a cmu score or a time off. */
export const rowIsOff = (row: ValidityRow) =>
  row.unexpectedFails.length > 0 ||
  row.unexpectedPasses.length > 0 ||
  row.varied.length > 0 ||
  row.explanationMisses.length > 0 ||
  row.cmuMismatch;
