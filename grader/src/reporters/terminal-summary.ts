import type { CheckResult, CrashInfo, RunReport, SuiteResult } from '../types.js';
import type { Paint } from './ansi.js';
import { type Messages, messagesFor } from './messages.js';
import {
  checkStatus,
  displayWidth,
  formatDuration,
  formatPoints,
  padDisplay,
  sanitizeText,
  statusLabel,
} from './text.js';

export interface SummaryStyle {
  paint: Paint;
  verbose: boolean;
}

const CRASH_TAIL_LINES = 8;

/** The end-of-run text: a table per suite, crashes, every failed check explained, and the score line. */
export function renderTerminalSummary(report: RunReport, style: SummaryStyle): string {
  const m = messagesFor(report.lang);
  const out: string[] = [''];
  out.push(...renderNotes(report, m, style));
  const titleWidth = Math.max(
    10,
    ...report.suites.flatMap((s) => s.checks.map((c) => displayWidth(c.title))),
  );
  for (const suite of report.suites) out.push(...renderSuite(suite, titleWidth, m, style), '');
  out.push(...renderCrashes(report.crashes, m, style));
  out.push(...renderFailures(report, m, style));
  const scoreLine = `${m.score}: ${formatPoints(report.score)}/${formatPoints(report.maxScore)} (${formatDuration(report.durationMs)})`;
  out.push(style.paint.bold(scoreLine), '');
  return out.join('\n');
}

export function markFor(check: CheckResult, paint: Paint): string {
  const status = checkStatus(check);
  if (status === 'passed') return paint.green('✓');
  if (status === 'skipped') return paint.dim('-');
  return paint.red('✗');
}

function renderNotes(report: RunReport, m: Messages, { paint, verbose }: SummaryStyle): string[] {
  const lines: string[] = [];
  if (report.build && !report.build.ok) {
    lines.push(paint.red(`${m.buildFailed} (${formatDuration(report.build.durationMs)}):`));
    lines.push(
      ...tail(report.build.outputTail, verbose).map((line) => paint.dim(`  | ${sanitizeText(line)}`)),
    );
  }
  if (!report.targetStarted) lines.push(paint.red(m.targetNotStarted));
  for (const note of report.target.notes) lines.push(paint.yellow(`${m.notes}: ${sanitizeText(note)}`));
  return lines.length > 0 ? [...lines, ''] : [];
}

function renderSuite(suite: SuiteResult, titleWidth: number, m: Messages, { paint }: SummaryStyle): string[] {
  const head = `${suite.id} — ${suite.title}  ${formatPoints(suite.score)}/${formatPoints(suite.maxScore)} ${m.points}  ${formatDuration(suite.durationMs)}`;
  const rows = suite.checks.map((check) => {
    const status = checkStatus(check);
    const points = `${formatPoints(check.score)}/${formatPoints(check.maxScore)}`.padStart(7);
    const note = status === 'passed' || status === 'failed' ? '' : `  ${statusLabel(status, m)}`;
    const time = formatDuration(check.durationMs).padStart(8);
    return `  ${markFor(check, paint)} ${padDisplay(check.title, titleWidth)} ${points} ${time}${paint.dim(note)}`;
  });
  return [paint.bold(head), ...rows];
}

function renderCrashes(crashes: RunReport['crashes'], m: Messages, style: SummaryStyle): string[] {
  if (crashes.length === 0) return [];
  const lines = [style.paint.bold(m.crashes)];
  for (const crash of crashes) {
    lines.push(`  ${style.paint.red('✗')} ${m.crashDuring(crash.checkId)}: ${m.diedBy(crash)}`);
    lines.push(...crashTail(crash, m, style));
  }
  return [...lines, ''];
}

function crashTail(crash: CrashInfo, m: Messages, { paint, verbose }: SummaryStyle): string[] {
  if (crash.outputTail.length === 0) return [];
  const lines = tail(crash.outputTail, verbose).map((line) => paint.dim(`      | ${sanitizeText(line)}`));
  return [paint.dim(`      ${m.lastOutput}:`), ...lines];
}

function renderFailures(report: RunReport, m: Messages, style: SummaryStyle): string[] {
  const { paint, verbose } = style;
  const failed = report.suites.flatMap((s) => s.checks).filter((c) => !c.passed && !c.skipped);
  const explained = verbose ? report.suites.flatMap((s) => s.checks).filter((c) => c.passed && c.detail) : [];
  if (failed.length === 0 && explained.length === 0) {
    return report.suites.some((s) => s.checks.length > 0) ? [paint.green(m.allPassed), ''] : [];
  }
  const lines = failed.length > 0 ? [paint.bold(m.failures)] : [];
  for (const check of [...failed, ...explained]) {
    const status = checkStatus(check);
    const extra = status === 'failed' || status === 'passed' ? '' : ` (${statusLabel(status, m)})`;
    lines.push(`  ${markFor(check, paint)} ${paint.bold(check.id)} — ${check.title}${extra}`);
    lines.push(...field(m.detail, check.detail), ...field(m.expected, check.expected));
    lines.push(...field(m.received, check.received), ...field(m.hint, check.hint, paint.cyan));
    lines.push(...field(m.reproduce, check.reproduce, paint.dim));
  }
  return [...lines, ''];
}

function field(label: string, value: string | undefined, color: (s: string) => string = (s) => s): string[] {
  if (value === undefined || value === '') return [];
  const [first = '', ...rest] = sanitizeText(value).split('\n');
  return [color(`      ${label}: ${first}`), ...rest.map((line) => color(`        ${line}`))];
}

function tail(lines: string[], verbose: boolean): string[] {
  return verbose ? lines : lines.slice(-CRASH_TAIL_LINES);
}
