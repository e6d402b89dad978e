import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { setClampedTimeout } from '../harness/timer-limit.js';
import { removeJobLeftovers } from '../targets/container/sweep.js';
import type { CheckDef, Lang, Rubric } from '../types.js';
import type { Submission } from './discover.js';
import type { StudentFormat } from './formats.js';
import { type JobEnd, judgeJob } from './job-outcome.js';
import {
  createJobCgroup,
  createJobMemoryCgroup,
  readPidsLimitHits,
  removeJobCgroup,
} from './sandbox/cgroup.js';
import type { SandboxPlan } from './sandbox/plan.js';
import { DOCKER_STOP_GRACE_MS } from './sandbox/docker.js';
import { launchJob, type RunningJob } from './sandbox/launch.js';
import { sweepJobProcesses } from './sandbox/sweep.js';
import { type StagedJob, stageSubmission } from './stage.js';
import { REPORT_FILE, watchForReport } from './report-watch.js';
import { type StudentMeta, writeStudentFolder } from './student-folder.js';
import type { StudentOutcome } from './types.js';
import type { GradescopeVisibilityOptions } from '../reporters/types.js';

/** What every job of one batch shares. */
export interface JobSettings {
  gradescope?: GradescopeVisibilityOptions;
  plan: SandboxPlan;
  tempRoot: string;
  outDir: string;
  cliPath: string;
  rubric: Rubric;
  /** the --rubric value: a bundled name, or a file path (copied into each job) */
  rubricArg: string;
  rubricIsFile: boolean;
  checks: ReadonlyMap<string, CheckDef>;
  formats: StudentFormat[];
  timeoutScale: number;
  budgetSeconds: number;
  makeTimeoutSeconds: number;
  wallMs: number;
  lang: Lang;
  seed?: string;
  version: string;
  configKey: string;
  /** host folders hidden from the student inside the namespace */
  hide: string[];
  /** every running job, so an interrupted batch can kill them all */
  live: Set<RunningJob>;
}

/** Grades one submission in a child grader inside its sandbox; always writes the student's folder. */
export async function gradeSubmission(
  settings: JobSettings,
  submission: Submission,
  hash: string,
  slot: number,
  index: number,
): Promise<StudentOutcome> {
  const started = performance.now();
  const launched = await startJob(settings, submission, slot, index);
  try {
    const end = await waitForJob(settings, launched);
    const notes = await cleanUpJob(settings, launched, end);
    const durationMs = Math.round(performance.now() - started);
    const facts = { submission, hash, seed: launched.seed, outDir: launched.job.outDir, durationMs, notes };
    const jailed = settings.plan.info.jail === true;
    const { outcome, report } = await judgeJob({ ...settings, jailed }, facts, end);
    if (report && settings.plan.info.mode === 'none') {
      report.target.notes.push(
        `Graded without a network or PID namespace (${settings.plan.info.notes[0] ?? 'none available'})`,
      );
    }
    const { resumed: _resumed, ...rest } = outcome;
    const meta: StudentMeta = { ...rest, configKey: settings.configKey, gradedAt: new Date().toISOString() };
    await writeStudentFolder(settings.outDir, meta, {
      report,
      formats: settings.formats,
      graderLog: end.graderLog,
      lang: settings.lang,
      gradescope: settings.gradescope,
    });
    return outcome;
  } finally {
    await rm(launched.job.dir, { recursive: true, force: true, maxRetries: 3 });
  }
}

/** A child grader running for one submission, with what the batch made for it. */
interface LaunchedJob {
  job: StagedJob;
  seed: string;
  uid: number | undefined;
  docker: boolean;
  /** the job's pids and memory cgroups, when the plan has them */
  cgroup: string | undefined;
  memory: string | undefined;
  running: RunningJob;
}

/** Stages the submission (and a rubric file) in the job folder, then launches its child grader. */
async function startJob(
  settings: JobSettings,
  submission: Submission,
  slot: number,
  index: number,
): Promise<LaunchedJob> {
  const { plan } = settings;
  const uid = plan.setpriv && plan.info.uidBase !== undefined ? plan.info.uidBase + slot : undefined;
  // jailed: the job folder (the copy, the child's report) stays root's; the child makes the jail its own copy
  const job = await stageSubmission(
    submission,
    join(settings.tempRoot, `job-${index}`),
    plan.info.jail ? undefined : uid,
  );
  const seed = settings.seed ?? randomBytes(6).toString('hex');
  const rubricArg = settings.rubricIsFile ? join('rubric', basename(settings.rubricArg)) : settings.rubricArg;
  if (settings.rubricIsFile) {
    await mkdir(join(job.dir, 'rubric'));
    await copyFile(settings.rubricArg, join(job.dir, rubricArg));
  }
  const docker = plan.info.mode === 'docker';
  const cgroup = plan.cgroup
    ? await createJobCgroup(plan.cgroup, `job-${index}`, plan.info.maxProcesses)
    : undefined;
  const argv = (view: string) => [
    process.execPath,
    settings.cliPath,
    '--submission',
    join(view, 'work', submission.student),
    // JSON only: the batch renders every other format itself, from the report it validated
    ...['--format', `json:${join(view, 'out', REPORT_FILE)}`],
    ...['--rubric', settings.rubricIsFile ? join(view, rubricArg) : rubricArg],
    ...['--timeout-scale', String(settings.timeoutScale), '--budget', String(settings.budgetSeconds)],
    ...['--make-timeout', String(settings.makeTimeoutSeconds), '--lang', settings.lang, '--seed', seed],
    ...(docker ? ['--sandbox', 'docker'] : []),
  ];
  const memory = plan.memoryCgroup
    ? await createJobMemoryCgroup(plan.memoryCgroup, `job-${index}`)
    : undefined;
  const cgroups = [cgroup, memory].filter((path): path is string => path !== undefined);
  const running = launchJob({ plan, jobDir: job.dir, argv, uid, cgroups, hide: settings.hide });
  settings.live.add(running);
  return { job, seed, uid, docker, cgroup, memory, running };
}

/** Waits for the child grader, stopping it at the wall budget or when it lingers after writing its report. */
async function waitForJob(settings: JobSettings, launched: LaunchedJob): Promise<JobEnd> {
  const { running, docker } = launched;
  let wallExceeded = false;
  const wall = setClampedTimeout(() => {
    wallExceeded = true;
    void running.stop(docker ? DOCKER_STOP_GRACE_MS : undefined);
  }, settings.wallMs);
  const linger = watchForReport(launched.job.outDir, () => void running.stop());
  const exit = await running.exit;
  clearTimeout(wall);
  linger.cancel();
  settings.live.delete(running);
  return { exit, wallExceeded, lingered: linger.fired, graderLog: running.log.toString() };
}

/** Removes what outlived the child grader (processes, containers, cgroups); each finding is a note. */
async function cleanUpJob(settings: JobSettings, launched: LaunchedJob, end: JobEnd): Promise<string[]> {
  const { plan } = settings;
  const { job, uid, cgroup, memory } = launched;
  const notes: string[] = [];
  if (end.lingered)
    notes.push(
      'the grader had written its reports but did not exit (student processes held its pipes); stopped',
    );
  if (process.platform === 'linux') {
    // outside a namespace, escaped process groups survive the child grader: its uid and marker find them
    const swept = await sweepJobProcesses(job.dir, uid);
    if (swept > 0) notes.push(`${swept} process(es) outlived the grader and were killed`);
  }
  if (launched.docker) {
    const left = await removeJobLeftovers(job.dir);
    if (left > 0) notes.push(`${left} container(s) outlived the grader and were removed`);
  }
  if (cgroup) {
    const hits = await readPidsLimitHits(cgroup);
    if (hits > 0) notes.push(`the process limit (${plan.info.maxProcesses}) refused ${hits} forks`);
    if (!(await removeJobCgroup(cgroup))) notes.push(`could not empty the cgroup ${cgroup}`);
  }
  if (memory && !(await removeJobCgroup(memory))) notes.push(`could not empty the cgroup ${memory}`);
  return notes;
}
