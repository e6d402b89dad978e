import { describe, expect, it } from 'vitest';
import { loadRubric } from '../scoring/rubric.js';
import { checkRegistry } from '../suites/index.js';
import { filterSuites } from './only-option.js';

describe('--only', () => {
  it('keeps whole suites, single checks (the rerun command of a report), or both, with their points', async () => {
    const rubric = await loadRubric('default', new Set(checkRegistry.keys()));
    const some = filterSuites(rubric, 'cache,concurrency.barrier');
    expect(some.suites.map((s) => s.id)).toEqual(['concurrency', 'cache']);
    expect(Object.keys(some.suites[0]!.checks)).toEqual(['concurrency.barrier']);
    expect(some.suites[0]!.checks['concurrency.barrier']).toBe(
      rubric.suites[1]!.checks['concurrency.barrier'],
    );
    expect(some.suites[1]).toEqual(rubric.suites.find((s) => s.id === 'cache'));
  });

  it('refuses a name that is no suite or check, listing both', async () => {
    const rubric = await loadRubric('default', new Set(checkRegistry.keys()));
    expect(() => filterSuites(rubric, 'cache.lru')).toThrow(/cache\.lru, which is no suite or check/);
  });
});
