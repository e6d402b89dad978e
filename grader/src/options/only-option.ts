import { UsageError } from '../errors.js';
import { SUITE_IDS } from '../suites/index.js';
import type { Rubric, SuiteId } from '../types.js';

/**
 * `--only basic,cache` keeps those suites; `--only concurrency.barrier` keeps that one check (the student report's
 * rerun command); both may be mixed. Rubric order and points are kept.
 */
export function filterSuites(rubric: Rubric, only: string | undefined): Rubric {
  if (!only) return rubric;
  const wanted = only
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const checkIds = new Set(rubric.suites.flatMap((suite) => Object.keys(suite.checks)));
  const unknown = wanted.filter((id) => !SUITE_IDS.includes(id as SuiteId) && !checkIds.has(id));
  if (unknown.length > 0) {
    throw new UsageError(
      `--only names ${unknown.join(', ')}, which is no suite or check of the ${rubric.name} rubric.`,
      [`suites: ${SUITE_IDS.join(', ')}`, `checks: ${[...checkIds].join(', ')}`],
    );
  }
  const suites = rubric.suites.flatMap((suite) => {
    if (wanted.includes(suite.id)) return [suite];
    const checks = Object.entries(suite.checks).filter(([id]) => wanted.includes(id));
    return checks.length > 0 ? [{ ...suite, checks: Object.fromEntries(checks) }] : [];
  });
  if (suites.length === 0) {
    throw new UsageError(`The ${rubric.name} rubric has none of the suites ${wanted.join(', ')}.`);
  }
  return { ...rubric, suites };
}
