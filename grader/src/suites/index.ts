import type { Bilingual, CheckDef, SuiteDef, SuiteId } from '../types.js';
import { basicSuite } from './basic.js';
import { cacheSuite } from './cache.js';
import { cmuChecks } from './cmu.js';
import { concurrencySuite } from './concurrency.js';
import { robustnessSuite } from './robustness.js';

export const suites: readonly SuiteDef[] = [basicSuite, concurrencySuite, robustnessSuite, cacheSuite];

export { SUITE_IDS } from './ids.js';

export function suiteTitle(id: SuiteId): Bilingual {
  return suites.find((suite) => suite.id === id)?.title ?? { en: id, ko: id };
}

/** Every check the grader knows, by id (the default suites' and the CMU-compatible ones). */
export const checkRegistry: ReadonlyMap<string, CheckDef> = new Map(
  [...suites.flatMap((suite) => suite.checks), ...cmuChecks].map((check) => [check.id, check]),
);
