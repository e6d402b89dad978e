import { loadRubric } from '../scoring/rubric.js';
import { checkRegistry } from '../suites/index.js';
import { expectations } from './expectations.js';

/** Checks of the default rubric that no fixture is expected to fail (a check without a proving fixture). */
export async function uncoveredChecks(): Promise<string[]> {
  const rubric = await loadRubric('default', new Set(checkRegistry.keys()));
  const failedBySome = new Set(
    Object.entries(expectations)
      .filter(([name, e]) => name !== 'ignore-port' && e.fails !== 'all')
      .flatMap(([, e]) => e.fails as readonly string[]),
  );
  return rubric.suites.flatMap((s) => Object.keys(s.checks)).filter((id) => !failedBySome.has(id));
}
