// Batch grading, the parts that need no child grader: shards, CSV, gradebooks, discovery, hashing, report
// validation, the worker pool, formats, the overview page, and the CLI's usage errors.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { describe, expect, it, onTestFinished } from 'vitest';
import { BoundedLog } from '../src/batch/bounded-log.js';
import { csvCell, csvLine, parseCsv } from '../src/batch/csv.js';
import { discoverSubmissions, parseShard, selectShard, shardOf } from '../src/batch/discover.js';
import { resolveStudentFormats } from '../src/batch/formats.js';
import { renderCanvasGradebook, renderGradebook } from '../src/batch/gradebook.js';
import { hashSubmission } from '../src/batch/hash.js';
import { histogramOf } from '../src/batch/overview/model.js';
import { renderOverview } from '../src/batch/overview/render.js';
import { runPool } from '../src/batch/pool.js';
import { BatchProgress } from '../src/batch/progress.js';
import { findReportProblem, synthesizeReport } from '../src/batch/report-check.js';
import { detectSandbox } from '../src/batch/sandbox/detect.js';
import type { StudentOutcome } from '../src/batch/types.js';
import { UsageError } from '../src/errors.js';
import { loadRubric } from '../src/scoring/rubric.js';
import { checkRegistry } from '../src/suites/index.js';

const CLI = join(import.meta.dirname, '..', 'dist', 'cli.js');

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'proxylab-batch-test-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const outcome = (
  student: string,
  score: number | null,
  extra: Partial<StudentOutcome> = {},
): StudentOutcome => ({
  student,
  status: score === null ? 'grader-error' : 'graded',
  score,
  maxScore: score === null ? 0 : 100,
  suites: score === null ? {} : { basic: 40, concurrency: 20, robustness: 20, cache: score - 80 },
  checks: score === null ? {} : { 'basic.html': 3 },
  resumed: false,
  durationMs: 1000,
  hash: 'h',
  notes: [],
  ...extra,
});

describe('shards', () => {
  it('parses I/N and rejects anything outside 1 ≤ I ≤ N', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/2', '3/2', '1/0', 'x', '1/2/3']) expect(() => parseShard(bad)).toThrow(UsageError);
  });

  it('puts every student in exactly one shard, by name only, so a late submission moves nobody', () => {
    const names = Array.from({ length: 60 }, (_, i) => ({ student: `student${i}` }));
    const shards = [1, 2, 3].map((index) => selectShard(names, { index, count: 3 }));
    expect(
      shards
        .flat()
        .map((s) => s.student)
        .sort(),
    ).toEqual(names.map((s) => s.student).sort());
    expect(shards.every((shard) => shard.length > 0)).toBe(true);
    const before = names.map((s) => shardOf(s.student, 3));
    const after = [...names, { student: 'late' }].map((s) => shardOf(s.student, 3)).slice(0, names.length);
    expect(after).toEqual(before);
  });
});

describe('CSV', () => {
  it('quotes commas, quotes and newlines, and defuses spreadsheet formulas in names', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
    const line = csvLine(['x,y', 'line\nbreak', 7]);
    expect(parseCsv(line)).toEqual([['x,y', 'line\nbreak', '7']]);
  });

  it('writes one gradebook row per student with suite and check columns, blank for a grader error', async () => {
    const rubric = await loadRubric('default', new Set(checkRegistry.keys()));
    const rows = parseCsv(
      renderGradebook([outcome('ann', 90), outcome('bob', null, { reason: 'crash' })], rubric),
    );
    const header = rows[0] as string[];
    const checkCount = rubric.suites.reduce((n, s) => n + Object.keys(s.checks).length, 0);
    expect(header.slice(0, 8)).toEqual([
      'student',
      'status',
      'total',
      'max',
      'basic',
      'concurrency',
      'robustness',
      'cache',
    ]);
    expect(header).toHaveLength(4 + 4 + checkCount + 1);
    expect(rows).toHaveLength(3);
    expect(rows[1]?.slice(0, 8)).toEqual(['ann', 'graded', '90', '100', '40', '20', '20', '10']);
    expect(rows[2]?.slice(0, 5)).toEqual(['bob', 'grader-error', '', '100', '']);
    expect(rows[2]?.at(-1)).toBe('crash');
  });

  it('writes the Canvas import layout with a Points Possible row', async () => {
    const rubric = await loadRubric('cmu', new Set(checkRegistry.keys()));
    const rows = parseCsv(renderCanvasGradebook([outcome('ann', 55), outcome('bob', null)], rubric, 'Lab 4'));
    expect(rows).toEqual([
      ['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', 'Lab 4'],
      ['Points Possible', '', '', '', '', '70'],
      ['ann', '', '', 'ann', '', '55'],
      ['bob', '', '', 'bob', '', ''],
    ]);
  });
});

describe('discovery and hashing', () => {
  it('takes every folder as a submission except _shared and .hidden ones, and finds ../ siblings its build uses', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, '_common'));
    await mkdir(join(dir, '.git'));
    await mkdir(join(dir, 'zoe'));
    await mkdir(join(dir, 'elsewhere'));
    await writeFile(join(dir, 'notes.txt'), 'not a submission');
    await writeFile(
      join(dir, 'zoe', 'Makefile'),
      'proxy:\n\tcc -I../_common -o proxy proxy.c ../missing/x.c\n',
    );
    await symlink(join(dir, 'elsewhere'), join(dir, 'amy'));
    const found = await discoverSubmissions(dir);
    expect(found.map((s) => s.student)).toEqual(['amy', 'elsewhere', 'zoe']);
    expect([...(found[2]?.siblings.keys() ?? [])]).toEqual(['_common']);
  });

  it('hashes content, not timestamps, and changes when a file or a sibling changes', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'ann'));
    await mkdir(join(dir, '_common'));
    await writeFile(join(dir, 'ann', 'Makefile'), 'proxy: ; cc ../_common/a.c\n');
    await writeFile(join(dir, '_common', 'a.c'), 'int x;\n');
    const [ann] = await discoverSubmissions(dir);
    if (!ann) throw new Error('no submission found');
    const first = await hashSubmission(ann);
    await writeFile(join(dir, 'ann', 'Makefile'), 'proxy: ; cc ../_common/a.c\n');
    expect(await hashSubmission(ann)).toBe(first);
    await writeFile(join(dir, '_common', 'a.c'), 'int y;\n');
    expect(await hashSubmission(ann)).not.toBe(first);
  });
});

describe('pieces of a job', () => {
  it('keeps only the head and the tail of a flood of output', () => {
    const log = new BoundedLog(10);
    log.push(Buffer.from('HEAD-12345'));
    for (let i = 0; i < 1000; i++) log.push(Buffer.from('middle '));
    log.push(Buffer.from('the-TAIL!!'));
    const text = log.toString();
    expect(text.startsWith('HEAD-12345')).toBe(true);
    expect(text.endsWith('the-TAIL!!')).toBe(true);
    expect(text).toContain('bytes left out');
    expect(text.length).toBeLessThan(100);
  });

  it('rejects a report whose numbers the rubric cannot produce', async () => {
    const rubric = await loadRubric('default', new Set(checkRegistry.keys()));
    const options = {
      rubric,
      checks: checkRegistry,
      lang: 'en' as const,
      version: '0',
      seed: 's',
      student: 'x',
    };
    const report = synthesizeReport({ ...options, reason: 'test', durationMs: 1 });
    expect(findReportProblem(report, rubric)).toBeUndefined();
    expect(findReportProblem({ ...report, score: 100 }, rubric)).toMatch(/not the sum/);
    const forged = structuredClone(report);
    const check = forged.suites[0]?.checks[0];
    if (!check) throw new Error('empty rubric');
    check.score = 50;
    expect(findReportProblem(forged, rubric)).toMatch(/the rubric gives/);
  });

  it('runs at most N items at once, each on a slot no running item shares', async () => {
    let running = 0;
    let peak = 0;
    const busy = new Set<number>();
    const results = await runPool([1, 2, 3, 4, 5, 6, 7], 3, async (item, slot) => {
      expect(busy.has(slot)).toBe(false);
      busy.add(slot);
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((done) => setImmediate(done));
      running -= 1;
      busy.delete(slot);
      return item * 2;
    });
    expect(results).toEqual([2, 4, 6, 8, 10, 12, 14]);
    expect(peak).toBe(3);
  });

  it('always writes report.json and report.html and names other formats by a plain file name', () => {
    expect(resolveStudentFormats(['junit', 'markdown:feedback.md', 'html'])).toEqual([
      { name: 'json', file: 'report.json' },
      { name: 'html', file: 'report.html' },
      { name: 'junit', file: 'report.junit.xml' },
      { name: 'markdown', file: 'feedback.md' },
    ]);
    expect(() => resolveStudentFormats(['junit:../x.xml'])).toThrow(UsageError);
    expect(() => resolveStudentFormats(['markdown:meta.json'])).toThrow(UsageError);
    expect(() => resolveStudentFormats(['pdf'])).toThrow();
  });
});

describe('progress', () => {
  const sink = (isTTY: boolean) => {
    const chunks: string[] = [];
    const out = Object.assign(new PassThrough(), { isTTY, columns: 200 });
    out.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    return { out, text: () => chunks.join('') };
  };

  it('redraws one live line with an ETA on a terminal, and prints each finished student above it', async () => {
    const { out, text } = sink(true);
    const progress = new BatchProgress(out, 4, 2);
    progress.start('ann');
    progress.finish(outcome('ann', 90, { durationMs: 10_000 }));
    progress.close();
    await new Promise((done) => setImmediate(done));
    expect(text()).toContain('\r\x1b[K[1/4] ann 90/100 (graded, 10 s)\n');
    expect(text()).toMatch(/\[1\/4\] 25% · \d+ s elapsed · ETA 15 s/);
    expect(progress.eta()).toBe(15_000);
  });

  it('prints plain lines, without escapes, when stderr is not a terminal', async () => {
    const { out, text } = sink(false);
    const progress = new BatchProgress(out, 2, 2);
    progress.start('bob');
    progress.finish(outcome('bob', null, { reason: 'the grader exited with code 2' }));
    progress.close();
    await new Promise((done) => setImmediate(done));
    expect(text()).toBe('[1/2] bob no score (grader-error, 1 s: the grader exited with code 2)\n');
  });
});

describe('the class overview', () => {
  it('bins scores into ten ranges, the last one including full marks', () => {
    const bins = histogramOf([0, 9.99, 10, 55, 100, 100], 100);
    expect(bins.map((b) => b.count)).toEqual([2, 1, 0, 0, 0, 1, 0, 0, 0, 2]);
  });

  it('escapes student names and hints, and fetches nothing', () => {
    const model: Parameters<typeof renderOverview>[0] = {
      lang: 'en',
      title: 'class',
      generatedAt: 'now',
      rubric: 'default',
      maxScore: 100,
      suiteIds: ['basic'],
      sandbox: 'none',
      ranCount: 1,
      students: [
        {
          student: '<img src=x onerror=alert(1)>',
          status: 'graded',
          score: 5,
          maxScore: 100,
          suites: {},
          links: [],
        },
      ],
      checks: [
        {
          id: 'basic.html',
          suite: 'basic',
          title: 't',
          points: 3,
          passed: 0,
          total: 1,
          hint: '<script>x</script>',
          failedBy: [{ student: '<b>kim</b>', href: 'kim/report.html#basic.html' }],
        },
      ],
      histogram: histogramOf([5], 100),
    };
    const html = renderOverview(model);
    expect(html).toContain('<a href="kim/report.html#basic.html">&#60;b&#62;kim&#60;/b&#62;</a>');
    expect(html).toContain('<summary>1 student(s)</summary>');
    expect(renderOverview({ ...model, lang: 'ko' })).toContain('<th>실패한 학생</th>');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<script>x</script>');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html.match(/<rect class="bar"/g)).toHaveLength(10);
  });
});

describe('usage errors', () => {
  it('--sandbox docker plans container jobs or refuses with the reason, never grading without isolation', async () => {
    const dir = await tempDir();
    const plan = await detectSandbox('docker', dir).catch((error: Error) => error);
    if (plan instanceof Error) expect(plan.message).toMatch(/Docker|root|Linux|nsenter/);
    else expect(plan.info.mode).toBe('docker');
  });

  it('merge refuses a folder that is not a batch output', async () => {
    const dir = await tempDir();
    const run = await promisify(execFile)(process.execPath, [
      CLI,
      'merge',
      dir,
      '--out-dir',
      join(dir, 'm'),
    ]).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/is not a batch output folder/);
  });
});
