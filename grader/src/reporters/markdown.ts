import type { CheckResult, RunReport, SuiteResult } from '../types.js';
import { type Messages, messagesFor } from './messages.js';
import { writeOutput } from './output.js';
import { checkStatus, formatDuration, formatPoints, sanitizeText, statusLabel } from './text.js';
import type { Reporter, ReporterOptions } from './types.js';

const ICONS = { passed: '✅', failed: '❌', 'timed-out': '⏱️', crashed: '💥', skipped: '⏭️' } as const;

/** A Markdown page for $GITHUB_STEP_SUMMARY: score heading, a table per suite, and what to fix. */
export function renderMarkdown(report: RunReport): string {
  const m = messagesFor(report.lang);
  const out = [
    `## proxylab-grade — ${m.score}: ${formatPoints(report.score)}/${formatPoints(report.maxScore)}`,
    '',
  ];
  out.push(
    `**${m.target}:** ${inline(report.target.description)} · **${m.rubric}:** ${inline(report.rubric)} · **${m.time}:** ${formatDuration(report.durationMs)}`,
    '',
  );
  const notes = [...report.target.notes.map(inline)];
  if (!report.targetStarted) notes.unshift(`**${m.targetNotStarted}**`);
  if (report.build && !report.build.ok) notes.push(`**${m.buildFailed}**`);
  if (notes.length > 0) out.push(notes.map((note) => `> ${note}`).join('\n>\n'), '');
  if (report.build && !report.build.ok) out.push(...fenced(report.build.outputTail.join('\n'), ''), '');
  for (const suite of report.suites) out.push(...suiteTable(suite, m), '');
  if (report.crashes.length > 0) {
    out.push(`### ${m.crashes}`, '');
    for (const crash of report.crashes) out.push(`- \`${crash.checkId}\`: ${m.diedBy(crash)}`);
    out.push('');
  }
  out.push(`### ${m.whatToFix}`, '');
  const failed = report.suites.flatMap((s) => s.checks).filter((c) => !c.passed && !c.skipped);
  if (failed.length === 0 && report.suites.some((s) => s.checks.length > 0)) out.push(m.allPassed, '');
  for (const check of failed) out.push(...fixItem(check, m));
  return `${out.join('\n').trimEnd()}\n`;
}

function suiteTable(suite: SuiteResult, m: Messages): string[] {
  const rows = suite.checks.map((check) => {
    const status = checkStatus(check);
    const time =
      status === 'skipped'
        ? `${m.skipped}: ${inline(check.skipped ?? '')}`
        : formatDuration(check.durationMs);
    const note = status === 'timed-out' || status === 'crashed' ? ` (${statusLabel(status, m)})` : '';
    return `| ${ICONS[status]} | ${inline(check.title)} | \`${check.id}\` | ${formatPoints(check.score)}/${formatPoints(check.maxScore)} | ${time}${note} |`;
  });
  return [
    `### ${suite.id} — ${inline(suite.title)}: ${formatPoints(suite.score)}/${formatPoints(suite.maxScore)} ${m.points}`,
    '',
    `| | ${m.check} | id | ${m.score} | ${m.time} |`,
    '|---|---|---|--:|--:|',
    ...rows,
  ];
}

function fixItem(check: CheckResult, m: Messages): string[] {
  const status = checkStatus(check);
  const note = status === 'failed' ? '' : `, ${statusLabel(status, m)}`;
  const lines = [
    `- **\`${check.id}\`** ${inline(check.title)} (${formatPoints(check.score)}/${formatPoints(check.maxScore)} ${m.points}${note})`,
  ];
  if (check.detail) lines.push(`  - ${inline(check.detail)}`);
  if (check.crash) lines.push(`  - ${m.crashed}: ${m.diedBy(check.crash)}`);
  if (check.hint) lines.push(`  - **${m.hint}:** ${inline(check.hint)}`);
  if (check.reproduce) lines.push(`  - **${m.reproduce}:**`, ...fenced(check.reproduce, '    ', 'sh'));
  if (check.expected !== undefined) lines.push(`  - **${m.expected}:**`, ...fenced(check.expected, '    '));
  if (check.received !== undefined) lines.push(`  - **${m.received}:**`, ...fenced(check.received, '    '));
  return [...lines, ''];
}

/** Running text: control characters made visible; characters Markdown or HTML would interpret escaped. */
function inline(text: string): string {
  return sanitizeText(text)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replace(/[\\`*_[\]|#]/g, (ch) => `\\${ch}`)
    .replace(/\r?\n/g, ' ');
}

/** A code block whose fence is longer than any run of backticks inside it. */
function fenced(text: string, indent: string, lang = ''): string[] {
  const longest = Math.max(0, ...[...sanitizeText(text).matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  const body = sanitizeText(text).split('\n');
  return [`${indent}${fence}${lang}`, ...body.map((line) => `${indent}${line}`), `${indent}${fence}`];
}

/** Writes to the file given; else appends to $GITHUB_STEP_SUMMARY when set; else to stdout. */
export class MarkdownReporter implements Reporter {
  readonly #options: ReporterOptions;

  constructor(options: ReporterOptions) {
    this.#options = options;
  }

  onRunEnd(report: RunReport): Promise<void> {
    const text = renderMarkdown(report);
    const { out } = this.#options;
    const summary = (this.#options.env ?? process.env).GITHUB_STEP_SUMMARY;
    if (typeof out !== 'string' && summary) return writeOutput(summary, text, 'markdown', true);
    return writeOutput(out, text, 'markdown');
  }
}
