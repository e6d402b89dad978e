// @proxylab/grader as a library: grade one proxy and get its report, the same one `proxylab-grade` renders.
//
//   import { grade } from '@proxylab/grader';
//   const report = await grade({ submission: './alice', rubric: 'cmu' });
//   console.log(`${report.score}/${report.maxScore}`);

export { type GradeOptions, grade } from './api/grade.js';
export { DEFAULT_BUDGET_SECONDS, DEFAULT_MAKE_TIMEOUT_SECONDS, DEFAULT_RUBRIC } from './defaults.js';
export { GraderError, UsageError } from './errors.js';
export type { RunObserver } from './run/observer.js';
export { BUNDLED_RUBRICS } from './scoring/rubric-files.js';
export { type MeasuredCheck, type MeasuredSuite, type ScoredRun, scoreRun } from './scoring/score.js';
export { SUITE_IDS } from './suites/ids.js';
export type {
  CheckResult,
  CrashInfo,
  Lang,
  Rubric,
  RubricSuite,
  RunReport,
  SuiteId,
  SuiteResult,
  TargetInfo,
} from './types.js';
export { GRADER_VERSION } from './version.js';
