import { evaluateGradeGoal, type Goal } from '../report/goals.js';
import { formatSpread, renderColumns } from '../report/format.js';
import { renderGoals } from '../report/table.js';
import { type Spread, summarise } from '../stats.js';
import { type GradeSample, RUBRICS } from './run-grade-bench.js';

export interface GradeSummary {
  rubric: string;
  wallMs: Spread;
  reportMs: Spread;
  /** The report's total minus its suites: target start-up, restarts between suites, harness set-up. */
  outsideSuitesMs: Spread;
  scores: string[];
  suites: Array<{ id: string; durationMs: Spread }>;
}

export function summariseGrading(samples: readonly GradeSample[]): GradeSummary[] {
  return RUBRICS.map((rubric) => {
    const runs = samples.filter((sample) => sample.rubric === rubric);
    const suiteIds = [...new Set(runs.flatMap((run) => run.suites.map((suite) => suite.id)))];
    return {
      rubric,
      wallMs: summarise(runs.map((run) => run.wallMs)),
      reportMs: summarise(runs.map((run) => run.reportMs)),
      outsideSuitesMs: summarise(
        runs.map((run) => run.reportMs - run.suites.reduce((sum, suite) => sum + suite.durationMs, 0)),
      ),
      scores: [...new Set(runs.map((run) => `${run.score}/${run.maxScore}`))],
      suites: suiteIds.map((id) => ({
        id,
        durationMs: summarise(
          runs.map((run) => run.suites.find((suite) => suite.id === id)?.durationMs ?? Number.NaN),
        ),
      })),
    };
  });
}

export function gradeGoals(summaries: readonly GradeSummary[]): Goal[] {
  return [evaluateGradeGoal(summaries.find((summary) => summary.rubric === 'default')?.wallMs)];
}

/** One table: per rubric, each suite's duration, the report's total and the process wall time. */
export function renderGradeTable(
  summaries: readonly GradeSummary[],
  repeats: number,
  goals: readonly Goal[],
): string {
  const rows: string[][] = [];
  for (const summary of summaries) {
    for (const suite of summary.suites) rows.push([summary.rubric, suite.id, formatSpread(suite.durationMs)]);
    rows.push([summary.rubric, 'outside suites (start-up, restarts)', formatSpread(summary.outsideSuitesMs)]);
    rows.push([summary.rubric, 'total (report durationMs)', formatSpread(summary.reportMs)]);
    rows.push([
      summary.rubric,
      `wall, process start → exit (score ${summary.scores.join(', ')})`,
      formatSpread(summary.wallMs),
    ]);
  }
  const lines = [
    `Grading the reference proxy · ${repeats} repeat(s), median [min–max] in ms`,
    ...renderColumns(['rubric', 'suite', 'ms'], rows, 2).map((line) => `  ${line}`),
    '',
    ...renderGoals(goals),
    '',
  ];
  return lines.join('\n');
}
