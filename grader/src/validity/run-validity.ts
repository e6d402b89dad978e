import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { grade } from '../run/grade.js';
import { loadRubric } from '../scoring/rubric.js';
import { checkRegistry } from '../suites/index.js';
import { createReferenceTarget } from '../targets/reference.js';
import { createSubmissionTarget } from '../targets/submission.js';
import type { Target } from '../targets/target.js';
import type { RunReport, Rubric } from '../types.js';
import { assessRow, type ValidityRow } from './assess-row.js';
import { expectations } from './expectations.js';
import type { GradedRun } from './graded-run.js';

export { uncoveredChecks } from './coverage.js';
export type { ValidityRow } from './assess-row.js';

/** The fixture corpus shipped with the grader's tests. */
export const CORPUS_DIR = fileURLToPath(new URL('../../test/fixtures/submissions/', import.meta.url));

export interface ValidityOptions {
  /** runs of every fixture (and of the reference proxy) @default 1 */
  runs: number;
  /** runs of the flawed fixtures when fewer than `runs` are wanted (the correct ones always get `runs`) */
  flawedRuns?: number;
  /** grading runs at once @default 2 */
  jobs?: number;
  /** only these fixtures (names) */
  only?: string[];
  onRun?: (run: GradedRun) => void;
}

const failedIds = (report: RunReport) =>
  report.suites.flatMap((s) => s.checks.filter((c) => !c.passed && !c.skipped).map((c) => c.id));
const gradingMs = (report: RunReport) => report.durationMs - (report.build?.durationMs ?? 0);

async function gradeOnce(target: Target, rubric: Rubric, seed: string): Promise<RunReport> {
  return grade({ target, rubric, checks: checkRegistry, seed, lang: 'en', version: 'validity' });
}

/** Every fixture directory that has an expectation, plus the bundled reference proxy as 'reference'. */
export function corpusNames(): string[] {
  const dirs = readdirSync(CORPUS_DIR).filter((d) => existsSync(`${CORPUS_DIR}${d}/Makefile`));
  const missing = dirs.filter((d) => !(d in expectations));
  if (missing.length > 0) throw new Error(`fixtures without an expectation: ${missing.join(', ')}`);
  return ['reference', ...dirs.sort()];
}

/** Runs `tasks` with at most `jobs` in flight, results in task order. */
async function pool<T>(tasks: Array<() => Promise<T>>, jobs: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, tasks.length) }, worker));
  return results;
}

/** Grades the corpus with both rubrics, every run of every fixture, and compares each run with its expectation. */
export async function runValidity(options: ValidityOptions): Promise<ValidityRow[]> {
  const known = new Set(checkRegistry.keys());
  const [defaultRubric, cmuRubric] = await Promise.all([
    loadRubric('default', known),
    loadRubric('cmu', known),
  ]);
  const names = corpusNames().filter((n) => !options.only || options.only.includes(n));
  const targetFor = (name: string) =>
    name === 'reference' ? createReferenceTarget() : createSubmissionTarget(`${CORPUS_DIR}${name}`);
  const repeatsOf = (name: string) =>
    name === 'reference' || name === 'correct' ? options.runs : (options.flawedRuns ?? options.runs);
  const tasks: Array<() => Promise<GradedRun>> = [];
  // round by round, so an early look at the output covers every fixture once
  for (let i = 0; i < options.runs; i++) {
    for (const name of names.filter((n) => i < repeatsOf(n))) {
      tasks.push(async () => {
        const seed = `validity-${name}-${i}`;
        const report = await gradeOnce(targetFor(name), defaultRubric, seed);
        const cmu = await gradeOnce(targetFor(name), cmuRubric, seed);
        const run: GradedRun = {
          name,
          index: i,
          failed: failedIds(report),
          score: report.score,
          cmuScore: cmu.score,
          durationMs: report.durationMs + cmu.durationMs,
          gradeMs: gradingMs(report),
          buildMs: report.build?.durationMs ?? 0,
          cmuMs: gradingMs(cmu),
          crashes: report.crashes.map((c) => `${c.checkId}:${c.signal ?? `exit ${c.exitCode}`}`),
          report,
        };
        options.onRun?.(run);
        return run;
      });
    }
  }
  const runs = await pool(tasks, options.jobs ?? 2);
  const allIds = defaultRubric.suites.flatMap((s) => Object.keys(s.checks));
  return names.map((name) =>
    assessRow(
      name,
      runs.filter((r) => r.name === name),
      allIds,
    ),
  );
}
