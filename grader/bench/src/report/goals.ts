import type { Spread } from '../stats.js';
import { formatRatio, formatSpread } from './format.js';
import type { CellSummary } from './summarise.js';

export interface Goal {
  title: string;
  measured: string;
  /** undefined when the cell was not measured */
  met: boolean | undefined;
}

function goal(
  title: string,
  spread: Spread | undefined,
  isMet: (median: number) => boolean,
  show: string,
): Goal {
  if (!spread || !Number.isFinite(spread.median)) return { title, measured: 'not measured', met: undefined };
  return { title, measured: show, met: isMet(spread.median) };
}

/** The bench goals of issues 7 and 14 for the reference proxy, judged on medians. */
export function evaluateBenchGoals(cells: readonly CellSummary[]): Goal[] {
  const reference = (cell: string) =>
    cells.find((summary) => summary.cell === cell)?.rows.find((row) => row.target === 'reference');
  const small = reference('small')?.vsC;
  const large = reference('large')?.vsDirect;
  const largeVsC = reference('large')?.vsC;
  const idle = reference('idle')?.value;
  return [
    goal('1 KiB req/s ≥ 1.0× the C proxy', small, (m) => m >= 1.0, formatRatio(small)),
    goal('10 MiB MB/s ≥ 0.8× direct', large, (m) => m >= 0.8, formatRatio(large)),
    goal('10 MiB MB/s ≥ 1.0× the C proxy', largeVsC, (m) => m >= 1.0, formatRatio(largeVsC)),
    goal('1,000 idle connections ≤ 150 MB RSS', idle, (m) => m <= 150, `${formatSpread(idle)} MB`),
  ];
}

/** The grading-time goal: the whole default-rubric run of the reference in at most 5 s. */
export function evaluateGradeGoal(wallMs: Spread | undefined): Goal {
  return goal(
    'grading the reference (default rubric) ≤ 5 s',
    wallMs,
    (m) => m <= 5000,
    `${formatSpread(wallMs)} ms`,
  );
}
