// What one finished job amounts to: the child's report, validated against what the batch asked for, or the
// reason there is none (the wall budget ran out, the grader failed, the report was forged or broken).
import { join } from 'node:path';
import type { CheckDef, Lang, Rubric, RunReport } from '../types.js';
import type { Submission } from './discover.js';
import { findReportProblem, scoresOf, statusOf, synthesizeReport } from './report-check.js';
import { REPORT_FILE } from './report-watch.js';
import { readChildFile } from './student-folder.js';
import type { StudentOutcome } from './types.js';

/** What the batch asked every child grader for. */
export interface JudgeSettings {
  rubric: Rubric;
  checks: ReadonlyMap<string, CheckDef>;
  lang: Lang;
  version: string;
  wallMs: number;
  /** the job ran in a jail, whose processes all die with it */
  jailed: boolean;
}

/** How the child grader ended. */
export interface JobEnd {
  exit: { code: number | null; signal: NodeJS.Signals | null };
  /** stopped by the batch's wall budget */
  wallExceeded: boolean;
  /** stopped after it had written its report but did not exit */
  lingered: boolean;
  /** its stdout and stderr (tail) */
  graderLog: string;
}

export interface JobFacts {
  submission: Submission;
  hash: string;
  seed: string;
  /** the job's out folder, where the child wrote its report */
  outDir: string;
  durationMs: number;
  notes: string[];
}

/** The student's outcome, and the report their folder's formats are rendered from (none for a grader error). */
export async function judgeJob(
  settings: JudgeSettings,
  facts: JobFacts,
  end: JobEnd,
): Promise<{ outcome: StudentOutcome; report: RunReport | undefined }> {
  const { submission, seed, durationMs } = facts;
  const base = {
    student: submission.student,
    resumed: false,
    durationMs,
    hash: facts.hash,
    notes: facts.notes,
  };
  const { report, problem } = await readReport(settings, facts);
  if (end.wallExceeded) {
    const reason = `grading took longer than the wall budget of ${Math.round(settings.wallMs / 1000)} s and was stopped`;
    const synthesized = synthesizeReport({
      ...settings,
      seed,
      student: submission.student,
      reason,
      durationMs,
    });
    const outcome = { ...base, ...scoresOf(synthesized), status: 'wall-timeout' as const, reason };
    return { outcome, report: synthesized };
  }
  // a jailed job's processes all die with its jail, so its grader must have exited 0 by itself
  if (report && !problem && (end.exit.code === 0 || (end.lingered && !settings.jailed))) {
    const outcome: StudentOutcome = { ...base, ...scoresOf(report), status: statusOf(report) };
    if (outcome.status !== 'graded') outcome.reason = report.target.notes[0];
    return { outcome, report };
  }
  const lastLine = end.graderLog.trim().split('\n').pop() ?? '';
  const reason = problem
    ? `the grader's report was rejected: ${problem}`
    : `the grader exited with ${end.exit.signal ?? `code ${end.exit.code}`} without a report${lastLine ? `: ${lastLine}` : ''}`;
  const outcome: StudentOutcome = {
    ...base,
    score: null,
    maxScore: 0,
    suites: {},
    checks: {},
    status: 'grader-error',
    reason: reason.slice(0, 300),
  };
  return { outcome, report: undefined };
}

async function readReport(
  settings: JudgeSettings,
  facts: JobFacts,
): Promise<{ report: RunReport | undefined; problem: string | undefined }> {
  const text = await readChildFile(join(facts.outDir, REPORT_FILE));
  try {
    const report = text ? (JSON.parse(text) as RunReport) : undefined;
    const problem = report
      ? findReportProblem(report, settings.rubric, { ...settings, seed: facts.seed, checks: settings.checks })
      : undefined;
    return { report, problem };
  } catch (error) {
    return { report: undefined, problem: `unreadable report (${(error as Error).message})` };
  }
}
