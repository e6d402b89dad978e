#!/usr/bin/env node
// `npm run validity -- --runs N`: grades the reference proxy and every fixture N times each, with both rubrics,
// and prints the matrix (with each fixture's grading time), the checks whose result varied, the explanations
// given for the multi-flaw fixtures, and mutation coverage.
import { appendFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { parseBoundedNumber } from '../options/bounded-number.js';
import { JOBS } from '../options/limits.js';
import { expectedFails, rowIsOff } from './assess-row.js';
import { expectations } from './expectations.js';
import { hintTable, matrixLine } from './print-matrix.js';
import { runValidity, uncoveredChecks } from './run-validity.js';
import { rowsFromSaved } from './saved-runs.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    jobs: { type: 'string', default: '2' },
    only: { type: 'string' },
    explain: { type: 'string' },
    'save-reports': { type: 'string' },
    from: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  process.stdout.write(
    'usage: npm run validity -- [--runs N] [--jobs J] [--only name,name] [--explain name,name] [--save-reports FILE]\n' +
      'Grades the reference proxy and every C fixture N times each (default and cmu rubric), and compares each\n' +
      'run with the expectation table (grader/src/validity/expectations.ts): the checks lost, the explanations,\n' +
      "the cmu score, and the default rubric's grading time (build left out; stub ≤ 15 s, others ≤ 20 s).\n" +
      '--explain prints, for the fixtures named (and always the multi-* ones), every failed check with its\n' +
      'detail and hint, per distinct text over the runs (a Markdown table). --save-reports writes every\n' +
      'default-rubric report as a JSON line as soon as it ends; --from FILE prints the matrix of such a file\n' +
      'instead of grading (a run stopped early: every fixture with the runs it completed).\n',
  );
  process.exit(0);
}
if (values['save-reports'] && !values.from) writeFileSync(values['save-reports'], '');
let runs = 0;
let jobs = 0;
try {
  runs = parseBoundedNumber('--runs', values.runs, { min: 1, max: 1000, integer: true });
  jobs = parseBoundedNumber('--jobs', values.jobs, JOBS);
} catch (error) {
  process.stderr.write(`validity: ${(error as Error).message}\n`);
  process.exit(2);
}

const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
const loadBefore = load();
const started = performance.now();
const rows = values.from
  ? await rowsFromSaved(values.from, values.only?.split(','))
  : await runValidity({
      runs,
      jobs,
      only: values.only?.split(','),
      onRun: (run) => {
        // written as each run ends, so a long run can be read (and survives being stopped) before the matrix
        if (values['save-reports']) appendFileSync(values['save-reports'], `${JSON.stringify(run)}\n`);
        const expectation = expectations[run.name === 'reference' ? 'correct' : run.name]!;
        const ids = run.report.suites.flatMap((s) => s.checks.map((c) => c.id));
        const expected = expectedFails(expectation, ids);
        const may = expectation.mayFail ?? [];
        const off = [
          ...run.failed.filter((id) => !expected.includes(id) && !may.includes(id)).map((id) => `+${id}`),
          ...expected.filter((id) => !run.failed.includes(id)).map((id) => `-${id}`),
        ];
        process.stderr.write(
          `  graded ${run.name.padEnd(25)} #${run.index + 1} ${String(run.score).padStart(6)}  cmu ${run.cmuScore ?? '-'}  ${(run.gradeMs / 1000).toFixed(1)} s (+build ${(run.buildMs / 1000).toFixed(1)} s, cmu ${((run.cmuMs ?? 0) / 1000).toFixed(1)} s)  load ${load()}${off.length ? `  OFF ${off.join(' ')}` : ''}\n`,
        );
      },
    });

process.stdout.write(
  `\nValidity matrix: ${values.from ? `the runs saved in ${values.from}` : `${runs} run(s) of every fixture, ${jobs} at once`}; load average ${loadBefore} before, ${load()} after\n` +
    'status fixture scores cmu/driver.sh  slowest default-rubric grading (median, limit s)  slowest cmu grading  lost checks\n',
);
for (const row of rows) process.stdout.write(`${matrixLine(row)}\n`);
const explained = new Set(values.explain?.split(',') ?? []);
const tabled = rows.filter((r) => r.name.startsWith('multi-') || explained.has(r.name));
if (tabled.length > 0) process.stdout.write(`\nExplanations given\n\n${hintTable(tabled)}\n`);
const uncovered = await uncoveredChecks();
process.stdout.write(
  uncovered.length === 0
    ? 'Mutation coverage: every check of the default rubric is failed by a fixture aimed at it.\n'
    : `Mutation coverage: ${uncovered.length} check(s) failed only by ignore-port (which fails everything): ${uncovered.join(', ')}\n`,
);
const bad = rows.filter(rowIsOff);
const slow = rows.filter((r) => r.slowestMs > r.limitMs);
process.stdout.write(
  `${bad.length === 0 ? 'All fixtures as expected' : `${bad.length} fixture(s) off: ${bad.map((r) => r.name).join(', ')}`}; ` +
    `${slow.length === 0 ? 'every grading within its time limit' : `over the time limit: ${slow.map((r) => `${r.name} ${(r.slowestMs / 1000).toFixed(1)} s`).join(', ')}`}` +
    ` (${((performance.now() - started) / 1000).toFixed(0)} s)\n`,
);
process.exitCode = bad.length === 0 && slow.length === 0 ? 0 : 1;
