// Bundled rubrics live in grader/rubrics/ (package root), not under src/: tsc does not copy .json files, and
// `../../rubrics/` resolves to the same folder from src/scoring/*.ts (vitest) and from dist/scoring/*.js (built).

export const BUNDLED_RUBRICS = ['default', 'cmu'] as const;
export type BundledRubricName = (typeof BUNDLED_RUBRICS)[number];

export function isBundledRubric(name: string): name is BundledRubricName {
  return (BUNDLED_RUBRICS as readonly string[]).includes(name);
}

export function bundledRubricUrl(name: BundledRubricName): URL {
  return new URL(`../../rubrics/${name}.json`, import.meta.url);
}

export const RUBRIC_SCHEMA_URL: URL = new URL('../../rubrics/rubric.schema.json', import.meta.url);
