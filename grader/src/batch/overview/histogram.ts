import type { OverviewModel } from './model.js';
import { escapeHtml, formatNumber } from './html.js';

/** The score histogram as inline SVG: one <rect class="bar"> per bin, its count above it, its range below. */
export function renderHistogram(bins: OverviewModel['histogram']): string {
  const width = 640;
  const height = 240;
  const top = 24;
  const bottom = 40;
  const left = 10;
  const slot = (width - 2 * left) / bins.length;
  const highest = Math.max(1, ...bins.map((b) => b.count));
  const plot = height - top - bottom;
  const parts = bins.map((bin, i) => {
    const h = Math.round((bin.count / highest) * plot);
    const x = Math.round(left + i * slot + 4);
    const y = top + plot - h;
    const w = Math.round(slot - 8);
    const range = `${formatNumber(bin.from)}–${formatNumber(bin.to)}`;
    return [
      `<g class="bin">`,
      `<rect class="bar" data-bin="${i}" data-count="${bin.count}" x="${x}" y="${y}" width="${w}" height="${Math.max(h, bin.count ? 2 : 0)}" rx="3">`,
      `<title>${escapeHtml(`${bin.count} submission(s) scored ${range}${i === bins.length - 1 ? ' (inclusive)' : ''}`)}</title></rect>`,
      `<text class="count" x="${x + w / 2}" y="${y - 6}">${bin.count}</text>`,
      `<text class="range" x="${x + w / 2}" y="${height - bottom + 18}">${escapeHtml(range)}</text>`,
      `</g>`,
    ].join('');
  });
  return [
    `<svg id="histogram" role="img" aria-label="Score histogram" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">`,
    `<line class="axis" x1="${left}" y1="${top + plot}" x2="${width - left}" y2="${top + plot}"/>`,
    ...parts,
    `<text class="label" x="${width / 2}" y="${height - 4}">score</text>`,
    '</svg>',
  ].join('\n');
}
