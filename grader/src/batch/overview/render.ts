import { writeFile } from 'node:fs/promises';
import { OVERVIEW_CSS, OVERVIEW_JS } from './assets.js';
import { renderHistogram } from './histogram.js';
import { escapeHtml as e, formatNumber } from './html.js';
import { type OverviewLabels, overviewLabelsFor } from './labels.js';
import type { OverviewCheck, OverviewModel, OverviewStudent } from './model.js';

/** The class overview: a self-contained HTML page (inline CSS, SVG and script; nothing fetched). */
export function renderOverview(model: OverviewModel): string {
  const l = overviewLabelsFor(model.lang ?? 'en');
  const scores = model.students.flatMap((s) => (s.score === null ? [] : [s.score]));
  const mean = scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : undefined;
  const sorted = [...scores].sort((a, b) => a - b);
  const median = sorted.length
    ? ((sorted[(sorted.length - 1) >> 1] as number) + (sorted[sorted.length >> 1] as number)) / 2
    : undefined;
  const full = scores.filter((s) => s >= model.maxScore).length;
  const problems = model.students.filter(
    (s) => s.status === 'grader-error' || s.status === 'wall-timeout',
  ).length;
  const stat = (label: string, value: string, id: string) =>
    `<div class="stat" id="stat-${id}"><b>${e(value)}</b>${e(label)}</div>`;
  return `<!doctype html>
<html lang="${model.lang ?? 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${e(model.title)}</title>
<style>${OVERVIEW_CSS}</style>
</head>
<body>
<h1>${e(model.title)}</h1>
<p class="meta">${e(l.rubric)} <b>${e(model.rubric)}</b> (${formatNumber(model.maxScore)} ${e(l.points)}) · ${e(l.generated)} ${e(model.generatedAt)} · ${e(model.sandbox)}</p>
<div class="stats">
${stat(l.submissions, String(model.students.length), 'count')}
${stat(l.mean, mean === undefined ? '–' : formatNumber(mean), 'mean')}
${stat(l.median, median === undefined ? '–' : formatNumber(median), 'median')}
${stat(l.fullMarks, String(full), 'full')}
${stat(l.needLook, String(problems), 'problems')}
</div>
<h2>${e(l.scores)}</h2>
${renderHistogram(model.histogram)}
<h2>${e(l.passRate)}</h2>
<p class="meta">${e(l.ranNote(model.ranCount, model.students.length - model.ranCount))}</p>
<table id="checks">
<thead><tr><th>${e(l.check)}</th><th>${e(l.suite)}</th><th class="num">${e(l.points)}</th><th class="rate">${e(l.passed)}</th><th>${e(l.told)}</th><th>${e(l.whoFailed)}</th></tr></thead>
<tbody>
${model.checks.map((check) => renderCheckRow(check, l)).join('\n')}
</tbody>
</table>
<h2>${e(l.studentsHeading)}</h2>
<table id="students">
<thead><tr>${[
    `<th data-key="student" data-type="text">${e(l.student)}</th>`,
    `<th data-key="status" data-type="text">${e(l.status)}</th>`,
    `<th data-key="total" data-type="number">${e(l.total)}</th>`,
    ...model.suiteIds.map((id) => `<th data-key="${e(id)}" data-type="number">${e(id)}</th>`),
    `<th data-key="files" data-type="text">${e(l.reports)}</th>`,
  ].join('')}</tr></thead>
<tbody>
${model.students.map((s) => renderStudentRow(s, model.suiteIds)).join('\n')}
</tbody>
</table>
<script>${OVERVIEW_JS}</script>
</body>
</html>
`;
}

function renderCheckRow(check: OverviewCheck, l: OverviewLabels): string {
  const failed = check.failedBy ?? [];
  const who =
    failed.length === 0
      ? ''
      : `<details><summary>${e(l.students(failed.length))}</summary>${failed
          .map((f) => `<a href="${e(f.href)}">${e(f.student)}</a>`)
          .join(' ')}</details>`;
  const rate = check.total ? check.passed / check.total : 1;
  const level = rate < 0.5 ? ' low' : rate < 0.85 ? ' mid' : '';
  const percent = Math.round(rate * 100);
  return [
    `<tr data-check="${e(check.id)}" data-rate="${rate.toFixed(4)}">`,
    `<td><b>${e(check.title)}</b><br><code>${e(check.id)}</code></td>`,
    `<td>${e(check.suite)}</td>`,
    `<td class="num">${formatNumber(check.points)}</td>`,
    `<td class="rate"><span class="meter${level}"><i style="width:${percent}%"></i></span> ${percent}% <span class="hint">(${check.passed}/${check.total})</span></td>`,
    `<td class="hint">${check.hint ? e(check.hint) : ''}</td>`,
    `<td class="who">${who}</td>`,
    '</tr>',
  ].join('');
}

function renderStudentRow(s: OverviewStudent, suiteIds: string[]): string {
  const report =
    s.links.find((l) => l.label === 'report.html') ?? s.links.find((l) => l.label === 'report.json');
  const label = s.name ? `${s.name} (${s.student})` : s.student;
  const name = report ? `<a href="${e(report.href)}">${e(label)}</a>` : e(label);
  return [
    `<tr data-student="${e(s.student)}">`,
    `<td data-value="${e(s.student)}">${name}</td>`,
    `<td data-value="${e(s.status)}"><span class="status ${e(s.status)}">${e(s.status)}</span>${
      s.reason ? `<div class="reason">${e(s.reason)}</div>` : ''
    }</td>`,
    `<td class="num" data-value="${s.score ?? ''}">${s.score === null ? '–' : `${formatNumber(s.score)}/${formatNumber(s.maxScore)}`}</td>`,
    ...suiteIds.map((id) => {
      const v = s.score === null ? undefined : s.suites[id];
      return `<td class="num" data-value="${v ?? ''}">${v === undefined ? '–' : formatNumber(v)}</td>`;
    }),
    `<td class="links">${s.links.map((l) => `<a href="${e(l.href)}">${e(l.label)}</a>`).join('')}</td>`,
    '</tr>',
  ].join('');
}

export async function writeOverview(path: string, model: OverviewModel): Promise<void> {
  await writeFile(path, renderOverview(model));
}
