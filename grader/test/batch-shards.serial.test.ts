// Sharding and merging give the same class as one run; the fallback without namespaces still cleans up.
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeOutputs } from '../src/batch/merge.js';
import { runBatch } from '../src/batch/run-batch.js';
import { findLeftovers } from './support/batch/leftovers.js';
import type { BatchSummary } from '../src/batch/types.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const noBuildProducts = (source: string) => !/\/(proxy|big\.bin)$/.test(source);

let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'proxylab-batch-shards-'));
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('shards and merge', () => {
  let single: BatchSummary;
  let shards: BatchSummary[];
  const classDir = () => join(work, 'class');

  beforeAll(async () => {
    // 'ben' hashes to shard 1 of 2 and the others to shard 2 (sha256 of the name)
    const options = { recursive: true, filter: noBuildProducts };
    await cp(join(FIXTURES, 'submissions', 'correct'), join(classDir(), 'ben'), options);
    await cp(join(FIXTURES, 'submissions', '_common'), join(classDir(), '_common'), options);
    for (const name of ['ann', 'cat', 'dan', 'eve', 'fay']) {
      await cp(join(FIXTURES, 'hostile-submissions', 'make-fails'), join(classDir(), name), options);
    }
    const base = { dir: classDir(), jobs: 2, progress: false as const, seed: 'shards' };
    single = await runBatch({ ...base, outDir: join(work, 'single') });
    shards = [];
    for (const index of [1, 2]) {
      shards.push(
        await runBatch({ ...base, outDir: join(work, `shard-${index}`), shard: { index, count: 2 } }),
      );
    }
  }, 120_000);

  it('grades disjoint slices that together are the whole class', () => {
    const names = shards.map((s) => s.students.map((o) => o.student));
    expect(names).toEqual([['ben'], ['ann', 'cat', 'dan', 'eve', 'fay']]);
    expect(single.students.map((s) => s.student)).toEqual(['ann', 'ben', 'cat', 'dan', 'eve', 'fay']);
  });

  it('merges shard outputs into the same gradebook, Canvas file and students as a single run', async () => {
    const merged = await mergeOutputs({ dirs: shards.map((s) => s.outDir), outDir: join(work, 'merged') });
    expect(merged.missingShards).toEqual([]);
    for (const file of ['gradebook', 'canvas'] as const) {
      expect(await readFile(merged.files[file], 'utf8'), file).toBe(
        await readFile(single.files[file], 'utf8'),
      );
    }
    const report = JSON.parse(await readFile(join(merged.outDir, 'ben', 'report.json'), 'utf8'));
    expect(report.score).toBe(100);
    const overview = await readFile(merged.files.overview, 'utf8');
    expect(overview.match(/<tr data-student="/g)).toHaveLength(6);
  });

  it('says which shards are missing from a merge', async () => {
    const partial = await mergeOutputs({
      dirs: [shards[0]?.outDir as string],
      outDir: join(work, 'partial'),
    });
    expect(partial.missingShards).toEqual(['2/2']);
  });

  it('refuses to merge shards graded with different settings (here a rubric file)', async () => {
    const rubricFile = join(work, 'reweighted.json');
    await cp(join(import.meta.dirname, '..', 'rubrics', 'cmu.json'), rubricFile);
    const other = await runBatch({
      dir: classDir(),
      jobs: 2,
      progress: false,
      seed: 'shards',
      rubric: rubricFile,
      outDir: join(work, 'cmu-2'),
      shard: { index: 2, count: 2 },
    });
    expect(other.students.map((s) => [s.student, s.status, s.maxScore])).toContainEqual([
      'ann',
      'build-failed',
      70,
    ]);
    await expect(
      mergeOutputs({ dirs: [shards[0]?.outDir as string, other.outDir], outDir: join(work, 'bad') }),
    ).rejects.toThrow(/other settings/);
  });
});

describe('the fallback without namespaces', () => {
  it('still grades, and kills what escaped the process groups (a detached sleeper left by make; jailed, it dies with the jail)', async () => {
    const dir = join(work, 'fallback');
    await cp(join(FIXTURES, 'hostile-submissions', 'make-hangs'), join(dir, 'hangs'), { recursive: true });
    const summary = await runBatch({
      dir,
      outDir: join(work, 'fallback-out'),
      jobs: 1,
      sandbox: 'none',
      makeTimeoutSeconds: 2,
      progress: false,
    });
    expect(summary.sandbox.mode).toBe('none');
    expect(summary.students.map((s) => [s.student, s.status, s.score])).toEqual([
      ['hangs', 'build-failed', 0],
    ]);
    // jailed, the sleeper dies with make's jail; else the batch's uid / marker sweep finds it
    if (!summary.sandbox.jail)
      expect(summary.students[0]?.notes.join(' ')).toMatch(
        /[1-9]\d* process\(es\) outlived the grader and were killed/,
      );
    const report = JSON.parse(await readFile(join(summary.outDir, 'hangs', 'report.json'), 'utf8'));
    expect(report.target.notes.join(' ')).toContain('Graded without a network or PID namespace');
    expect(findLeftovers(summary)).toEqual({ processes: [], cgroup: false, tempRoot: false });
  });
});

describe('the wall budget', () => {
  it('stops a grading that outlives it and still writes a 0-point report saying why', async () => {
    const dir = join(work, 'wall');
    await cp(join(FIXTURES, 'hostile-submissions', 'never-binds'), join(dir, 'slow'), {
      recursive: true,
      filter: noBuildProducts,
    });
    const summary = await runBatch({
      dir,
      outDir: join(work, 'wall-out'),
      jobs: 1,
      wallSeconds: 3,
      progress: false,
    });
    const [slow] = summary.students;
    expect([slow?.status, slow?.score, slow?.maxScore]).toEqual(['wall-timeout', 0, 100]);
    const report = JSON.parse(await readFile(join(summary.outDir, 'slow', 'report.json'), 'utf8'));
    expect(report.target.notes[0]).toMatch(/wall budget of 3 s/);
    expect(findLeftovers(summary)).toEqual({ processes: [], cgroup: false, tempRoot: false });
  });
});
