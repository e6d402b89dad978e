// What each grading platform shows for a correct and a crashing submission, read the way the platform reads our
// files: Gradescope's results.json rules, GitHub Classroom's grading reporter (its console and its notice),
// Autolab's parseAutoresult, a JUnit reader summing the point properties, and Canvas's gradebook importer.
// Every one must show the score of the submission's report.json.
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../src/batch/csv.js';
import { runBatch } from '../src/batch/run-batch.js';
import type { ClassroomResult } from '../src/reporters/classroom.js';
import { childElements, parseXml } from '../src/reporters/testing/parse-xml.js';

const SUBMISSIONS = join(import.meta.dirname, 'fixtures', 'submissions');
/** the correct corpus proxy, and one that SIGPIPE kills when a client leaves mid-response (93 of 100) */
const STUDENTS = ['correct', 'sigpipe'] as const;

let work: string;
let outDir: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'proxylab-platforms-'));
  const classDir = join(work, 'class');
  outDir = join(work, 'out');
  for (const name of [...STUDENTS, '_common']) {
    await cp(join(SUBMISSIONS, name), join(classDir, name), {
      recursive: true,
      filter: (source) => !source.endsWith('/proxy'),
    });
  }
  await runBatch({
    dir: classDir,
    outDir,
    jobs: 2,
    makeTimeoutSeconds: 10,
    formats: ['gradescope', 'classroom', 'autolab', 'junit'],
    progress: false,
  });
}, 170_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

const read = (student: string, file: string) => readFile(join(outDir, student, file), 'utf8');
const ourScore = async (student: string): Promise<number> =>
  (JSON.parse(await read(student, 'report.json')) as { score: number }).score;
const cents = (n: number) => Math.round(n * 100);

/** Gradescope: a top-level `score` overrides the tests' sum; without it the tests' scores are summed. */
function gradescopeTotal(results: { score?: number; tests?: Array<{ score?: number }> }): number {
  return results.score ?? (results.tests ?? []).reduce((n, t) => n + (t.score ?? 0), 0);
}

/** The grading reporter's two totals: the notice sums `score`; the console prints passed ÷ tests × max_score. */
function classroomTotals(output: string): { notice: number; console: number; max: number } {
  const line = output.trim().split('\n').at(-1) ?? '';
  const result = JSON.parse(
    Buffer.from(line.replace(/^result=/, ''), 'base64').toString('utf8'),
  ) as ClassroomResult;
  const passed = result.tests.filter((t) => t.status === 'pass').length;
  return {
    notice: result.tests.reduce((n, t) => n + t.score, 0),
    console: (passed / result.tests.length) * (result.max_score || 1),
    max: result.max_score,
  };
}

/** Autolab's default parseAutoresult: the last line, bare keys quoted, JSON; the total is the sum of `scores`. */
function autolabTotal(output: string): number {
  const line = output.trimEnd().split('\n').at(-1) ?? '';
  const parsed = JSON.parse(line.replaceAll(/([a-zA-Z0-9]+):/g, '"$1":')) as {
    scores: Record<string, number>;
  };
  return Object.values(parsed.scores).reduce((n, s) => n + s, 0);
}

/** A JUnit reader: every testcase's `score` property summed, and the failures counted. */
function junitTotals(xml: string): { score: number; failures: number; failed: number } {
  const root = parseXml(xml);
  const cases = childElements(root, 'testsuite').flatMap((s) => childElements(s, 'testcase'));
  const property = (testcase: (typeof cases)[number], name: string) =>
    childElements(childElements(testcase, 'properties')[0]!, 'property').find((p) => p.attrs.name === name)
      ?.attrs.value;
  return {
    score: cases.reduce((n, t) => n + Number(property(t, 'score') ?? Number.NaN), 0),
    failures: Number(root.attrs.failures),
    failed: cases.filter((t) => childElements(t, 'failure').length > 0).length,
  };
}

describe.each(STUDENTS)('every platform shows the score of report.json for %s', (student) => {
  it('Gradescope (results.json)', async () => {
    const results = JSON.parse(await read(student, 'results.json'));
    expect(cents(gradescopeTotal(results))).toBe(cents(await ourScore(student)));
    // without the override the tests' scores add up to the same total
    expect(cents(gradescopeTotal({ tests: results.tests }))).toBe(cents(await ourScore(student)));
  });

  it("GitHub Classroom's grading reporter: its console and its notice", async () => {
    const totals = classroomTotals(await read(student, 'classroom-output.txt'));
    expect(totals.max).toBe(100);
    expect(cents(totals.notice)).toBe(cents(await ourScore(student)));
    expect(cents(totals.console)).toBe(cents(await ourScore(student)));
  });

  it("Autolab's parseAutoresult", async () => {
    expect(cents(autolabTotal(await read(student, 'autoresult.txt')))).toBe(cents(await ourScore(student)));
  });

  it('a JUnit reader summing the point properties', async () => {
    const totals = junitTotals(await read(student, 'report.junit.xml'));
    expect(cents(totals.score)).toBe(cents(await ourScore(student)));
    expect(totals.failures).toBe(totals.failed);
    expect(totals.failed > 0).toBe(student !== 'correct');
  });
});

it("Canvas's importer reads one row per student, matched by SIS Login ID, with the score under the assignment", async () => {
  const rows = parseCsv(
    (await readFile(join(outDir, 'gradebook-canvas.csv'), 'utf8')).replace(/^\uFEFF/, ''),
  );
  const [head, possible, ...students] = rows;
  expect(head?.slice(0, 5)).toEqual(['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section']);
  expect(possible?.[0]).toBe('Points Possible');
  expect(Number(possible?.[5])).toBe(100);
  for (const student of STUDENTS) {
    const row = students.find((r) => r[3] === student);
    expect(row, student).toBeDefined();
    // a row Canvas can match needs an ID, SIS User ID or SIS Login ID; the points are a plain number
    expect(row!.slice(1, 4).some((cell) => cell !== '')).toBe(true);
    expect(row![5]).toMatch(/^\d+(\.\d+)?$/);
    expect(cents(Number(row![5]))).toBe(cents(await ourScore(student)));
  }
  // the crashing submission keeps some points and loses others of unequal weight: no total above is 100 = 100 or
  // 0 = 0, and a test per check would make the Classroom console's passed ÷ tests differ from it
  const crashed = await ourScore('sigpipe');
  expect(crashed).toBeGreaterThan(0);
  expect(crashed).toBeLessThan(100);
});
