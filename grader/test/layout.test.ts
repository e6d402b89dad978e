// A check is findable from its id: 'cache.lru-eviction' lives in src/suites/cache/lru-eviction.ts, and the cmu
// rubric's 'basic.cmu-home' in src/suites/cmu/cmu-home.ts (the rule suites/README.md states).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CheckDef } from '../src/types.js';
import { cmuChecks } from '../src/suites/cmu.js';
import { checkRegistry, suites } from '../src/suites/index.js';

const suitesDir = new URL('../src/suites/', import.meta.url);

/** The file a check must live in: suites/<suite>/<name>.ts, or suites/cmu/<name>.ts for the cmu rubric's. */
function fileFor(check: CheckDef, cmu: boolean): URL {
  const [suite, name, ...rest] = check.id.split('.');
  expect(rest, `${check.id} is <suite>.<name>`).toEqual([]);
  return new URL(`${cmu ? 'cmu' : suite}/${name}.ts`, suitesDir);
}

const placed: Array<{ check: CheckDef; cmu: boolean }> = [
  ...suites.flatMap((suite) => suite.checks.map((check) => ({ check, cmu: false }))),
  ...cmuChecks.map((check) => ({ check, cmu: true })),
];

describe('suites layout', () => {
  it('places every registered check by the rule, and nothing else', () => {
    expect(placed.map(({ check }) => check.id).sort()).toEqual([...checkRegistry.keys()].sort());
    for (const suite of suites) {
      for (const check of suite.checks) expect(check.id.startsWith(`${suite.id}.`), check.id).toBe(true);
    }
  });

  it.each(placed.map(({ check, cmu }) => [check.id, check, cmu] as const))(
    '%s lives in the file its id names and is exported from it',
    async (id, check, cmu) => {
      const file = fileFor(check, cmu);
      expect(existsSync(file), `${fileURLToPath(file)} exists`).toBe(true);
      // defined there, not re-exported from elsewhere: the id is written in that file
      expect(readFileSync(file, 'utf8'), `${fileURLToPath(file)} defines ${id}`).toContain(`'${id}'`);
      const exported: Record<string, unknown> = await import(file.href);
      const found = Object.values(exported).filter(
        (value) => typeof value === 'object' && value !== null && (value as CheckDef).id === id,
      );
      expect(found, `${fileURLToPath(file)} exports the check ${id}`).toEqual([checkRegistry.get(id)]);
    },
  );

  it('keeps registered checks out of suites/support/ (helpers only)', async () => {
    const supportDir = new URL('support/', suitesDir);
    const files = readdirSync(supportDir, { recursive: true, encoding: 'utf8' }).filter(
      (name) => name.endsWith('.ts') && !name.endsWith('.test.ts'),
    );
    expect(files.length).toBeGreaterThan(0);
    const registered = new Set(checkRegistry.values());
    for (const name of files) {
      const exported: Record<string, unknown> = await import(new URL(name, supportDir).href);
      const checks = Object.entries(exported).filter(([, value]) => registered.has(value as CheckDef));
      expect(
        checks.map(([key]) => key),
        `support/${name} exports no registered check`,
      ).toEqual([]);
    }
  });
});
