import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { setClampedTimeout } from '../harness/timer-limit.js';
import { removeJobLeftovers } from '../targets/container/sweep.js';
import type { CheckDef, Lang, Rubric, RunReport } from '../types.js';
import type { Submission } from './discover.js';
import type { StudentFormat } from './formats.js';
import { findReportProblem, scoresOf, statusOf, synthesizeReport } from './report-check.js';
import {
  createJobCgroup,
  createJobMemoryCgroup,
  readPidsLimitHits,
  removeJobCgroup,
} from './sandbox/cgroup.js';
import type { SandboxPlan } from './sandbox/detect.js';
import { DOCKER_STOP_GRACE_MS } from './sandbox/docker.js';
import { launchJob, type RunningJob } from './sandbox/launch.js';
import { sweepJobProcesses } from './sandbox/sweep.js';
import { stageSubmission } from './stage.js';
import { REPORT_FILE, watchForReport } from './report-watch.js';
import { readChildFile, type StudentMeta, writeStudentFolder } from './student-folder.js';
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
  let wallExceeded = false;
  const wall = setClampedTimeout(() => {
    wallExceeded = true;
    void running.stop(docker ? DOCKER_STOP_GRACE_MS : undefined);
  }, settings.wallMs);
  const linger = watchForReport(job.outDir, () => void running.stop());
  const exit = await running.exit;
  clearTimeout(wall);
  linger.cancel();
  settings.live.delete(running);
  const notes: string[] = [];
  if (linger.fired)
    notes.push(
      'the grader had written its reports but did not exit (student processes held its pipes); stopped',
    );
  try {
    if (process.platform === 'linux') {
      // outside a namespace, escaped process groups survive the child grader: its uid and marker find them
      const swept = await sweepJobProcesses(job.dir, uid);
      if (swept > 0) notes.push(`${swept} process(es) outlived the grader and were killed`);
    }
    if (docker) {
      const left = await removeJobLeftovers(job.dir);
      if (left > 0) notes.push(`${left} container(s) outlived the grader and were removed`);
    }
    if (cgroup) {
      const hits = await readPidsLimitHits(cgroup);
      if (hits > 0) notes.push(`the process limit (${plan.info.maxProcesses}) refused ${hits} forks`);
      if (!(await removeJobCgroup(cgroup))) notes.push(`could not empty the cgroup ${cgroup}`);
    }
    if (memory && !(await removeJobCgroup(memory))) notes.push(`could not empty the cgroup ${memory}`);
    const durationMs = Math.round(performance.now() - started);
    const text = await readChildFile(join(job.outDir, REPORT_FILE));
    let report: RunReport | undefined;
    let problem: string | undefined;
    try {
      report = text ? (JSON.parse(text) as RunReport) : undefined;
      problem = report
        ? findReportProblem(report, settings.rubric, { ...settings, seed, checks: settings.checks })
        : undefined;
    } catch (error) {
      problem = `unreadable report (${(error as Error).message})`;
    }
    const graderLog = running.log.toString();
    let outcome: StudentOutcome;
    if (wallExceeded) {
      const reason = `grading took longer than the wall budget of ${Math.round(settings.wallMs / 1000)} s and was stopped`;
      report = synthesizeReport({ ...settings, seed, student: submission.student, reason, durationMs });
      outcome = {
        ...base(submission, hash, durationMs, notes),
        ...scoresOf(report),
        status: 'wall-timeout',
        reason,
      };
    } else if (report && !problem && (exit.code === 0 || (linger.fired && !plan.info.jail))) {
      // a jailed job's processes all die with its jail, so its grader must have exited 0 by itself
      outcome = {
        ...base(submission, hash, durationMs, notes),
        ...scoresOf(report),
        status: statusOf(report),
      };
      if (outcome.status !== 'graded') outcome.reason = report.target.notes[0];
    } else {
      const lastLine = graderLog.trim().split('\n').pop() ?? '';
      const reason = problem
        ? `the grader's report was rejected: ${problem}`
        : `the grader exited with ${exit.signal ?? `code ${exit.code}`} without a report${lastLine ? `: ${lastLine}` : ''}`;
      report = undefined;
      outcome = {
        ...base(submission, hash, durationMs, notes),
        score: null,
        maxScore: 0,
        suites: {},
        checks: {},
        status: 'grader-error',
        reason: reason.slice(0, 300),
      };
    }
    if (report && plan.info.mode === 'none') {
      report.target.notes.push(
        `Graded without a network or PID namespace (${plan.info.notes[0] ?? 'none available'})`,
      );
    }
    const meta: StudentMeta = {
      ...withoutResumed(outcome),
      configKey: settings.configKey,
      gradedAt: new Date().toISOString(),
    };
    await writeStudentFolder(settings.outDir, meta, {
      report,
      formats: settings.formats,
      graderLog,
      lang: settings.lang,
      gradescope: settings.gradescope,
    });
    return outcome;
  } finally {
    await rm(job.dir, { recursive: true, force: true, maxRetries: 3 });
  }
}

function base(submission: Submission, hash: string, durationMs: number, notes: string[]) {
  return { student: submission.student, resumed: false, durationMs, hash, notes };
}

function withoutResumed(outcome: StudentOutcome): Omit<StudentOutcome, 'resumed'> {
  const { resumed: _resumed, ...rest } = outcome;
  return rest;
}
