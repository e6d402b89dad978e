import type { MeasuredCheck } from '../scoring/score.js';
import type { Lang, RunReport, SuiteId, TargetInfo } from '../types.js';

/** Where a reporter writes: a stream, a file path, or undefined for stdout. */
export type OutTarget = NodeJS.WritableStream | string | undefined;

export interface ReporterOptions {
  /** A stream, a file path (written whole at the end of the run), or undefined for stdout. */
  out: OutTarget;
  /** Language of labels and sentences. */
  lang: Lang;
  /** ANSI colours, terminal only; the CLI decides with detectColor (TTY, FORCE_COLOR, NO_COLOR). */
  color: boolean;
  /** More detail (terminal: passed checks' details, whole crash output). */
  verbose: boolean;
  /** Terminal to a stream: a status line rewritten in place while the run goes on (a TTY). @default false */
  live?: boolean;
  /** Terminal to a stream: the width to fit the table in; no fitting when undefined. */
  columns?: number;
  /** Read for GITHUB_OUTPUT (classroom) and GITHUB_STEP_SUMMARY (markdown). @default process.env */
  env?: NodeJS.ProcessEnv;
  /** Gradescope: when students see the tests and the run's output. @default { tests: 'visible', stdout: unset } */
  gradescope?: GradescopeVisibilityOptions;
}

export type GradescopeVisibility = 'hidden' | 'after_due_date' | 'after_published' | 'visible';

export interface GradescopeVisibilityOptions {
  /** every test's `visibility` */
  tests?: GradescopeVisibility;
  /** the results' `stdout_visibility` (the autograder's log) */
  stdout?: GradescopeVisibility;
}

export const GRADESCOPE_VISIBILITIES: readonly GradescopeVisibility[] = [
  'hidden',
  'after_due_date',
  'after_published',
  'visible',
];

export interface RunStartInfo {
  target: TargetInfo;
  rubric: string;
  checkCount: number;
}

/** A report format. Only onRunEnd is required; the other hooks follow the run live. */
export interface Reporter {
  onRunStart?(info: RunStartInfo): void | Promise<void>;
  onCheckStart?(suiteId: SuiteId, checkId: string, title: string): void;
  onCheckEnd?(suiteId: SuiteId, result: MeasuredCheck): void;
  onRunEnd(report: RunReport): Promise<void> | void;
  /** The run stopped without a report (a fault of the grader): stop anything drawn live, before the error. */
  onRunAbort?(): void;
}
