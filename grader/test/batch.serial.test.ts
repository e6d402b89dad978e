// A class of corpus and hostile submissions graded with --jobs 2: every expected outcome, nothing left running,
// the class folder untouched, a second run regrading nothing, the CSV shapes, and the overview in Chromium.
import { cp, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../src/batch/csv.js';
import { discoverSubmissions } from '../src/batch/discover.js';
import { hashSubmission } from '../src/batch/hash.js';
import { runBatch } from '../src/batch/run-batch.js';
import { removeCgroupSync } from '../src/batch/sandbox/cgroup.js';
import { detectSandbox } from '../src/batch/sandbox/detect.js';
import { findChromium, runChromium } from './support/batch/chromium.js';
import { findLeftovers } from './support/batch/leftovers.js';
import type { BatchSummary, StudentOutcome } from '../src/batch/types.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const HOSTILE = join(FIXTURES, 'hostile-submissions');
/** corpus submissions and the checks each must lose in a full grading (default rubric) */
const CORPUS: Record<string, string[]> = {
  correct: [],
  sigpipe: ['robustness.abort-mid-response', 'robustness.fd-leak'],
  // every cache check: the property checks first prove that the proxy caches at all
  'no-cache': [
    'cache.hit-text',
    'cache.hit-binary',
    'cache.no-large-object',
    'cache.distinct-keys',
    'cache.lru-eviction',
    'cache.concurrent-hits',
    'cache.one-copy',
  ],
};

interface Expected {
  status: string;
  score?: number;
  reason?: string;
  buildLog?: string;
  proxyLog?: string;
  requires?: 'process-limit' | 'network-namespace';
}

let work: string;
let classDir: string;
let outDir: string;
let summary: BatchSummary;
let expected: Record<string, Expected>;
const skipped: string[] = [];
const hashesBefore = new Map<string, string>();

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'proxylab-batch-serial-'));
  classDir = join(work, 'class');
  outDir = join(work, 'out');
  const probe = await detectSandbox('auto', work);
  if (probe.cgroup) removeCgroupSync(probe.cgroup.path);
  if (probe.memoryCgroup) removeCgroupSync(probe.memoryCgroup);
  const namespaces = probe.info.mode === 'namespace';
  const processLimit = Boolean(probe.cgroup || probe.setpriv || process.getuid?.() !== 0);
  expected = JSON.parse(await readFile(join(HOSTILE, 'expected.json'), 'utf8')) as Record<string, Expected>;
  for (const [name, want] of Object.entries(expected)) {
    // the fork bomb only ever runs under a process limit; connect-out only inside a network namespace
    const runnable =
      want.requires === 'process-limit'
        ? processLimit
        : want.requires === 'network-namespace'
          ? namespaces
          : true;
    if (runnable) await copyFixture(join(HOSTILE, name), join(classDir, name));
    else skipped.push(`${name} (needs ${want.requires})`);
  }
  for (const name of [...Object.keys(CORPUS), '_common']) {
    await copyFixture(join(FIXTURES, 'submissions', name), join(classDir, name));
  }
  for (const submission of await discoverSubmissions(classDir)) {
    hashesBefore.set(submission.student, await hashSubmission(submission));
  }
  summary = await runBatch({
    dir: classDir,
    outDir,
    jobs: 2,
    makeTimeoutSeconds: 5,
    formats: ['junit'],
    progress: false,
  });
}, 170_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

/** Copies a fixture without build products, so the batch really builds it. */
async function copyFixture(from: string, to: string): Promise<void> {
  await cp(from, to, {
    recursive: true,
    filter: (source) => !/\/(proxy|big\.bin)$/.test(source) || source.endsWith('.c'),
  });
}

const byName = (name: string): StudentOutcome => {
  const found = summary.students.find((s) => s.student === name);
  if (!found) throw new Error(`${name} is not in the batch`);
  return found;
};

describe('a batch of corpus and hostile submissions (--jobs 2)', () => {
  it('gives every hostile submission a report with its expected outcome', async () => {
    if (skipped.length > 0) console.warn(`batch: skipped ${skipped.join(', ')} on this host`);
    for (const [name, want] of Object.entries(expected)) {
      if (skipped.some((s) => s.startsWith(`${name} `))) continue;
      const got = byName(name);
      const where = `${name}: ${JSON.stringify(got)}`;
      expect(got.status, where).toBe(want.status);
      expect(got.score, where).toBe(want.score ?? 0);
      if (want.reason) expect(got.reason, where).toContain(want.reason);
      const report = JSON.parse(await readFile(join(outDir, name, 'report.json'), 'utf8'));
      expect(report.score, where).toBe(got.score);
      await stat(join(outDir, name, 'report.junit.xml'));
      if (want.buildLog)
        expect(await readFile(join(outDir, name, 'build.log'), 'utf8'), where).toContain(want.buildLog);
      if (want.proxyLog)
        expect(await readFile(join(outDir, name, 'proxy.log'), 'utf8'), where).toContain(want.proxyLog);
    }
  });

  it('contains the fork bomb with the per-job process limit', () => {
    if (skipped.some((s) => s.startsWith('fork-bomb '))) return;
    const bomb = byName('fork-bomb');
    // jailed, the proxy's own pids cgroup (nested in the job's) refuses the forks first, and the report says so
    if (summary.sandbox.jail)
      expect(bomb.reason).toMatch(/hit the \d+-process limit: \d+ forks were refused/);
    else if (summary.sandbox.pidsCgroup)
      expect(bomb.notes.join(' ')).toMatch(/process limit \(512\) refused \d+ forks/);
  });

  it('scores the corpus submissions exactly: each loses the checks of its flaw and nothing else', () => {
    for (const [name, losses] of Object.entries(CORPUS)) {
      const got = byName(name);
      expect(got.status, name).toBe('graded');
      const lost = Object.entries(got.checks).filter(
        ([id, points]) => points === 0 && !id.includes('skipped'),
      );
      expect(lost.map(([id]) => id).sort(), name).toEqual([...losses].sort());
    }
    expect(byName('correct').score).toBe(100);
  });

  it('leaves no process, namespace member, cgroup or temporary folder behind', () => {
    expect(findLeftovers(summary)).toEqual({ processes: [], cgroup: false, tempRoot: false });
  });

  it('never modifies the class folder', async () => {
    for (const submission of await discoverSubmissions(classDir)) {
      expect(await hashSubmission(submission), submission.student).toBe(hashesBefore.get(submission.student));
    }
  });

  it('writes a gradebook with one row per student and a column per suite and check, and a Canvas file', async () => {
    const rows = parseCsv(await readFile(summary.files.gradebook, 'utf8'));
    const header = rows[0] as string[];
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
    expect(header).toContain('cache.lru-eviction');
    expect(rows.slice(1).map((r) => r[0])).toEqual(summary.students.map((s) => s.student));
    expect(rows.slice(1).every((r) => r.length === header.length)).toBe(true);
    const correct = rows.find((r) => r[0] === 'correct') as string[];
    const suiteSum = [4, 5, 6, 7].reduce((n, i) => n + Number(correct[i]), 0);
    expect([correct[2], String(suiteSum)]).toEqual(['100', '100']);
    const canvas = parseCsv(await readFile(summary.files.canvas, 'utf8'));
    expect(canvas[1]).toEqual(['Points Possible', '', '', '', '', '100']);
    expect(canvas).toHaveLength(summary.students.length + 2);
  });

  it('regrades nothing on a second run over unchanged submissions, and writes the same gradebook', async () => {
    const before = await readFile(summary.files.gradebook, 'utf8');
    const again = await runBatch({
      dir: classDir,
      outDir,
      jobs: 2,
      makeTimeoutSeconds: 5,
      formats: ['junit'],
      progress: false,
    });
    expect(again.graded).toBe(0);
    expect(again.resumed).toBe(summary.students.length);
    expect(await readFile(again.files.gradebook, 'utf8')).toBe(before);
    expect(findLeftovers(again)).toEqual({ processes: [], cgroup: false, tempRoot: false });
  });

  const chromium = findChromium();
  if (!chromium)
    console.warn(
      'batch: the overview test is skipped: no chromium here (CI installs it: apt-get install -y chromium)',
    );
  it.skipIf(!chromium)(
    'renders an overview Chromium shows with a histogram, per-check rates and sortable rows',
    async () => {
      const url = `file://${summary.files.overview}`;
      const dom = await runChromium(chromium as string, ['--dump-dom', `${url}#sort=total:asc`]);
      const bars = [...dom.matchAll(/<rect class="bar" data-bin="\d+" data-count="(\d+)"/g)].map((m) =>
        Number(m[1]),
      );
      expect(bars).toHaveLength(10);
      expect(bars.reduce((a, b) => a + b, 0)).toBe(summary.students.filter((s) => s.score !== null).length);
      expect(dom.match(/<tr data-check="/g)).toHaveLength(Object.keys(byName('correct').checks).length);
      expect(dom).toContain('data-sorted="total:asc"');
      const order = [...dom.matchAll(/<tr data-student="([^"]+)"/g)].map((m) => m[1]);
      const expectedOrder = [...summary.students]
        .sort((a, b) => (a.score ?? 0) - (b.score ?? 0) || a.student.localeCompare(b.student))
        .map((s) => s.student);
      expect(order).toEqual(expectedOrder);
      const byStudentDesc = await runChromium(chromium as string, ['--dump-dom', `${url}#sort=student:desc`]);
      const names = [...byStudentDesc.matchAll(/<tr data-student="([^"]+)"/g)].map((m) => m[1]);
      expect(names).toEqual(
        summary.students
          .map((s) => s.student)
          .sort()
          .reverse(),
      );
      const png = join(tmpdir(), 'proxylab-overview.png');
      await runChromium(chromium as string, ['--window-size=1280,1600', `--screenshot=${png}`, url]);
      expect((await stat(png)).size).toBeGreaterThan(10_000);
    },
  );
});
