import type { TargetName } from '../targets/types.js';

export type CellName = 'small' | 'hit' | 'large' | 'idle';

export interface CellSpec {
  readonly name: CellName;
  readonly title: string;
  /** Unit of the headline value, e.g. "req/s". */
  readonly unit: string;
  readonly higherIsBetter: boolean;
}

/** One measurement of one target in one cell (one repeat). `value` is the headline figure. */
export interface CellSample {
  value: number;
  /** Secondary figures: p50Ms, p99Ms, cpuUsPerRequest, errors, requests; restMB, sockets for idle. */
  extra: Record<string, number>;
  /** Anything a reader should know about this sample (errors seen, fewer connections accepted...). */
  notes: string[];
}

/** All repeats of one target in one cell; a failed repeat is NaN with its reason in `notes`. */
export interface CellRow {
  target: TargetName;
  label: string;
  samples: CellSample[];
}

export interface CellRun {
  spec: CellSpec;
  /** How the cell was driven, for the report header. */
  setup: string;
  rows: CellRow[];
}
