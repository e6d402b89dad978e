// The package's programmatic API, imported the way a user would (through package.json `exports`, from dist/).
import { describe, expect, it } from 'vitest';
import { grade, UsageError } from '@proxylab/grader';

describe('grade() from @proxylab/grader', () => {
  it('grades the reference proxy and returns the report the CLI would render', async () => {
    const report = await grade({ only: 'basic.html,cache.lru-eviction', lang: 'en', seed: 'api1' });
    expect(report).toMatchObject({ rubric: 'default', seed: 'api1', lang: 'en', targetStarted: true });
    expect(report.target.kind).toBe('reference');
    expect(report.suites.flatMap((suite) => suite.checks.map((check) => check.id))).toEqual([
      'basic.html',
      'cache.lru-eviction',
    ]);
    expect(report.score).toBe(report.maxScore);
    expect(report.maxScore).toBeGreaterThan(0);
  });

  it('throws a UsageError for an option that names nothing, before any proxy starts', async () => {
    await expect(grade({ only: 'no-such-suite' })).rejects.toBeInstanceOf(UsageError);
  });
});
