import { existsSync, rmSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../errors.js';
import { assertInputFolder } from '../options/input-folder.js';
import { assertWritableDestination } from '../options/writable-path.js';
import { isBundledRubric } from '../scoring/rubric-files.js';
import { checkRegistry } from '../suites/index.js';
import { GRADER_VERSION } from '../version.js';
import { onInterrupt } from '../process/interrupt-cleanups.js';
import { discoverSubmissions, type Submission, selectShard } from './discover.js';
import { rubricMaxScore } from '../scoring/score.js';
import { hashSubmission } from './hash.js';
import { scoreStats, writeClassOutputs } from './outputs.js';
import { type Roster, readRoster } from './roster.js';
import { runPool } from './pool.js';
import { BatchProgress } from './progress.js';
import { type JobSettings, gradeSubmission } from './run-job.js';
import { removeCgroupSync } from './sandbox/cgroup.js';
import { detectSandbox } from './sandbox/detect.js';
import { DOCKER_STOP_GRACE_MS } from './sandbox/docker.js';
import { readMeta } from './student-folder.js';
import { type BatchSettings, resolveBatchSettings } from './batch-settings.js';
import type { BatchOptions, BatchSummary, SandboxInfo, ShardSpec, StudentOutcome } from './types.js';

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
  const batch = await resolveBatchSettings(options);
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
  const { jobs } = batch;

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
      ...batch,
      plan,
      tempRoot,
      outDir: realOut,
      cliPath,
      rubricIsFile: !isBundledRubric(batch.rubricArg),
      checks: checkRegistry,
      seed: options.seed,
      version: GRADER_VERSION,
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
  const record = { ...batch, shard: options.shard, sandbox: plan.info, students, started };
  return { ...(await summarizeBatch(realOut, record, roster)), tempRoot };
}

/** Writes the class outputs (gradebooks, overview, batch.json) and sums the run up. */
async function summarizeBatch(
  outDir: string,
  run: BatchSettings & {
    shard: ShardSpec | undefined;
    sandbox: SandboxInfo;
    students: StudentOutcome[];
    started: number;
  },
  roster: Roster | undefined,
): Promise<Omit<BatchSummary, 'tempRoot'>> {
  const { students } = run;
  const files = await writeClassOutputs(
    outDir,
    {
      schemaVersion: 1,
      graderVersion: GRADER_VERSION,
      rubric: run.rubric,
      configKey: run.configKey,
      assignment: run.assignment,
      lang: run.lang,
      shard: run.shard,
      sandbox: run.sandbox,
      jobs: run.jobs,
      wallMs: Math.round(performance.now() - run.started),
      finishedAt: new Date().toISOString(),
      students,
    },
    roster,
  );
  const { mean, median } = scoreStats(students);
  return {
    outDir,
    students,
    graded: students.filter((s) => !s.resumed).length,
    resumed: students.filter((s) => s.resumed).length,
    errors: students.filter((s) => s.status === 'grader-error').length,
    maxScore: rubricMaxScore(run.rubric),
    meanScore: mean,
    medianScore: median,
    wallMs: Math.round(performance.now() - run.started),
    jobs: run.jobs,
    shard: run.shard,
    sandbox: run.sandbox,
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
