import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { grade } from '../run/grade.js';
import { loadRubric } from '../scoring/rubric.js';
import { checkRegistry } from '../suites/index.js';
import { createReferenceTarget } from '../targets/reference.js';
import { createSubmissionTarget } from '../targets/submission.js';
import type { Target } from '../targets/target.js';
import type { RunReport, Rubric } from '../types.js';
import { type Expectation, expectations } from './expectations.js';

/** The fixture corpus shipped with the grader's tests. */
export const CORPUS_DIR = fileURLToPath(new URL('../../test/fixtures/submissions/', import.meta.url));

export interface GradedRun {
  name: string;
  failed: string[];
  score: number;
  cmuScore?: number;
  durationMs: number;
  crashes: string[];
  /** the default-rubric report of this run */
  report: RunReport;
}

export interface ValidityRow {
  name: string;
  expectation: Expectation;
  runs: GradedRun[];
  /** checks whose result differed between runs */
  varied: string[];
  /** check ids failed but not expected to fail, and expected but passed (from the first run) */
  unexpectedFails: string[];
  unexpectedPasses: string[];
  cmuExpected: number;
  cmuMismatch: boolean;
}

export interface ValidityOptions {
  /** runs of the reference proxy and of correct/ @default 1 */
  runs: number;
  /** grading runs at once @default 2 */
  jobs?: number;
  /** only these fixtures (names) */
  only?: string[];
  onRun?: (run: GradedRun) => void;
}

const failedIds = (report: RunReport) =>
  report.suites.flatMap((s) => s.checks.filter((c) => !c.passed && !c.skipped).map((c) => c.id));

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

/** Grades the corpus (correct ones `runs` times, flawed ones once) with both rubrics and compares. */
export async function runValidity(options: ValidityOptions): Promise<ValidityRow[]> {
  const known = new Set(checkRegistry.keys());
  const [defaultRubric, cmuRubric] = await Promise.all([
    loadRubric('default', known),
    loadRubric('cmu', known),
  ]);
  const names = corpusNames().filter((n) => !options.only || options.only.includes(n));
  const targetFor = (name: string) =>
    name === 'reference' ? createReferenceTarget() : createSubmissionTarget(`${CORPUS_DIR}${name}`);
  const tasks: Array<() => Promise<GradedRun>> = [];
  for (const name of names) {
    const repeats = name === 'reference' || name === 'correct' ? options.runs : 1;
    for (let i = 0; i < repeats; i++) {
      tasks.push(async () => {
        const seed = `validity-${name}-${i}`;
        const report = await gradeOnce(targetFor(name), defaultRubric, seed);
        const cmu = i === 0 ? await gradeOnce(targetFor(name), cmuRubric, seed) : undefined;
        const run: GradedRun = {
          name,
          failed: failedIds(report),
          score: report.score,
          cmuScore: cmu?.score,
          durationMs: report.durationMs + (cmu?.durationMs ?? 0),
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
  return names.map((name) => {
    const expectation = name === 'reference' ? expectations.correct! : expectations[name]!;
    const mine = runs.filter((r) => r.name === name);
    const first = mine[0]!;
    const expectedFails =
      expectation.fails === 'all'
        ? allIds.filter((id) => !expectation.passes?.includes(id))
        : expectation.fails;
    const cmuExpected = expectation.cmu.basic + expectation.cmu.concurrency + expectation.cmu.cache;
    const may = new Set(expectation.mayFail ?? []);
    const key = (r: GradedRun) => r.failed.filter((id) => !may.has(id)).join(',');
    const varied = allIds.filter(
      (id) => !may.has(id) && new Set(mine.map((r) => r.failed.includes(id))).size > 1,
    );
    return {
      name,
      expectation,
      runs: mine,
      varied: mine.every((r) => key(r) === key(first)) ? [] : varied,
      unexpectedFails: first.failed.filter((id) => !expectedFails.includes(id) && !may.has(id)),
      unexpectedPasses: expectedFails.filter((id) => !first.failed.includes(id)),
      cmuExpected,
      cmuMismatch: first.cmuScore !== cmuExpected,
    };
  });
}

/** Checks of the default rubric that no fixture is expected to fail (a check without a proving fixture). */
export async function uncoveredChecks(): Promise<string[]> {
  const rubric = await loadRubric('default', new Set(checkRegistry.keys()));
  const failedBySome = new Set(
    Object.entries(expectations)
      .filter(([name, e]) => name !== 'ignore-port' && e.fails !== 'all')
      .flatMap(([, e]) => e.fails as readonly string[]),
  );
  return rubric.suites.flatMap((s) => Object.keys(s.checks)).filter((id) => !failedBySome.has(id));
}
