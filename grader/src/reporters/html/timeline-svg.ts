import type { Timeline, TimelineSpan } from '../../types.js';
import { escapeHtml } from './escape.js';

export interface TimelineLabels {
  client: string;
  direct: string;
  origin: string;
  firstByte: string;
  stillOpen: string;
  omitted: (count: number) => string;
}

const WIDTH = 760;
const LABEL = 130;
const LANE = 13;
const MAX_LANES = 80;
const COLORS = { client: '#2563eb', direct: '#9ca3af', origin: '#ea580c' } as const;

/**
 * One lane per connection on a shared time axis: the grader's clients (blue, a tick at the first response byte)
 * and the proxy's connections to the grader's origins (orange). A proxy that serialises its exchanges draws a
 * staircase; a concurrent one draws overlapping bars.
 */
export function renderTimelineSvg(timeline: Timeline, labels: TimelineLabels): string {
  const spans = [...timeline.spans].sort((a, b) => a.startMs - b.startMs);
  const shown = spans.slice(0, MAX_LANES);
  const hidden = spans.length - shown.length + timeline.omitted;
  const end = Math.max(timeline.durationMs, ...spans.map((s) => s.endMs ?? s.startMs), 1);
  const x = (ms: number) => LABEL + ((WIDTH - LABEL - 10) * ms) / end;
  const height = shown.length * LANE + 34;
  const parts = [
    `<svg class="timeline" role="img" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" xmlns="http://www.w3.org/2000/svg">`,
  ];
  for (const [i, span] of shown.entries()) parts.push(lane(span, i, x, end, labels));
  const axisY = shown.length * LANE + 8;
  parts.push(`<line x1="${LABEL}" y1="${axisY}" x2="${WIDTH - 10}" y2="${axisY}" stroke="#6b7280"/>`);
  for (const fraction of [0, 0.25, 0.5, 0.75, 1]) {
    const ms = end * fraction;
    const anchor = fraction === 0 ? 'start' : fraction === 1 ? 'end' : 'middle';
    parts.push(
      `<text x="${x(ms).toFixed(1)}" y="${axisY + 14}" font-size="10" text-anchor="${anchor}" fill="#374151">${Math.round(ms)} ms</text>`,
    );
  }
  parts.push('</svg>');
  const legend = [
    `<span class="key" style="background:${COLORS.client}"></span>${escapeHtml(labels.client)}`,
    `<span class="key" style="background:${COLORS.origin}"></span>${escapeHtml(labels.origin)}`,
    `<span class="key" style="background:${COLORS.direct}"></span>${escapeHtml(labels.direct)}`,
    `<span class="tick">|</span>${escapeHtml(labels.firstByte)}`,
  ].join(' ');
  const more = hidden > 0 ? ` · ${escapeHtml(labels.omitted(hidden))}` : '';
  return `<figure class="timeline">${parts.join('')}<figcaption>${legend}${more}</figcaption></figure>`;
}

function lane(
  span: TimelineSpan,
  i: number,
  x: (ms: number) => number,
  end: number,
  labels: TimelineLabels,
): string {
  const y = i * LANE + 2;
  const color = COLORS[span.kind];
  const open = span.endMs === undefined;
  const from = x(span.startMs);
  const to = x(span.endMs ?? end);
  const title = `${span.lane}: ${span.startMs}–${open ? labels.stillOpen : `${span.endMs} ms (${span.end})`}`;
  const bar = `<rect x="${from.toFixed(1)}" y="${y}" width="${Math.max(2, to - from).toFixed(1)}" height="${LANE - 4}" fill="${color}"${open ? ` fill-opacity="0.35" stroke-dasharray="3 2" stroke="${color}"` : ''}><title>${escapeHtml(title)}</title></rect>`;
  const tick =
    span.firstByteMs === undefined
      ? ''
      : `<rect x="${x(span.firstByteMs).toFixed(1)}" y="${y - 1}" width="2" height="${LANE - 2}" fill="#111827"/>`;
  const text = `<text x="4" y="${y + LANE - 5}" font-size="10" fill="#374151">${escapeHtml(span.lane)}</text>`;
  return text + bar + tick;
}
