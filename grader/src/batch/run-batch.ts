import { createHash } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, realpath, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../errors.js';
import { assertInputFolder } from '../options/input-folder.js';
import { assertWritableDestination } from '../options/writable-path.js';
import { detectLang } from '../i18n.js';
import { loadRubric } from '../scoring/rubric.js';
import { isBundledRubric } from '../scoring/rubric-files.js';
import { checkRegistry } from '../suites/index.js';
import { GRADER_VERSION } from '../version.js';
import { onInterrupt } from '../process/interrupt-cleanups.js';
import { discoverSubmissions, type Submission, selectShard } from './discover.js';
import { resolveStudentFormats } from './formats.js';
import { rubricMax } from './gradebook.js';
import { hashSubmission } from './hash.js';
import { scoreStats, writeClassOutputs } from './outputs.js';
import { readRoster } from './roster.js';
import { runPool } from './pool.js';
import { BatchProgress } from './progress.js';
import { type JobSettings, gradeSubmission } from './run-job.js';
import { removeCgroupSync } from './sandbox/cgroup.js';
import { detectSandbox } from './sandbox/detect.js';
import { DOCKER_STOP_GRACE_MS } from './sandbox/docker.js';
import { readMeta } from './student-folder.js';
import type { BatchOptions, BatchSummary, StudentOutcome } from './types.js';

/** The built CLI the child graders run (also when this module runs from src/ under vitest). */
export function resolveCliPath(): string {
  const candidates = [new URL('../cli.js', import.meta.url), new URL('../../dist/cli.js', import.meta.url)];
  const found = candidates.map((url) => fileURLToPath(url)).find((path) => existsSync(path));
  if (!found) throw new UsageError('The grader is not built: run `npx tsc -b grader` first.');
  return found;
}

/**
 * Grades every submission folder of `options.dir` (or one shard of them), each in a child grader inside its own
 * sandbox, and writes the out dir: one folder per student, gradebook.csv, gradebook-canvas.csv, overview.html,
 * batch.json. Unchanged submissions keep their previous result unless `force`. Never throws for a student's fault.
 */
export async function runBatch(options: BatchOptions): Promise<BatchSummary> {
  const started = performance.now();
  const jobs = options.jobs ?? availableParallelism();
  if (!Number.isInteger(jobs) || jobs < 1)
    throw new UsageError(`--jobs must be a whole number ≥ 1 (got ${jobs}).`);
  const lang = options.lang ?? detectLang();
  const rubricArg = options.rubric ?? 'default';
  const rubric = await loadRubric(rubricArg, new Set(checkRegistry.keys()));
  const formats = resolveStudentFormats(options.formats);
  const timeoutScale = options.timeoutScale ?? 1;
  const budgetSeconds = options.budgetSeconds ?? 180;
  const makeTimeoutSeconds = options.makeTimeoutSeconds ?? 120;
  const wallMs = (options.wallSeconds ?? makeTimeoutSeconds + budgetSeconds * timeoutScale + 60) * 1000;
  const assignment = options.assignment ?? 'Proxy Lab';
  const cliPath = resolveCliPath();
  const roster = options.roster ? await readRoster(options.roster) : undefined;
  const outDir = resolve(options.outDir ?? 'grade-out');
  // nothing is created before the input is known to be good
  await assertInputFolder('Batch directory', options.dir);
  await assertWritableDestination('--out-dir', outDir, 'folder');
  await mkdir(outDir, { recursive: true });
  const realOut = await realpath(outDir);
  const submissions = selectShard(
    (await discoverSubmissions(options.dir)).filter((s) => s.dir !== realOut),
    options.shard,
  );
  const settingsKey = {
    GRADER_VERSION,
    rubric,
    formats,
    timeoutScale,
    budgetSeconds,
    makeTimeoutSeconds,
    lang,
  };
  const configKey = createHash('sha256')
    .update(JSON.stringify({ ...settingsKey, seed: options.seed }))
    .digest('hex');

  const tempRoot = await mkdtemp(join(tmpdir(), 'proxylab-batch-'));
  await chmod(tempRoot, 0o711);
  const live: JobSettings['live'] = new Set();
  const cgroups: string[] = [];
  const onExit = () => {
    for (const job of live) job.killNow();
    rmSync(tempRoot, { recursive: true, force: true });
    for (const path of cgroups) removeCgroupSync(path);
  };
  process.on('exit', onExit);
  let plan: Awaited<ReturnType<typeof detectSandbox>> | undefined;
  let forgetInterrupt = () => {};
  const progress = new BatchProgress(options.progress ?? process.stderr, submissions.length, jobs);
  let students: StudentOutcome[];
  try {
    plan = await detectSandbox(options.sandbox ?? 'auto', tempRoot);
    // containers do not die with a killed process group: on Ctrl-C, let each job's grader remove its own
    if (plan.info.mode === 'docker') {
      forgetInterrupt = onInterrupt(() =>
        Promise.all([...live].map((job) => job.stop(DOCKER_STOP_GRACE_MS))),
      );
    }
    if (plan.cgroup) cgroups.push(plan.cgroup.path);
    if (plan.memoryCgroup) cgroups.push(plan.memoryCgroup);
    const settings: JobSettings = {
      plan,
      tempRoot,
      outDir: realOut,
      cliPath,
      rubric,
      rubricArg,
      rubricIsFile: !isBundledRubric(rubricArg),
      checks: checkRegistry,
      formats,
      timeoutScale,
      budgetSeconds,
      makeTimeoutSeconds,
      wallMs,
      lang,
      seed: options.seed,
      version: GRADER_VERSION,
      configKey,
      gradescope: options.gradescope,
      hide: [await realpath(options.dir), realOut],
      live,
    };
    students = await runPool(submissions, jobs, async (submission, slot, index) => {
      const outcome = await gradeOrResume(
        settings,
        submission,
        slot,
        index,
        Boolean(options.force),
        progress,
      );
      progress.finish(outcome);
      return outcome;
    });
  } finally {
    forgetInterrupt();
    progress.close();
    process.off('exit', onExit);
    await rm(tempRoot, { recursive: true, force: true, maxRetries: 3 });
    for (const path of cgroups) removeCgroupSync(path);
  }
  const files = await writeClassOutputs(
    realOut,
    {
      schemaVersion: 1,
      graderVersion: GRADER_VERSION,
      rubric,
      configKey,
      assignment,
      lang,
      shard: options.shard,
      sandbox: plan.info,
      jobs,
      wallMs: Math.round(performance.now() - started),
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
    maxScore: rubricMax(rubric),
    meanScore: mean,
    medianScore: median,
    wallMs: Math.round(performance.now() - started),
    jobs,
    shard: options.shard,
    sandbox: plan.info,
    tempRoot,
    files,
  };
}

async function gradeOrResume(
  settings: JobSettings,
  submission: Submission,
  slot: number,
  index: number,
  force: boolean,
  progress: BatchProgress,
): Promise<StudentOutcome> {
  const started = performance.now();
  let hash = '';
  try {
    hash = await hashSubmission(submission);
    const meta = force ? undefined : await readMeta(settings.outDir, submission.student);
    // a grader error or a wall timeout may be the machine's fault, not the student's: those are always retried
    const retry = !meta || meta.status === 'grader-error' || meta.status === 'wall-timeout';
    if (meta && !retry && meta.hash === hash && meta.configKey === settings.configKey) {
      const files = await readdir(join(settings.outDir, submission.student)).catch(() => [] as string[]);
      if (settings.formats.every((f) => files.includes(f.file))) {
        const { configKey: _key, gradedAt: _at, ...kept } = meta;
        return { ...kept, resumed: true };
      }
    }
    progress.start(submission.student);
    return await gradeSubmission(settings, submission, hash, slot, index);
  } catch (error) {
    return {
      student: submission.student,
      status: 'grader-error',
      score: null,
      maxScore: 0,
      suites: {},
      checks: {},
      resumed: false,
      durationMs: Math.round(performance.now() - started),
      hash,
      reason: `the batch could not grade this folder: ${(error as Error).message}`.slice(0, 300),
      notes: [],
    };
  }
}
