// `npm run bench -- batch`: what grading a class costs — one submission alone, then 20 copies with --jobs 2.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchOptions } from '../options.js';
import type { WorkDir } from '../workdir.js';

const COPIES = 20;
const JOBS = 2;
const CORPUS = fileURLToPath(new URL('../../../test/fixtures/submissions/', import.meta.url));

interface BatchRun {
  wallMs: number;
  students: Array<{ student: string; score: number | null; durationMs: number; status: string }>;
  sandbox: { mode?: string; note?: string } & Record<string, unknown>;
}
type RunBatch = (options: Record<string, unknown>) => Promise<BatchRun>;

/** A class folder with `count` copies of correct/ (and the shared sources its Makefile includes). */
function makeClass(root: string, count: number): string {
  const dir = join(root, `class-${count}`);
  mkdirSync(dir);
  cpSync(join(CORPUS, '_common'), join(dir, '_common'), { recursive: true });
  for (let i = 1; i <= count; i++) {
    cpSync(join(CORPUS, 'correct'), join(dir, `student-${String(i).padStart(2, '0')}`), {
      recursive: true,
      filter: (source) => !/\/(proxy|.*\.o)$/.test(source),
    });
  }
  return dir;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

export async function benchBatch(options: BenchOptions, workDir: WorkDir): Promise<void> {
  const batchModule = new URL('../../../dist/batch/index.js', import.meta.url).href;
  const { runBatch } = (await import(batchModule)) as { runBatch: RunBatch };
  const grade = (dir: string, jobs: number) =>
    runBatch({ dir, outDir: join(workDir.makeDir('out'), 'grade-out'), jobs, progress: false, force: true });
  process.stderr.write('bench batch: one submission alone...\n');
  const alone = await grade(makeClass(workDir.root, 1), 1);
  process.stderr.write(`bench batch: ${COPIES} copies with --jobs ${JOBS}...\n`);
  const many = await grade(makeClass(workDir.root, COPIES), JOBS);
  const perStudent = many.students.map((s) => s.durationMs);
  const scores = many.students.map((s) => s.score);
  const result = {
    copies: COPIES,
    jobs: JOBS,
    sandbox: many.sandbox,
    aloneWallMs: alone.wallMs,
    batchWallMs: many.wallMs,
    throughputMsPerSubmission: Math.round(many.wallMs / COPIES),
    perSubmissionMedianMs: median(perStudent),
    perSubmissionRangeMs: [Math.min(...perStudent), Math.max(...perStudent)],
    scores,
  };
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  process.stdout.write(
    [
      `Batch grading of the correct C submission (sandbox: ${String(many.sandbox.mode ?? 'see JSON')})`,
      `  one submission alone             ${s(alone.wallMs)}`,
      `  ${COPIES} copies, --jobs ${JOBS}            ${s(many.wallMs)} wall, ${s(result.throughputMsPerSubmission)} per submission (throughput)`,
      `  each submission's own time       median ${s(result.perSubmissionMedianMs)} (${s(result.perSubmissionRangeMs[0]!)}–${s(result.perSubmissionRangeMs[1]!)})`,
      `  scores                           ${[...new Set(scores)].join(', ')} (${scores.filter((x) => x === 100).length}/${COPIES} full marks)`,
      '',
    ].join('\n'),
  );
  const jsonFile = options.jsonFile;
  mkdirSync(dirname(jsonFile), { recursive: true });
  writeFileSync(jsonFile, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`JSON: ${jsonFile}\n`);
}
