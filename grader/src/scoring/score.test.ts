import { describe, expect, test } from 'vitest';
import type { Rubric, RubricSuite } from '../types.js';
import { type MeasuredCheck, roundPoints, rubricMaxScore, scoreRun } from './score.js';

const sumSuite: RubricSuite = { id: 'basic', checks: { 'basic.html': 3, 'basic.text': 3, 'basic.cgi': 4 } };
const allOrNothing: RubricSuite = {
  id: 'cache',
  scoring: 'all-or-nothing',
  checks: { 'cache.hit-text': 10, 'cache.one-copy': 5 },
};

const measured = (id: string, passed: boolean, extra: Partial<MeasuredCheck> = {}): MeasuredCheck => ({
  id,
  title: id,
  passed,
  durationMs: 5,
  timedOut: false,
  ...extra,
});
const pass = (id: string) => measured(id, true);
const fail = (id: string) => measured(id, false);
const skip = (id: string) => measured(id, false, { skipped: 'no pid' });

/** Scores one suite's measured checks under a one-suite rubric. */
function scoreOne(suite: RubricSuite, checks: MeasuredCheck[]) {
  const scored = scoreRun({ name: 't', suites: [suite] }, [
    { id: suite.id, title: suite.id, durationMs: 1, checks },
  ]);
  const [only] = scored.suites;
  if (!only) throw new Error('no suite scored');
  return { score: only.score, maxScore: only.maxScore, checks: only.checks.map((c) => c.score) };
}

describe('scoreRun', () => {
  test('a sum suite earns the points of its passed checks', () => {
    expect(scoreOne(sumSuite, [pass('basic.html'), fail('basic.text'), pass('basic.cgi')])).toEqual({
      score: 7,
      maxScore: 10,
      checks: [3, 0, 4],
    });
  });

  test('an all-or-nothing suite earns everything only when every check passed, in its checks too', () => {
    expect(scoreOne(allOrNothing, [pass('cache.hit-text'), pass('cache.one-copy')])).toEqual({
      score: 15,
      maxScore: 15,
      checks: [10, 5],
    });
    // the passed check earns 0 in the report itself: no reporter has to rescale it
    expect(scoreOne(allOrNothing, [pass('cache.hit-text'), fail('cache.one-copy')])).toEqual({
      score: 0,
      maxScore: 15,
      checks: [0, 0],
    });
  });

  test('a skipped check counts neither for nor against the suite', () => {
    expect(scoreOne(sumSuite, [pass('basic.html'), skip('basic.text'), pass('basic.cgi')])).toEqual({
      score: 7,
      maxScore: 7,
      checks: [3, 0, 4],
    });
    expect(scoreOne(allOrNothing, [pass('cache.hit-text'), skip('cache.one-copy')])).toEqual({
      score: 10,
      maxScore: 10,
      checks: [10, 0],
    });
  });

  test('a rubric check without a result counts as failed, so a missing result never inflates a score', () => {
    expect(scoreOne(sumSuite, [pass('basic.html')])).toMatchObject({ score: 3, maxScore: 10 });
  });

  test('fractional points are rounded to 2 decimals', () => {
    const thirds: RubricSuite = {
      id: 'basic',
      checks: { 'basic.html': 0.1, 'basic.text': 0.2, 'basic.cgi': 1 / 3 },
    };
    expect(scoreOne(thirds, [pass('basic.html'), pass('basic.text'), pass('basic.cgi')])).toMatchObject({
      score: 0.63,
      maxScore: 0.63,
    });
    expect(roundPoints(0.1 + 0.2)).toBe(0.3);
  });

  const rubric: Rubric = { name: 'test', suites: [sumSuite, allOrNothing] };

  test('check scores add up to their suite score and suite scores to the total', () => {
    const scored = scoreRun(rubric, [
      {
        id: 'cache',
        title: 'Cache',
        durationMs: 9,
        checks: [pass('cache.hit-text'), fail('cache.one-copy')],
      },
      {
        id: 'basic',
        title: 'Basic',
        durationMs: 7,
        checks: [pass('basic.html'), fail('basic.text'), pass('basic.cgi'), pass('basic.extra')],
      },
    ]);
    expect(scored.suites.map((s) => [s.id, s.title, s.durationMs])).toEqual([
      ['basic', 'Basic', 7],
      ['cache', 'Cache', 9],
    ]);
    expect(scored.suites[0]!.checks.map((c) => c.id)).toEqual(['basic.html', 'basic.text', 'basic.cgi']);
    for (const suite of scored.suites) {
      expect(suite.checks.reduce((n, c) => n + c.score, 0)).toBe(suite.score);
      expect(suite.checks.reduce((n, c) => n + c.maxScore, 0)).toBe(suite.maxScore);
    }
    expect(scored.suites[1]!.checks.map((c) => [c.score, c.maxScore])).toEqual([
      [0, 10],
      [0, 5],
    ]);
    expect(scored).toMatchObject({ score: 7, maxScore: 25 });
  });

  test('a skipped check is worth 0 of 0 and a check without a result is a failed one', () => {
    const scored = scoreRun({ name: 't', suites: [sumSuite] }, [
      { id: 'basic', title: 'Basic', durationMs: 1, checks: [skip('basic.html')] },
    ]);
    const [html, text] = scored.suites[0]!.checks;
    expect(html).toMatchObject({ score: 0, maxScore: 0, skipped: 'no pid' });
    expect(text).toMatchObject({
      passed: false,
      score: 0,
      maxScore: 3,
      detail: 'The grader has no result for this check.',
    });
    expect(scored.maxScore).toBe(7);
  });

  test("a rubric's maximum is every check's points", () => {
    expect(rubricMaxScore(rubric)).toBe(25);
  });
});
