import { cp, mkdir, readFile, realpath } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { rubricMaxScore } from '../scoring/score.js';
import { readRoster } from './roster.js';
import { type BatchRecord, OUTPUT_FILES, scoreStats, writeClassOutputs } from './outputs.js';
import type { BatchSummary, StudentOutcome } from './types.js';

export interface MergeOptions {
  /** out dirs of `batch --shard I/N` runs */
  dirs: string[];
  outDir: string;
  /** Canvas column; default: the shards' */
  assignment?: string;
  /** Roster CSV for the gradebooks and overview (see BatchOptions.roster). */
  roster?: string;
}

async function readRecord(dir: string): Promise<BatchRecord> {
  const path = join(dir, OUTPUT_FILES.summary);
  const text = await readFile(path, 'utf8').catch((cause: unknown) => {
    throw new UsageError(`${dir} is not a batch output folder: it has no ${OUTPUT_FILES.summary}.`, [
      String((cause as Error).message),
    ]);
  });
  const record = JSON.parse(text) as BatchRecord;
  if (record.schemaVersion !== 1 || !Array.isArray(record.students)) {
    throw new UsageError(`${path} is not a batch record this grader understands.`);
  }
  return record;
}

/**
 * Joins the out dirs of shard runs into one: every student folder copied into `outDir`, then one gradebook, one
 * Canvas file and one overview over all of them. Shards must have been graded with the same rubric and settings,
 * and no student may appear twice.
 */
export async function mergeOutputs(
  options: MergeOptions,
): Promise<BatchSummary & { missingShards: string[] }> {
  if (options.dirs.length === 0) throw new UsageError('merge needs at least one batch output folder.');
  const started = performance.now();
  const records = await Promise.all(options.dirs.map(readRecord));
  const first = records[0] as BatchRecord;
  const seen = new Map<string, string>();
  const students: StudentOutcome[] = [];
  for (const [i, record] of records.entries()) {
    const dir = options.dirs[i] as string;
    if (
      record.configKey !== first.configKey ||
      JSON.stringify(record.rubric) !== JSON.stringify(first.rubric)
    ) {
      throw new UsageError(`${dir} was graded with other settings than ${options.dirs[0]}.`, [
        'Every shard must run with the same rubric, limits, formats, language and grader version.',
      ]);
    }
    for (const student of record.students) {
      const other = seen.get(student.student);
      if (other) throw new UsageError(`Student ${student.student} is in both ${other} and ${dir}.`);
      seen.set(student.student, dir);
      students.push(student);
    }
  }
  const roster = options.roster ? await readRoster(options.roster) : undefined;
  const outDir = resolve(options.outDir);
  await mkdir(outDir, { recursive: true });
  const realOut = await realpath(outDir);
  for (const student of students) {
    const from = await realpath(join(seen.get(student.student) as string, student.student)).catch(
      () => undefined,
    );
    const to = join(realOut, student.student);
    if (from && from !== to) await cp(from, to, { recursive: true, force: true });
  }
  students.sort((a, b) => (a.student < b.student ? -1 : a.student > b.student ? 1 : 0));
  const missingShards = findMissingShards(records);
  const wallMs = Math.max(...records.map((r) => r.wallMs));
  const jobs = records.reduce((n, r) => n + r.jobs, 0);
  const files = await writeClassOutputs(
    realOut,
    {
      ...first,
      assignment: options.assignment ?? first.assignment,
      shard: undefined,
      jobs,
      wallMs,
      finishedAt: new Date().toISOString(),
      students,
    },
    roster,
  );
  const { mean, median } = scoreStats(students);
  return {
    outDir: realOut,
    students,
    graded: students.filter((s) => !s.resumed).length,
    resumed: students.filter((s) => s.resumed).length,
    errors: students.filter((s) => s.status === 'grader-error').length,
    maxScore: rubricMaxScore(first.rubric),
    meanScore: mean,
    medianScore: median,
    wallMs: Math.round(performance.now() - started),
    jobs,
    sandbox: first.sandbox,
    tempRoot: '',
    files,
    missingShards,
  };
}

/** 'I/N' of the shards of the same N that none of the records is; empty when unsharded records were merged. */
function findMissingShards(records: BatchRecord[]): string[] {
  const counts = new Set(records.flatMap((r) => (r.shard ? [r.shard.count] : [])));
  const missing: string[] = [];
  for (const count of counts) {
    for (let index = 1; index <= count; index++) {
      if (!records.some((r) => r.shard?.count === count && r.shard.index === index))
        missing.push(`${index}/${count}`);
    }
  }
  return missing;
}
