import { describe, expect, test } from 'vitest';
import type { Rubric, RubricSuite } from '../types.js';
import { applyRubric, roundPoints, type ScorableCheck, scoreSuite, type UnscoredCheck } from './score.js';

const sumSuite: RubricSuite = { id: 'basic', checks: { 'basic.html': 3, 'basic.text': 3, 'basic.cgi': 4 } };
const allOrNothing: RubricSuite = {
  id: 'cache',
  scoring: 'all-or-nothing',
  checks: { 'cache.hit-text': 10, 'cache.one-copy': 5 },
};

const pass = (id: string): ScorableCheck => ({ id, passed: true });
const fail = (id: string): ScorableCheck => ({ id, passed: false });
const skip = (id: string): ScorableCheck => ({ id, passed: false, skipped: 'no pid' });

describe('scoreSuite', () => {
  test('a sum suite earns the points of its passed checks', () => {
    expect(scoreSuite(sumSuite, [pass('basic.html'), fail('basic.text'), pass('basic.cgi')])).toEqual({
      score: 7,
      maxScore: 10,
    });
  });

  test('an all-or-nothing suite earns everything only when every check passed', () => {
    expect(scoreSuite(allOrNothing, [pass('cache.hit-text'), pass('cache.one-copy')])).toEqual({
      score: 15,
      maxScore: 15,
    });
    expect(scoreSuite(allOrNothing, [pass('cache.hit-text'), fail('cache.one-copy')])).toEqual({
      score: 0,
      maxScore: 15,
    });
  });

  test('a skipped check counts neither for nor against the suite', () => {
    expect(scoreSuite(sumSuite, [pass('basic.html'), skip('basic.text'), pass('basic.cgi')])).toEqual({
      score: 7,
      maxScore: 7,
    });
    expect(scoreSuite(allOrNothing, [pass('cache.hit-text'), skip('cache.one-copy')])).toEqual({
      score: 10,
      maxScore: 10,
    });
  });

  test('a rubric check without a result counts as failed, so a missing result never inflates a score', () => {
    expect(scoreSuite(sumSuite, [pass('basic.html')])).toEqual({ score: 3, maxScore: 10 });
  });

  test('fractional points are rounded to 2 decimals', () => {
    const thirds: RubricSuite = {
      id: 'basic',
      checks: { 'basic.html': 0.1, 'basic.text': 0.2, 'basic.cgi': 1 / 3 },
    };
    expect(scoreSuite(thirds, [pass('basic.html'), pass('basic.text'), pass('basic.cgi')])).toEqual({
      score: 0.63,
      maxScore: 0.63,
    });
    expect(roundPoints(0.1 + 0.2)).toBe(0.3);
  });
});

describe('applyRubric', () => {
  const result = (id: string, passed: boolean, extra: Partial<UnscoredCheck> = {}): UnscoredCheck => ({
    id,
    title: id,
    passed,
    durationMs: 5,
    timedOut: false,
    ...extra,
  });
  const rubric: Rubric = { name: 'test', suites: [sumSuite, allOrNothing] };

  test('check scores add up to their suite score and suite scores to the total', () => {
    const scored = applyRubric(rubric, [
      {
        id: 'cache',
        title: 'Cache',
        durationMs: 9,
        checks: [result('cache.hit-text', true), result('cache.one-copy', false)],
      },
      {
        id: 'basic',
        title: 'Basic',
        durationMs: 7,
        checks: [
          result('basic.html', true),
          result('basic.text', false),
          result('basic.cgi', true),
          result('basic.extra', true),
        ],
      },
    ]);
    expect(scored.suites.map((s) => s.id)).toEqual(['basic', 'cache']);
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
    const scored = applyRubric({ name: 't', suites: [sumSuite] }, [
      {
        id: 'basic',
        title: 'Basic',
        durationMs: 1,
        checks: [result('basic.html', false, { skipped: 'no pid' })],
      },
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
});
