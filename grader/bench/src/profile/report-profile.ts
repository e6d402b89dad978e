import { formatNumber, renderColumns } from '../report/format.js';
import type { CellProfile } from './run-profile.js';

/**
 * Per cell: where the proxy's CPU time went, per category and per function, in ms over the whole
 * profile and in µs per request (warm-up included in both). Kernel time inside a JS call (connect, write,
 * close) is charged to that call; reads done by libuv before any JS runs fall under idle, so "busy"
 * understates the CPU time /proc reports. The proportions are the point.
 */
export function renderProfiles(profiles: readonly CellProfile[]): string {
  const lines: string[] = [];
  for (const profile of profiles) {
    const { summary } = profile;
    const perRequest = (ms: number) => formatNumber((ms * 1000) / Math.max(1, profile.requests));
    lines.push(
      `${profile.title}: ${formatNumber(profile.perSecond)} ${profile.unit} under the profiler · ` +
        `busy ${formatNumber(summary.busyMs)} of ${formatNumber(summary.wallMs)} ms · ${profile.profileFile}`,
    );
    const shown = summary.categories.filter(({ category }) => category !== 'idle').slice(0, 14);
    const restMs = summary.busyMs - shown.reduce((sum, { selfMs }) => sum + selfMs, 0);
    const categories = [...shown, { category: '(the rest)', selfMs: restMs }].map(({ category, selfMs }) => [
      category,
      formatNumber(selfMs),
      `${((selfMs / summary.busyMs) * 100).toFixed(1)}%`,
      perRequest(selfMs),
    ]);
    lines.push(
      ...renderColumns(['category (self time)', 'ms', 'share', 'µs/req'], categories).map((l) => `  ${l}`),
    );
    lines.push('');
    const frames = summary.topSelf.map(({ frame, selfMs }) => [
      frame,
      formatNumber(selfMs),
      `${((selfMs / summary.busyMs) * 100).toFixed(1)}%`,
      perRequest(selfMs),
    ]);
    lines.push(
      ...renderColumns(['function (self time)', 'ms', 'share', 'µs/req'], frames).map((l) => `  ${l}`),
    );
    lines.push('');
    const totals = summary.proxyTotals.map(({ frame, totalMs, selfMs }) => [
      frame,
      formatNumber(totalMs),
      `${((totalMs / summary.busyMs) * 100).toFixed(1)}%`,
      perRequest(totalMs),
      formatNumber(selfMs),
    ]);
    lines.push(
      ...renderColumns(['proxy function (inclusive)', 'total ms', 'share', 'µs/req', 'self ms'], totals).map(
        (l) => `  ${l}`,
      ),
    );
    lines.push('');
  }
  return lines.join('\n');
}
