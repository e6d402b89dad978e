import type { RunReport } from '../types.js';
import { type FormatSpec, parseFormatSpec } from './create-reporters.js';
import { messagesFor } from './messages.js';
import { formatDuration, formatPoints } from './text.js';

/** True when a terminal report goes to stdout: its last line is the score, nothing more is needed. */
export function printsTerminal(specs: readonly string[]): boolean {
  return specs.map(parseFormatSpec).some((spec) => spec.name === 'terminal' && spec.file === undefined);
}

/**
 * The one line printed (to stderr, so stdout stays a clean JSON, XML or Autolab line) when no terminal report is
 * asked for: the score and where each report went.
 */
export function renderSummaryLine(report: RunReport, specs: readonly string[]): string {
  const m = messagesFor(report.lang);
  const where = specs
    .map(parseFormatSpec)
    .map((spec: FormatSpec) => `${spec.name} → ${spec.file ?? 'stdout'}`);
  const score = `${m.score}: ${formatPoints(report.score)}/${formatPoints(report.maxScore)} (${formatDuration(report.durationMs)})`;
  return `proxylab-grade: ${score}${where.length > 0 ? ` · ${where.join(', ')}` : ''}\n`;
}
