import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readLogTail, spawnGroup } from '../process-groups.js';
import type { WorkDir } from '../workdir.js';

export const RUBRICS = ['default', 'cmu'] as const;
const RUN_LIMIT_MS = 300_000;

export interface GradeSample {
  rubric: string;
  /** Process start → exit, as a user waits for it (Node start-up included). */
  wallMs: number;
  /** The report's own durationMs. */
  reportMs: number;
  score: number;
  maxScore: number;
  suites: Array<{ id: string; durationMs: number; score: number; maxScore: number }>;
}

interface ReportShape {
  durationMs: number;
  score: number;
  maxScore: number;
  suites: Array<{ id: string; durationMs: number; score: number; maxScore: number }>;
}

/** Grades the bundled reference proxy once with `rubric` and reads the timings from the JSON report. */
async function gradeOnce(repoRoot: string, workDir: WorkDir, rubric: string): Promise<GradeSample> {
  const cli = join(repoRoot, 'grader', 'dist', 'cli.js');
  if (!existsSync(cli)) throw new Error(`${cli} is not built (npm run build)`);
  const dir = workDir.makeDir(`grade-${rubric}`);
  const reportFile = join(dir, 'report.json');
  const logFile = join(dir, 'grader.log');
  const startedAt = performance.now();
  const child = spawnGroup(process.execPath, [cli, '--rubric', rubric, '--format', `json:${reportFile}`], {
    cwd: repoRoot,
    logFile,
  });
  const guard = setTimeout(() => void child.stop(), RUN_LIMIT_MS);
  const exit = await child.exited;
  const wallMs = performance.now() - startedAt;
  clearTimeout(guard);
  await child.stop();
  if (!existsSync(reportFile)) {
    throw new Error(`the grader exited (${exit}) without a JSON report:\n${readLogTail(logFile)}`);
  }
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as ReportShape;
  return {
    rubric,
    wallMs,
    reportMs: report.durationMs,
    score: report.score,
    maxScore: report.maxScore,
    suites: report.suites.map(({ id, durationMs, score, maxScore }) => ({ id, durationMs, score, maxScore })),
  };
}

/** Times grading the reference with each rubric, `repeats` times, alternating rubrics. */
export async function runGradeBench(
  repoRoot: string,
  workDir: WorkDir,
  repeats: number,
  progress: (line: string) => void,
): Promise<GradeSample[]> {
  const samples: GradeSample[] = [];
  for (let repeat = 1; repeat <= repeats; repeat++) {
    for (const rubric of RUBRICS) {
      const sample = await gradeOnce(repoRoot, workDir, rubric);
      samples.push(sample);
      progress(
        `[grade ${repeat}/${repeats}] ${rubric}: ${(sample.wallMs / 1000).toFixed(2)} s wall, ` +
          `${sample.score}/${sample.maxScore} points`,
      );
    }
  }
  return samples;
}
