import { expect, test } from 'vitest';
import { checkRegistry } from '../suites/index.js';
import { loadRubric } from './rubric.js';

// Guards against drift between grader/rubrics/*.json and the checks the suites actually define.
test.each([
  ['default', 100],
  ['cmu', 70],
])(
  'the bundled %s rubric names only checks the suites define and is worth %i points',
  async (name, points) => {
    const rubric = await loadRubric(name, new Set(checkRegistry.keys()));
    const total = rubric.suites.flatMap((s) => Object.values(s.checks)).reduce((a, b) => a + b, 0);
    expect(total).toBe(points);
  },
);
