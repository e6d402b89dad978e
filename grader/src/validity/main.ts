#!/usr/bin/env node
// `npm run validity -- --runs N`: grades the reference proxy and correct/ N times each and every flawed fixture
// once, with both rubrics, and prints the matrix, the checks whose result varied, and mutation coverage.
import { parseArgs } from 'node:util';
import { parseBoundedNumber } from '../options/bounded-number.js';
import { JOBS } from '../options/limits.js';
import { runValidity, uncoveredChecks, type ValidityRow } from './run-validity.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    jobs: { type: 'string', default: '2' },
    only: { type: 'string' },
    explain: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  process.stdout.write(
    'usage: npm run validity -- [--runs N] [--jobs J] [--only name,name] [--explain name,name]\n' +
      'Grades the reference proxy and the correct C fixture N times each, every flawed fixture once,\n' +
      'and compares with the expectation table (grader/src/validity/expectations.ts).\n' +
      '--explain prints, for the fixtures named, every failed check with its detail and hint (a Markdown table).\n',
  );
  process.exit(0);
}
let runs = 0;
let jobs = 0;
try {
  runs = parseBoundedNumber('--runs', values.runs, { min: 1, max: 1000, integer: true });
  jobs = parseBoundedNumber('--jobs', values.jobs, JOBS);
} catch (error) {
  process.stderr.write(`validity: ${(error as Error).message}\n`);
  process.exit(2);
}

const started = performance.now();
const rows = await runValidity({
  runs,
  jobs,
  only: values.only?.split(','),
  onRun: (run) =>
    process.stderr.write(
      `  graded ${run.name.padEnd(24)} ${String(run.score).padStart(5)}  cmu ${run.cmuScore ?? '-'}  ${(run.durationMs / 1000).toFixed(1)} s\n`,
    ),
});

const line = (row: ValidityRow) => {
  const scores = [...new Set(row.runs.map((r) => r.score))].join('/');
  const full = row.runs.filter((r) => r.failed.length === 0).length;
  const ok = row.unexpectedFails.length === 0 && row.unexpectedPasses.length === 0 && row.varied.length === 0;
  const status = ok && !row.cmuMismatch ? 'ok ' : 'BAD';
  const correctNote = row.expectation.fails.length === 0 ? `  full marks ${full}/${row.runs.length}` : '';
  const failed = row.runs[0]!.failed.map((id) => id.replace(/^(\w)\w+\./, '$1.')).join(' ');
  return [
    `${status} ${row.name.padEnd(24)} ${scores.padStart(5)}  cmu ${String(row.runs[0]!.cmuScore).padStart(2)}/${row.cmuExpected}${correctNote}  ${row.expectation.fails === 'all' ? `(all checks${row.expectation.passes ? ` but ${row.expectation.passes.length}` : ''})` : failed}`,
    ...(row.unexpectedFails.length ? [`      unexpected failures: ${row.unexpectedFails.join(', ')}`] : []),
    ...(row.unexpectedPasses.length
      ? [`      expected to fail but passed: ${row.unexpectedPasses.join(', ')}`]
      : []),
    ...(row.varied.length ? [`      varied between runs: ${row.varied.join(', ')}`] : []),
    ...(row.cmuMismatch
      ? [`      cmu rubric gave ${row.runs[0]!.cmuScore}, driver.sh rules give ${row.cmuExpected}`]
      : []),
  ].join('\n');
};

process.stdout.write(`\nValidity matrix (${runs} run(s) of the correct proxies, 1 of each flawed one)\n`);
for (const row of rows) process.stdout.write(`${line(row)}\n`);
const explained = values.explain?.split(',') ?? [];
if (explained.length > 0) {
  process.stdout.write('\n| fixture | check | detail | hint |\n|---|---|---|---|\n');
  for (const row of rows.filter((r) => explained.includes(r.name))) {
    const checks = row.runs[0]!.report.suites.flatMap((s) => s.checks).filter((c) => !c.passed && !c.skipped);
    for (const c of checks) {
      const cell = (text = '') => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').slice(0, 260);
      process.stdout.write(`| ${row.name} | ${c.id} | ${cell(c.detail)} | ${cell(c.hint)} |\n`);
    }
  }
}
const uncovered = await uncoveredChecks();
process.stdout.write(
  uncovered.length === 0
    ? 'Mutation coverage: every check of the default rubric is failed by a fixture aimed at it.\n'
    : `Mutation coverage: ${uncovered.length} check(s) failed only by ignore-port (which fails everything): ${uncovered.join(', ')}\n`,
);
const bad = rows.filter(
  (r) => r.unexpectedFails.length || r.unexpectedPasses.length || r.varied.length || r.cmuMismatch,
);
process.stdout.write(
  `${bad.length === 0 ? 'All fixtures as expected' : `${bad.length} fixture(s) off`} (${((performance.now() - started) / 1000).toFixed(0)} s)\n`,
);
process.exitCode = bad.length === 0 ? 0 : 1;
