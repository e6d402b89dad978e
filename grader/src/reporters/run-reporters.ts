import type { MeasuredCheck } from '../scoring/score.js';
import type { RunReport, SuiteId } from '../types.js';
import { GraderError } from '../errors.js';
import type { Reporter, RunStartInfo } from './types.js';

/** A reporter that forwards every hook to each of `list`, in order. */
export interface ReporterFanOut extends Reporter {
  onRunStart(info: RunStartInfo): Promise<void>;
  onCheckStart(suiteId: SuiteId, checkId: string, title: string): void;
  onCheckEnd(suiteId: SuiteId, result: MeasuredCheck): void;
  onRunEnd(report: RunReport): Promise<void>;
}

/**
 * Fans the run's hooks out to every reporter. One failing reporter does not stop the others: onRunEnd writes
 * every report it can, then throws the first failure (with the others in its details).
 */
export function runReporters(list: readonly Reporter[]): ReporterFanOut {
  return {
    async onRunStart(info) {
      await settleAll(list.map((r) => () => r.onRunStart?.(info)));
    },
    onCheckStart(suiteId, checkId, title) {
      for (const r of list) r.onCheckStart?.(suiteId, checkId, title);
    },
    onCheckEnd(suiteId, result) {
      for (const r of list) r.onCheckEnd?.(suiteId, result);
    },
    async onRunEnd(report) {
      await settleAll(list.map((r) => () => r.onRunEnd(report)));
    },
  };
}

async function settleAll(calls: Array<() => unknown>): Promise<void> {
  const errors: unknown[] = [];
  for (const call of calls) {
    try {
      await call();
    } catch (error) {
      errors.push(error);
    }
  }
  const [first, ...rest] = errors;
  if (first === undefined) return;
  if (rest.length === 0) throw first;
  throw new GraderError(
    first instanceof GraderError ? first.code : 'GRADER_ERR_REPORT_WRITE',
    `${errors.length} reports could not be written.`,
    { cause: first, details: errors.map((e) => (e instanceof Error ? e.message : String(e))) },
  );
}
