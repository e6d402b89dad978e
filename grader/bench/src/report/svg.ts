import { formatNumber } from './format.js';
import type { CellSummary, RowSummary } from './summarise.js';

const WIDTH = 960;
const LABEL_WIDTH = 220;
const BAR_WIDTH = 520;
const ROW_HEIGHT = 24;
const BAR_HEIGHT = 16;
const COLOURS: Record<string, string> = {
  direct: '#7f8c8d',
  reference: '#2e86de',
  'reference-nocache': '#82b6ec',
  c: '#e67e22',
  tinyproxy: '#27ae60',
  squid: '#8e44ad',
};

const escapeXml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

function rowCaption(cell: CellSummary, row: RowSummary): string {
  const parts = [`${formatNumber(row.value.median)} ${cell.unit}`];
  if (row.vsC && Number.isFinite(row.vsC.median)) parts.push(`${row.vsC.median.toFixed(2)}× C`);
  if (cell.cell !== 'idle' && row.vsDirect && Number.isFinite(row.vsDirect.median)) {
    parts.push(`${row.vsDirect.median.toFixed(2)}× direct`);
  }
  return parts.join(' · ');
}

function renderPanel(cell: CellSummary, top: number): { svg: string[]; height: number } {
  const svg: string[] = [];
  svg.push(
    `<text x="10" y="${top + 16}" class="title">${escapeXml(`${cell.title} — ${cell.unit}, ${cell.higherIsBetter ? 'higher' : 'lower'} is better`)}</text>`,
  );
  svg.push(`<text x="10" y="${top + 32}" class="setup">${escapeXml(cell.setup)}</text>`);
  const scaleMax = Math.max(
    1e-9,
    ...cell.rows.map((row) => (Number.isFinite(row.value.max) ? row.value.max : 0)),
  );
  const x = (value: number) => LABEL_WIDTH + (Math.max(0, value) / scaleMax) * BAR_WIDTH;
  cell.rows.forEach((row, index) => {
    const y = top + 44 + index * ROW_HEIGHT;
    const middle = y + BAR_HEIGHT / 2;
    svg.push(`<text x="${LABEL_WIDTH - 8}" y="${middle + 4}" class="label">${escapeXml(row.label)}</text>`);
    if (!Number.isFinite(row.value.median)) {
      svg.push(`<text x="${LABEL_WIDTH}" y="${middle + 4}" class="value">failed</text>`);
      return;
    }
    const colour = COLOURS[row.target] ?? '#555';
    const width = (x(row.value.median) - LABEL_WIDTH).toFixed(1);
    svg.push(`<rect x="${LABEL_WIDTH}" y="${y}" width="${width}" height="${BAR_HEIGHT}" fill="${colour}"/>`);
    if (row.value.samples.length > 1) {
      const [low, high] = [x(row.value.min).toFixed(1), x(row.value.max).toFixed(1)];
      svg.push(
        `<path d="M${low} ${middle}H${high}M${low} ${y + 3}V${y + BAR_HEIGHT - 3}M${high} ${y + 3}V${y + BAR_HEIGHT - 3}" class="spread"/>`,
      );
    }
    svg.push(
      `<text x="${(x(row.value.max) + 8).toFixed(1)}" y="${middle + 4}" class="value">${escapeXml(rowCaption(cell, row))}</text>`,
    );
  });
  return { svg, height: 44 + cell.rows.length * ROW_HEIGHT + 16 };
}

/** A hand-written bar chart: one panel per cell, bars at the median, whiskers from min to max. */
export function renderSvg(cells: readonly CellSummary[], caption: string): string {
  const body: string[] = [];
  let top = 34;
  for (const cell of cells) {
    const panel = renderPanel(cell, top);
    body.push(...panel.svg);
    top += panel.height;
  }
  const height = top + 10;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif">`,
    '<style>.title{font-size:14px;font-weight:bold}.setup{font-size:11px;fill:#555}.label{font-size:12px;text-anchor:end}.value{font-size:11px}.spread{stroke:#222;stroke-width:1.2;fill:none}.caption{font-size:12px;fill:#333}</style>',
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    `<text x="10" y="20" class="caption">${escapeXml(caption)}</text>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}
