import { displayTarget } from './target-name.js';
import type { CheckResult, RunReport } from '../types.js';
import type { Messages } from './messages.js';
import { checkStatus, formatDuration, formatPoints, sanitizeText, statusLabel } from './text.js';

/** Why a check ended as it did, as labelled plain-text lines (for formats that show one text block per check). */
export function explainCheck(check: CheckResult, m: Messages): string[] {
  const status = checkStatus(check);
  if (status === 'skipped') return [`${m.skipped}: ${sanitizeText(check.skipped ?? '')}`];
  const lines: string[] = [];
  if (status !== 'passed' && status !== 'failed') lines.push(`${m.status}: ${statusLabel(status, m)}`);
  const add = (label: string, value: string | undefined) => {
    if (value !== undefined && value !== '') lines.push(`${label}: ${sanitizeText(value)}`);
  };
  add(m.detail, check.detail);
  add(m.expected, check.expected);
  add(m.received, check.received);
  add(m.hint, check.hint);
  add(m.reproduce, check.reproduce);
  if (check.crash) {
    lines.push(`${m.crashed}: ${m.diedBy(check.crash)}`);
    if (check.crash.outputTail.length > 0) {
      lines.push(`${m.lastOutput}:`, ...check.crash.outputTail.map((line) => `  ${sanitizeText(line)}`));
    }
  }
  return lines;
}

/** The run as a few lines: target, rubric, notes, build failure, crashes, score. */
export function explainRun(report: RunReport, m: Messages): string[] {
  const lines = [
    `${m.target}: ${sanitizeText(displayTarget(report))}`,
    `${m.rubric}: ${report.rubric} · ${m.seed}: ${report.seed}`,
  ];
  for (const note of report.target.notes) lines.push(`${m.notes}: ${sanitizeText(note)}`);
  if (report.build && !report.build.ok) {
    lines.push(`${m.buildFailed}:`, ...report.build.outputTail.map((line) => `  ${sanitizeText(line)}`));
  }
  if (!report.targetStarted) lines.push(m.targetNotStarted);
  for (const crash of report.crashes)
    lines.push(`${m.crashes}: ${m.crashDuring(crash.checkId)}: ${m.diedBy(crash)}`);
  lines.push(
    `${m.score}: ${formatPoints(report.score)}/${formatPoints(report.maxScore)} (${formatDuration(report.durationMs)})`,
  );
  return lines;
}
