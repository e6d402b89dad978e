import type { CheckResult, CrashInfo, RunReport, SuiteResult } from '../types.js';
import type { Paint } from './ansi.js';
import { truncateDisplay, wrapDisplay } from './fit.js';
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
  /**
   * The terminal's width: the table is fitted in one column less (titles cut with '…', prose wrapped), since a line
   * that fills the last column wraps on some terminals. No fitting when undefined.
   */
  columns?: number;
}

/** A check row without its title: '  ✓ ' + ' ' + points (7) + ' ' + time (8). */
const ROW_FIXED_WIDTH = 21;
const MIN_TITLE_WIDTH = 10;

const CRASH_TAIL_LINES = 8;

/** The end-of-run text: a table per suite, crashes, every failed check explained, and the score line. */
export function renderTerminalSummary(report: RunReport, style: SummaryStyle): string {
  const m = messagesFor(report.lang);
  const out: string[] = [''];
  out.push(...renderNotes(report, m, style));
  const fitted = { ...style, columns: style.columns === undefined ? undefined : style.columns - 1 };
  const titleWidth = fitTitleWidth(report, m, fitted.columns);
  for (const suite of report.suites) out.push(...renderSuite(suite, titleWidth, m, fitted), '');
  out.push(...renderCrashes(report.crashes, m, fitted));
  out.push(...renderFailures(report, m, fitted));
  const scoreLine = `${m.score}: ${formatPoints(report.score)}/${formatPoints(report.maxScore)} (${formatDuration(report.durationMs)})`;
  out.push(style.paint.bold(scoreLine), '');
  return out.join('\n');
}

/** The title column: as wide as the longest title, or narrower so that every row fits in `columns`. */
function fitTitleWidth(report: RunReport, m: Messages, columns: number | undefined): number {
  const checks = report.suites.flatMap((s) => s.checks);
  const natural = Math.max(MIN_TITLE_WIDTH, ...checks.map((c) => displayWidth(c.title)));
  if (columns === undefined) return natural;
  const notes = checks.map((check) => {
    const status = checkStatus(check);
    return status === 'passed' || status === 'failed' ? 0 : 2 + displayWidth(statusLabel(status, m));
  });
  return Math.max(MIN_TITLE_WIDTH, Math.min(natural, columns - ROW_FIXED_WIDTH - Math.max(0, ...notes)));
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

function renderSuite(
  suite: SuiteResult,
  titleWidth: number,
  m: Messages,
  { paint, columns }: SummaryStyle,
): string[] {
  const tail = `  ${formatPoints(suite.score)}/${formatPoints(suite.maxScore)} ${m.points}  ${formatDuration(suite.durationMs)}`;
  const name = `${suite.id} — ${suite.title}`;
  const head = `${columns === undefined ? name : truncateDisplay(name, Math.max(MIN_TITLE_WIDTH, columns - displayWidth(tail)))}${tail}`;
  const rows = suite.checks.map((check) => {
    const status = checkStatus(check);
    const points = `${formatPoints(check.score)}/${formatPoints(check.maxScore)}`.padStart(7);
    const note = status === 'passed' || status === 'failed' ? '' : `  ${statusLabel(status, m)}`;
    const time = formatDuration(check.durationMs).padStart(8);
    const title = padDisplay(truncateDisplay(check.title, titleWidth), titleWidth);
    return `  ${markFor(check, paint)} ${title} ${points} ${time}${paint.dim(note)}`;
  });
  return [paint.bold(head), ...rows];
}

function renderCrashes(crashes: RunReport['crashes'], m: Messages, style: SummaryStyle): string[] {
  if (crashes.length === 0) return [];
  const lines = [style.paint.bold(m.crashes)];
  for (const crash of crashes) {
    lines.push(
      ...fit(`  ${style.paint.red('✗')} ${m.crashDuring(crash.checkId)}: ${m.diedBy(crash)}`, style.columns),
    );
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
    lines.push(
      ...fit(`  ${markFor(check, paint)} ${paint.bold(check.id)} — ${check.title}${extra}`, style.columns),
    );
    const prose = { columns: style.columns };
    lines.push(...field(m.detail, check.detail, prose), ...field(m.expected, check.expected));
    lines.push(
      ...field(m.received, check.received),
      ...field(m.hint, check.hint, { ...prose, color: paint.cyan }),
    );
    lines.push(...field(m.reproduce, check.reproduce, { color: paint.dim }));
  }
  return [...lines, ''];
}

/**
 * A labelled value under a failed check. With `columns`, prose is word-wrapped to fit; data (bytes, commands) is
 * never wrapped, so it stays exact and copyable.
 */
function field(
  label: string,
  value: string | undefined,
  { color = (s: string) => s, columns }: { color?: (s: string) => string; columns?: number } = {},
): string[] {
  if (value === undefined || value === '') return [];
  const [first = '', ...rest] = sanitizeText(value).split('\n');
  const lines = [`      ${label}: ${first}`, ...rest.map((line) => `        ${line}`)];
  const fitted =
    columns === undefined ? lines : lines.flatMap((line) => wrapDisplay(line, columns, '        '));
  return fitted.map(color);
}

/** One line of prose, wrapped to `columns` under its first word when given. */
function fit(line: string, columns: number | undefined): string[] {
  return columns === undefined ? [line] : wrapDisplay(line, columns, '      ');
}

function tail(lines: string[], verbose: boolean): string[] {
  return verbose ? lines : lines.slice(-CRASH_TAIL_LINES);
}
