import type { Spread } from '../stats.js';

/** A number with as many digits as a noisy measurement deserves. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '–';
  const magnitude = Math.abs(value);
  if (magnitude >= 1000) return Math.round(value).toLocaleString('en-US');
  if (magnitude >= 100) return value.toFixed(0);
  if (magnitude >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** "median [min–max]", or just the median when there is one sample. */
export function formatSpread(spread: Spread | undefined): string {
  if (!spread || !Number.isFinite(spread.median)) return '–';
  if (spread.samples.length < 2) return formatNumber(spread.median);
  return `${formatNumber(spread.median)} [${formatNumber(spread.min)}–${formatNumber(spread.max)}]`;
}

/** A ratio as "0.52×" with its spread. */
export function formatRatio(spread: Spread | undefined): string {
  if (!spread || !Number.isFinite(spread.median)) return '–';
  const ratio = (value: number) => value.toFixed(2);
  if (spread.samples.length < 2) return `${ratio(spread.median)}×`;
  return `${ratio(spread.median)}× [${ratio(spread.min)}–${ratio(spread.max)}]`;
}

/** The first `leftColumns` columns left-aligned, the others right-aligned, two spaces between columns. */
export function renderColumns(
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  leftColumns = 1,
): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => (row[column] ?? '').length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) =>
        column < leftColumns ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
      )
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '─'.repeat(width))), ...rows.map(line)];
}
