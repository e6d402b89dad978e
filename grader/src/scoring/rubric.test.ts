import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, onTestFinished, test } from 'vitest';
import { RubricError } from './errors.js';
import { loadRubric } from './rubric.js';

// The ids the suites define (SPEC §3); the rubric layer only sees them as a set.
const KNOWN = new Set([
  ...['html', 'text', 'binary-small', 'binary-large', 'binary-huge', 'cgi', 'default-path', 'query-escapes']
    .concat(['origin-port', 'request-line', 'host-header', 'required-headers', 'header-passthrough'])
    .concat(['nothing-after-head', 'cmu-home', 'cmu-source-1', 'cmu-source-2', 'cmu-jpeg', 'cmu-exe'])
    .map((name) => `basic.${name}`),
  ...['hung-origin', 'slow-client', 'barrier', 'release-order', 'distinct-clients', 'cmu-nop'].map(
    (name) => `concurrency.${name}`,
  ),
  ...['abort-mid-response', 'early-client-close', 'origin-refused', 'origin-reset', 'origin-early-close']
    .concat(['malformed-request', 'unsupported-method', 'fd-leak'])
    .map((name) => `robustness.${name}`),
  ...[
    'hit-text',
    'hit-binary',
    'no-large-object',
    'lru-eviction',
    'distinct-keys',
    'concurrent-hits',
    'one-copy',
  ]
    .concat(['cmu-origin-stopped'])
    .map((name) => `cache.${name}`),
]);

async function writeRubric(content: unknown, name = 'mine.json'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rubric-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, name);
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

async function rubricError(nameOrPath: string): Promise<RubricError> {
  const error = await loadRubric(nameOrPath, KNOWN).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RubricError);
  const rubricError = error as RubricError;
  expect(rubricError.code).toBe('GRADER_ERR_RUBRIC');
  // One sentence first: a single line ending in a full stop; everything else goes to details.
  expect(rubricError.message).not.toContain('\n');
  expect(rubricError.message).toMatch(/\.$/);
  return rubricError;
}

function total(suites: { checks: Record<string, number> }[]): number {
  return suites.reduce((sum, suite) => sum + Object.values(suite.checks).reduce((a, b) => a + b, 0), 0);
}

describe('bundled rubrics', () => {
  test('the default rubric validates and is worth 100 points: basic 40, the other suites 20 each', async () => {
    const rubric = await loadRubric('default', KNOWN);
    expect(rubric.name).toBe('default');
    expect(total(rubric.suites)).toBe(100);
    expect(rubric.suites.map((s) => [s.id, total([s]), s.scoring])).toEqual([
      ['basic', 40, 'sum'],
      ['concurrency', 20, 'sum'],
      ['robustness', 20, 'sum'],
      ['cache', 20, 'sum'],
    ]);
    expect(Object.keys(rubric.suites[0]!.checks)).toHaveLength(14);
  });

  test('the cmu rubric validates, is worth 70 points and scores concurrency and cache all or nothing', async () => {
    const rubric = await loadRubric('cmu', KNOWN);
    expect(total(rubric.suites)).toBe(70);
    expect(rubric.freshTargetPerSuite).toBe(true);
    // driver.sh restarts nothing within a phase and keeps a file fetched before the proxy died
    expect(rubric.restarts).toBe('per-suite');
    expect(rubric.suites.map((s) => [s.id, total([s]), s.scoring])).toEqual([
      ['basic', 40, 'sum'],
      ['concurrency', 15, 'all-or-nothing'],
      ['cache', 15, 'all-or-nothing'],
    ]);
    expect(Object.values(rubric.suites[0]!.checks)).toEqual([8, 8, 8, 8, 8]);
  });

  test('a bundled rubric naming a check the suites no longer define is refused', async () => {
    const known = new Set([...KNOWN].filter((id) => id !== 'basic.cgi'));
    await expect(loadRubric('default', known)).rejects.toThrow(
      'The bundled rubric "default" names a check that does not exist: basic.cgi.',
    );
  });
});

describe('rubric files', () => {
  test('a file listing a subset of the checks, reweighted with fractions, is valid and named after the file', async () => {
    const path = await writeRubric(
      { suites: [{ id: 'cache', checks: { 'cache.hit-text': 2.5, 'cache.one-copy': 0.25 } }] },
      'cache-only.json',
    );
    const rubric = await loadRubric(path, KNOWN);
    expect(rubric).toEqual({
      name: 'cache-only',
      suites: [{ id: 'cache', scoring: 'sum', checks: { 'cache.hit-text': 2.5, 'cache.one-copy': 0.25 } }],
    });
  });

  test('a file that does not exist is reported as such, naming the bundled rubrics', async () => {
    const error = await rubricError('/nonexistent/rubric.json');
    expect(error.message).toBe('The rubric file /nonexistent/rubric.json does not exist.');
    expect(error.details.join('\n')).toContain('default, cmu');
  });

  test('a file that is not JSON is reported with the line and column of the first bad character', async () => {
    const path = await writeRubric('{\n  "suites": [\n    { "id": "basic", }\n  ]\n}\n');
    const error = await rubricError(path);
    expect(error.message).toBe(
      `The rubric file ${path} is not valid JSON at line 3, column 22 (position 37).`,
    );
    expect(error.details.at(-1)).toBe(`  ${' '.repeat(21)}^`);
  });

  test('each schema violation is listed with its JSON pointer', async () => {
    const path = await writeRubric({ suites: [{ id: 'basic', checks: { 'basic.html': '3' } }], extra: true });
    const error = await rubricError(path);
    expect(error.message).toBe(`The rubric file ${path} does not match the rubric schema (2 problems).`);
    expect(error.details).toContain('at /suites/0/checks/basic.html: must be number');
    expect(error.details).toContain('at /: must NOT have additional properties: "extra"');
  });

  test('an unknown suite id lists the allowed ones', async () => {
    const path = await writeRubric({ suites: [{ id: 'caching', checks: { 'cache.hit-text': 3 } }] });
    const error = await rubricError(path);
    expect(error.details).toContain(
      'at /suites/0/id: must be equal to one of the allowed values: "basic", "concurrency", "robustness", "cache"',
    );
  });

  test('an unknown check id is named, with the known ids closest to it', async () => {
    const path = await writeRubric({ suites: [{ id: 'basic', checks: { 'basic.htlm': 3 } }] });
    const error = await rubricError(path);
    expect(error.message).toBe(`The rubric file ${path} names a check that does not exist: basic.htlm.`);
    expect(error.details[0]).toBe('Did you mean basic.html?');
    expect(error.details[1]).toContain('basic.binary-huge');
  });

  test('a check listed in two suites is refused', async () => {
    const path = await writeRubric({
      suites: [
        { id: 'cache', checks: { 'cache.hit-text': 3 } },
        { id: 'basic', checks: { 'basic.html': 3, 'cache.hit-text': 3 } },
      ],
    });
    const error = await rubricError(path);
    expect(error.message).toBe(
      `The rubric file ${path} lists check cache.hit-text in two suites (cache and basic).`,
    );
  });

  test('a check placed in a suite its id does not name is refused', async () => {
    const path = await writeRubric({
      suites: [{ id: 'basic', checks: { 'basic.html': 3, 'cache.hit-text': 3 } }],
    });
    const error = await rubricError(path);
    expect(error.message).toBe(
      `The rubric file ${path} puts check cache.hit-text in suite basic, but its id says it belongs to suite cache.`,
    );
  });

  test('negative points are refused, naming the check', async () => {
    const path = await writeRubric({
      suites: [{ id: 'basic', checks: { 'basic.html': 3, 'basic.text': -2 } }],
    });
    const error = await rubricError(path);
    expect(error.message).toBe(
      `The rubric file ${path} gives negative points to basic.text; points must be 0 or more.`,
    );
    expect(error.details).toContain('at /suites/0/checks/basic.text: must be >= 0');
  });

  test.each([
    ['no suites', { suites: [] }],
    ['suites without checks', { suites: [{ id: 'basic', checks: {} }] }],
    ['only checks worth 0', { suites: [{ id: 'basic', checks: { 'basic.html': 0 } }] }],
  ])('an empty rubric (%s) is refused because it would grade every proxy 0/0', async (_, content) => {
    const path = await writeRubric(content);
    const error = await rubricError(path);
    expect(error.message).toBe(
      `The rubric file ${path} has no points to give: it would grade every proxy 0/0.`,
    );
  });

  test('several problems give the first as the sentence and the others in the details', async () => {
    const path = await writeRubric({
      suites: [{ id: 'basic', checks: { 'basic.nope': 1, 'basic.nada': 1 } }],
    });
    const error = await rubricError(path);
    expect(error.message).toContain('basic.nope');
    expect(error.details.join('\n')).toContain(
      `Also: the rubric file ${path} names a check that does not exist: basic.nada.`,
    );
  });
});
