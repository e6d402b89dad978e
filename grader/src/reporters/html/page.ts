import type { CheckResult, RunReport, SuiteResult } from '../../types.js';
import { type Messages, messagesFor } from '../messages.js';
import { checkStatus, formatDuration, formatPoints, statusLabel } from '../text.js';
import { escapeHtml as h } from './escape.js';
import { type HtmlLabels, htmlLabelsFor } from './labels.js';
import { displayTarget } from '../target-name.js';
import { rerunCommand } from './rerun.js';
import { STYLE } from './style.js';
import { renderTimelineSvg } from './timeline-svg.js';

const ICONS = { passed: '✔', failed: '✘', 'timed-out': '⏱', crashed: '✸', skipped: '–' } as const;

/** One self-contained page a student opens: the score, each lost point with its evidence, and how to rerun it. */
export function renderHtmlReport(report: RunReport): string {
  const m = messagesFor(report.lang);
  const l = htmlLabelsFor(report.lang);
  const score = `${formatPoints(report.score)}/${formatPoints(report.maxScore)}`;
  const failed = report.suites.flatMap((s) => s.checks).filter((c) => !c.passed && !c.skipped);
  const body = [
    `<header><h1>${h(m.score)} ${score}</h1>`,
    `<p class="meta">${h(m.target)}: ${h(displayTarget(report))} · ${h(m.rubric)}: ${h(report.rubric)} · ${h(m.seed)}: <code>${h(report.seed)}</code> · ${h(m.time)}: ${h(formatDuration(report.durationMs))}</p>`,
    suiteBars(report.suites, l),
    '</header>',
    notes(report, m, l),
    `<h2>${h(m.whatToFix)}</h2>`,
    failed.length === 0
      ? `<p class="ok">${h(m.allPassed)}</p>`
      : failed.map((c) => failure(c, report, m, l)).join('\n'),
    `<h2>${h(l.allChecks)}</h2>`,
    ...report.suites.map((s) => suiteTable(s, m)),
  ];
  return [
    '<!doctype html>',
    `<html lang="${report.lang}"><head><meta charset="utf-8">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(l.title)} — ${score}</title><style>${STYLE}</style></head>`,
    `<body>${body.join('\n')}</body></html>`,
    '',
  ].join('\n');
}

function suiteBars(suites: SuiteResult[], l: HtmlLabels): string {
  const rows = suites.map((s) => {
    const percent = s.maxScore > 0 ? Math.round((100 * s.score) / s.maxScore) : 100;
    return `<li><span class="name">${h(s.title)}</span><span class="bar"><span style="width:${percent}%"></span></span><span class="pts">${formatPoints(s.score)}/${formatPoints(s.maxScore)}</span></li>`;
  });
  return `<ul class="suites" aria-label="${h(l.suites)}">${rows.join('')}</ul>`;
}

function notes(report: RunReport, m: Messages, l: HtmlLabels): string {
  const out: string[] = [];
  if (!report.targetStarted) out.push(`<p class="warn">${h(m.targetNotStarted)}</p>`);
  for (const note of report.target.notes) out.push(`<p class="note">${h(note)}</p>`);
  if (report.build && !report.build.ok) {
    out.push(`<h2>${h(m.buildFailed)}</h2><pre>${h(report.build.outputTail.join('\n'))}</pre>`);
  } else if (report.build && report.build.outputTail.length > 0) {
    out.push(
      `<details><summary>${h(l.buildOutput)}</summary><pre>${h(report.build.outputTail.join('\n'))}</pre></details>`,
    );
  }
  return out.join('\n');
}

function failure(check: CheckResult, report: RunReport, m: Messages, l: HtmlLabels): string {
  const status = checkStatus(check);
  const rows: string[] = [];
  const row = (label: string, value: string | undefined, pre = false) => {
    if (value) rows.push(`<dt>${h(label)}</dt><dd>${pre ? `<pre>${h(value)}</pre>` : h(value)}</dd>`);
  };
  row(m.status, statusLabel(status, m));
  row(m.detail, check.detail);
  row(m.expected, check.expected, true);
  row(m.received, check.received, true);
  row(m.hint, check.hint);
  if (check.crash) {
    row(m.crashed, m.diedBy(check.crash));
    row(m.lastOutput, check.crash.outputTail.join('\n'), true);
  }
  const timeline = check.timeline
    ? `<h4>${h(l.timeline)}</h4><p class="small">${h(l.timelineNote)}</p>${renderTimelineSvg(check.timeline, l.timelineLabels)}`
    : '';
  return [
    `<article class="check ${status}" id="${h(check.id)}">`,
    `<h3>${ICONS[status]} ${h(check.title)} <code>${h(check.id)}</code> <span class="pts">${formatPoints(check.score)}/${formatPoints(check.maxScore)} ${h(m.points)}</span></h3>`,
    `<dl>${rows.join('')}</dl>`,
    timeline,
    `<p class="rerun">${h(l.rerun)} — ${h(l.rerunNote)}</p><pre class="cmd">${h(rerunCommand(report, check.id))}</pre>`,
    '</article>',
  ].join('\n');
}

function suiteTable(suite: SuiteResult, m: Messages): string {
  const rows = suite.checks.map((c) => {
    const status = checkStatus(c);
    const name = !c.passed && !c.skipped ? `<a href="#${h(c.id)}">${h(c.title)}</a>` : h(c.title);
    return `<tr class="${status}"><td>${ICONS[status]}</td><td>${name}<br><code>${h(c.id)}</code></td><td class="num">${formatPoints(c.score)}/${formatPoints(c.maxScore)}</td><td class="num">${h(formatDuration(c.durationMs))}</td></tr>`;
  });
  return `<h3>${h(suite.title)} <span class="pts">${formatPoints(suite.score)}/${formatPoints(suite.maxScore)}</span></h3><table><thead><tr><th></th><th>${h(m.check)}</th><th>${h(m.points)}</th><th>${h(m.time)}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
