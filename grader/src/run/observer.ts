// The hooks through which a reporter follows a grading run live.
import type { MeasuredCheck } from '../scoring/score.js';
import type { SuiteId, TargetInfo } from '../types.js';

/** Hooks a reporter may implement to follow the run live. */
export interface RunObserver {
  onRunStart?(info: { target: TargetInfo; rubric: string; checkCount: number }): void;
  onCheckStart?(suiteId: SuiteId, checkId: string, title: string): void;
  /** The check as measured: its points come with the report, once its whole suite is known. */
  onCheckEnd?(suiteId: SuiteId, result: MeasuredCheck): void;
}
