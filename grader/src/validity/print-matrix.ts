// The validity tool's output: one matrix line per fixture (scores, cmu, grading time, lost checks) and a
// Markdown table of the explanations given for chosen fixtures, run by run.
import { rowIsOff, type ValidityRow } from './assess-row.js';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;
const shortId = (id: string) => id.replace(/^(\w)\w+\./, '$1.');

export function matrixLine(row: ValidityRow): string {
  const scores = [...new Set(row.runs.map((r) => r.score))].join('/');
  const cmus = [...new Set(row.runs.map((r) => r.cmuScore ?? '-'))].join('/');
  const slow = row.slowestMs > row.limitMs;
  const status = rowIsOff(row) ? 'BAD' : slow ? 'SLOW' : 'ok';
  const times = `${seconds(row.slowestMs).padStart(6)} (med ${seconds(median(row.runs.map((r) => r.gradeMs)))}, limit ${row.limitMs / 1000})`;
  const cmuTime = seconds(Math.max(...row.runs.map((r) => r.cmuMs ?? 0)));
  const lost =
    row.expectation.fails === 'all'
      ? `(all checks${row.expectation.passes ? ` but ${row.expectation.passes.length}` : ''})`
      : row.runs[0]!.failed.map(shortId).join(' ');
  return [
    `${status.padEnd(4)} ${row.name.padEnd(25)} ${scores.padStart(7)}  cmu ${cmus.padStart(2)}/${row.cmuExpected}  ${times}  cmu ${cmuTime}  ${lost}`,
    ...(row.unexpectedFails.length ? [`      unexpected failures: ${row.unexpectedFails.join(', ')}`] : []),
    ...(row.unexpectedPasses.length
      ? [`      expected to fail but passed: ${row.unexpectedPasses.join(', ')}`]
      : []),
    ...(row.varied.length ? [`      varied between runs: ${row.varied.join(', ')}`] : []),
    ...row.explanationMisses.map((m) => `      explanation: ${m}`),
    ...(row.cmuMismatch
      ? [`      cmu rubric gave ${cmus} over the runs, driver.sh rules give ${row.cmuExpected}`]
      : []),
    ...(row.runs.some((r) => r.crashes.length > 0)
      ? [`      crashes (run 1): ${row.runs[0]!.crashes.join(', ') || 'none'}`]
      : []),
  ].join('\n');
}

/** Every failed check's detail and hint for the rows given; a text that changed between runs gets a row per text. */
export function hintTable(rows: ValidityRow[]): string {
  const cell = (text = '') => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').slice(0, 300);
  const lines = ['| fixture | check | runs | detail | hint |', '|---|---|---|---|---|'];
  for (const row of rows) {
    const seen = new Map<string, { runs: number[]; detail: string; hint: string; id: string }>();
    for (const run of row.runs) {
      for (const c of run.report.suites.flatMap((s) => s.checks).filter((x) => !x.passed && !x.skipped)) {
        // ports and temp names differ run to run; the text that matters does not
        const detail = cell(c.detail).replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT');
        const hint = cell(c.hint);
        const key = `${c.id}\n${detail}\n${hint}`;
        const entry = seen.get(key) ?? { runs: [], detail, hint, id: c.id };
        entry.runs.push(run.index + 1);
        seen.set(key, entry);
      }
    }
    for (const e of seen.values()) {
      const runs = e.runs.length === row.runs.length ? `all ${e.runs.length}` : e.runs.join(',');
      lines.push(`| ${row.name} | ${e.id} | ${runs} | ${e.detail} | ${e.hint} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}
