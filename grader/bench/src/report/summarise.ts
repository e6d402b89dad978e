import type { CellRun } from '../cells/types.js';
import type { TargetName } from '../targets/types.js';
import { type Spread, summarise } from '../stats.js';

export interface RowSummary {
  target: TargetName;
  label: string;
  value: Spread;
  extra: Record<string, Spread>;
  /** Paired by repeat (value ÷ the baseline's value in the same repeat), then median and min–max. */
  vsDirect: Spread | undefined;
  vsC: Spread | undefined;
  notes: string[];
}

export interface CellSummary {
  cell: string;
  title: string;
  unit: string;
  higherIsBetter: boolean;
  setup: string;
  rows: RowSummary[];
}

function pairedRatios(
  values: readonly number[],
  baseline: readonly number[] | undefined,
): Spread | undefined {
  if (!baseline) return undefined;
  const ratios = values.map((value, repeat) => value / (baseline[repeat] ?? Number.NaN));
  return summarise(ratios);
}

/** Medians, spreads and ratios of every row of one cell. */
export function summariseCell(run: CellRun): CellSummary {
  const valuesOf = (target: TargetName) =>
    run.rows.find((row) => row.target === target)?.samples.map((sample) => sample.value);
  const direct = valuesOf('direct');
  const c = valuesOf('c');
  const rows = run.rows.map((row): RowSummary => {
    const values = row.samples.map((sample) => sample.value);
    const extraNames = [...new Set(row.samples.flatMap((sample) => Object.keys(sample.extra)))];
    const extra = Object.fromEntries(
      extraNames.map((name) => [
        name,
        summarise(row.samples.map((sample) => sample.extra[name] ?? Number.NaN)),
      ]),
    );
    return {
      target: row.target,
      label: row.label,
      value: summarise(values),
      extra,
      vsDirect: row.target === 'direct' ? undefined : pairedRatios(values, direct),
      vsC: row.target === 'c' ? undefined : pairedRatios(values, c),
      notes: row.samples.flatMap((sample, index) =>
        sample.notes.map((note) => `repeat ${index + 1}: ${note}`),
      ),
    };
  });
  return {
    cell: run.spec.name,
    title: run.spec.title,
    unit: run.spec.unit,
    higherIsBetter: run.spec.higherIsBetter,
    setup: run.setup,
    rows,
  };
}
