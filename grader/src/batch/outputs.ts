import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { roundPoints } from '../scoring/score.js';
import type { Lang, Rubric } from '../types.js';
import { writeGradebooks } from './gradebook.js';
import type { Roster } from './roster.js';
import { buildOverviewModel } from './overview/model.js';
import { writeOverview } from './overview/render.js';
import type { BatchSummary, SandboxInfo, ShardSpec, StudentOutcome } from './types.js';

/** batch.json: everything `merge` needs to join shards, and what a TA needs to audit the run. */
export interface BatchRecord {
  schemaVersion: 1;
  graderVersion: string;
  rubric: Rubric;
  configKey: string;
  assignment: string;
  /** language of the overview (absent in records written before it was kept) */
  lang?: Lang;
  shard?: ShardSpec;
  sandbox: SandboxInfo;
  jobs: number;
  wallMs: number;
  finishedAt: string;
  students: StudentOutcome[];
}

export const OUTPUT_FILES = {
  gradebook: 'gradebook.csv',
  canvas: 'gradebook-canvas.csv',
  overview: 'overview.html',
  summary: 'batch.json',
} as const;

const FILE_ORDER = ['report.json', 'build.log', 'proxy.log', 'grader.log'];

async function listStudentFiles(outDir: string, student: string): Promise<string[]> {
  const names = await readdir(join(outDir, student)).catch(() => [] as string[]);
  const rank = (name: string) => (FILE_ORDER.includes(name) ? FILE_ORDER.indexOf(name) : 0.5);
  return names.filter((n) => n !== 'meta.json').sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Writes the class-level files of an out dir: gradebook.csv, gradebook-canvas.csv, overview.html, batch.json. */
export async function writeClassOutputs(
  outDir: string,
  record: BatchRecord,
  roster?: Roster,
): Promise<BatchSummary['files']> {
  const files = {
    gradebook: join(outDir, OUTPUT_FILES.gradebook),
    canvas: join(outDir, OUTPUT_FILES.canvas),
    overview: join(outDir, OUTPUT_FILES.overview),
    summary: join(outDir, OUTPUT_FILES.summary),
  };
  await writeGradebooks(files, record.students, record.rubric, record.assignment, roster);
  const studentFiles = new Map<string, string[]>();
  for (const s of record.students) studentFiles.set(s.student, await listStudentFiles(outDir, s.student));
  const sandbox =
    record.sandbox.mode === 'namespace'
      ? `sandbox: namespaces (${record.sandbox.flavor})${record.sandbox.jail ? ', student code jailed (bubblewrap)' : ''}`
      : record.sandbox.mode === 'docker'
        ? 'sandbox: docker (one container per submission)'
        : 'sandbox: none (process groups, free ports)';
  const model = await buildOverviewModel({
    outDir,
    students: record.students,
    rubric: record.rubric,
    sandbox: record.shard ? `${sandbox} · shard ${record.shard.index}/${record.shard.count}` : sandbox,
    files: (student) => studentFiles.get(student) ?? [],
    lang: record.lang,
    nameOf: (student) => roster?.find(student)?.name || undefined,
  });
  await writeOverview(files.overview, model);
  await writeFile(files.summary, `${JSON.stringify(record, null, 2)}\n`);
  return files;
}

/** Mean and median of the students with a score. */
export function scoreStats(students: readonly StudentOutcome[]): {
  mean: number | null;
  median: number | null;
} {
  const scores = students.flatMap((s) => (s.score === null ? [] : [s.score])).sort((a, b) => a - b);
  if (scores.length === 0) return { mean: null, median: null };
  const mean = roundPoints(scores.reduce((a, b) => a + b, 0) / scores.length);
  const median = ((scores[(scores.length - 1) >> 1] as number) + (scores[scores.length >> 1] as number)) / 2;
  return { mean, median };
}
