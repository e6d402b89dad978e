import type { BenchRun } from '../run-bench.js';
import { formatNumber, formatRatio, formatSpread, renderColumns } from './format.js';
import type { Goal } from './goals.js';
import type { CellSummary, RowSummary } from './summarise.js';

const totalOf = (row: RowSummary, name: string) =>
  (row.extra[name]?.samples ?? []).reduce((sum, value) => sum + value, 0);

function cellColumns(cell: CellSummary): { header: string[]; rowOf: (row: RowSummary) => string[] } {
  if (cell.cell === 'idle') {
    return {
      header: ['target', 'RSS MB', '×C', 'at rest MB', 'KB/conn', 'held'],
      rowOf: (row) => [
        row.label,
        formatSpread(row.value),
        formatRatio(row.vsC),
        formatSpread(row.extra.restMB),
        formatSpread(row.extra.perConnectionKB),
        String(row.extra.sockets?.min ?? '–'),
      ],
    };
  }
  const cpu = cell.cell === 'large' ? 'CPU ms/req' : 'CPU µs/req';
  const cpuScale = cell.cell === 'large' ? 1e-3 : 1;
  const cpuSpread = (row: RowSummary) => row.extra.cpuUsPerRequest;
  return {
    header: [
      'target',
      cell.unit,
      '×direct',
      '×C',
      'p50 ms',
      'p99 ms',
      cpu,
      'user+sys',
      'CPU %',
      'load CPU %',
      'saturated',
      'other CPU %',
      'errors',
    ],
    rowOf: (row) => [
      row.label,
      formatSpread(row.value),
      formatRatio(row.vsDirect),
      formatRatio(row.vsC),
      formatNumber(row.extra.p50Ms?.median ?? Number.NaN),
      formatNumber(row.extra.p99Ms?.median ?? Number.NaN),
      formatNumber((cpuSpread(row)?.median ?? Number.NaN) * cpuScale),
      `${formatNumber((row.extra.userUsPerRequest?.median ?? Number.NaN) * cpuScale)}+${formatNumber((row.extra.systemUsPerRequest?.median ?? Number.NaN) * cpuScale)}`,
      formatNumber(row.extra.cpuPercent?.median ?? Number.NaN),
      `${formatNumber(row.extra.loadCpuPercent?.median ?? Number.NaN)} (${row.extra.loadThreads?.median ?? 1}t)`,
      saturatedSide(row),
      formatSpread(row.extra.otherCpuPercent),
      String(totalOf(row, 'errors')),
    ],
  };
}

/** Which side was at the end of its CPU (≥ 90 % of a core per thread), judged on medians. */
function saturatedSide(row: RowSummary): string {
  const threads = row.extra.loadThreads?.median ?? 1;
  const load = (row.extra.loadCpuPercent?.median ?? 0) / threads;
  const target = row.extra.cpuPercent?.median ?? 0;
  const sides = [load >= 90 ? 'generator' : '', target >= 90 ? 'target' : ''].filter(Boolean);
  return sides.length > 0 ? sides.join('+') : 'neither';
}

/** The whole run as text: one table per cell, then notes, skips and the goals. */
export function renderBenchTables(
  run: BenchRun,
  cells: readonly CellSummary[],
  goals: readonly Goal[],
): string {
  const lines: string[] = [];
  const { machine } = run;
  lines.push(
    `proxylab bench · ${run.startedAt} · ${machine.cpus} × ${machine.cpuModel} · node ${machine.node}`,
    `origin ${run.origin} · load ${run.loadTool} · ${run.repeats} repeat(s), figures are median [min–max]` +
      ` · load average ${machine.loadAverageBefore.map((v) => v.toFixed(1)).join(' ')} → ` +
      `${machine.loadAverageAfter.map((v) => v.toFixed(1)).join(' ')}`,
    'ratios are paired per repeat (each target ÷ the baseline measured in the same repeat); MB = 10^6 bytes;',
    'CPU % = the target process group (100 = one core), load CPU % = the load generator (its threads: Nt),',
    'saturated = the side at ≥ 90 % of a core (per generator thread; the target as a whole), else neither,',
    `other CPU % = the rest of the machine during the sample (others' work: the noise; ${machine.cpus * 100} = all cores)`,
    '',
  );
  for (const cell of cells) {
    const { header, rowOf } = cellColumns(cell);
    lines.push(`${cell.title} (${cell.unit}, ${cell.higherIsBetter ? 'higher' : 'lower'} is better)`);
    lines.push(`  ${cell.setup}`);
    for (const line of renderColumns(header, cell.rows.map(rowOf))) lines.push(`  ${line}`);
    for (const row of cell.rows) for (const note of row.notes) lines.push(`  note: ${row.label}, ${note}`);
    lines.push('');
  }
  for (const { target, reason } of run.skipped) lines.push(`skipped ${target}: ${reason}`);
  if (run.skipped.length > 0) lines.push('');
  if (goals.length > 0) lines.push(...renderGoals(goals), '');
  return lines.join('\n');
}

export function renderGoals(goals: readonly Goal[]): string[] {
  const rows = goals.map((goal) => [
    goal.title,
    goal.measured,
    goal.met === undefined ? 'n/a' : goal.met ? 'met' : 'MISSED',
  ]);
  return [
    'Goals (issues 7, 14)',
    ...renderColumns(['goal', 'measured (median [min–max])', 'verdict'], rows, 3).map((l) => `  ${l}`),
  ];
}
