import { SUITE_IDS } from '../suites/ids.js';
import type { RunReport, SuiteId } from '../types.js';
import { writeOutput } from './output.js';
import { formatPoints } from './text.js';
import type { Reporter, ReporterOptions } from './types.js';

/** Autolab's autoresult: the last stdout line of an autograder, one score per problem plus scoreboard columns. */
export interface AutolabAutoresult {
  scores: Record<string, number>;
  scoreboard: number[];
}

const SCOREBOARD_SUITES: readonly SuiteId[] = SUITE_IDS;

// The CMU handout's driver.sh names its problems Basic/Concurrency/Caching and its scoreboard
// [total, basic, concurrency, cache]; with --rubric cmu the line is the same, so an existing Autolab lab keeps working.
const CMU_PROBLEMS: ReadonlyArray<[SuiteId, string]> = [
  ['basic', 'Basic'],
  ['concurrency', 'Concurrency'],
  ['cache', 'Caching'],
];

export function toAutolabAutoresult(report: RunReport): AutolabAutoresult {
  const scoreOf = (id: SuiteId) => Number(formatPoints(report.suites.find((s) => s.id === id)?.score ?? 0));
  const total = Number(formatPoints(report.score));
  if (report.rubric === 'cmu') {
    return {
      scores: Object.fromEntries(CMU_PROBLEMS.map(([id, problem]) => [problem, scoreOf(id)])),
      scoreboard: [total, ...CMU_PROBLEMS.map(([id]) => scoreOf(id))],
    };
  }
  return {
    scores: Object.fromEntries(report.suites.map((suite) => [suite.id, scoreOf(suite.id)])),
    scoreboard: [total, ...SCOREBOARD_SUITES.map(scoreOf)],
  };
}

/** Prints the autoresult as one line; createReporters runs it last so that it is the last line on stdout. */
export class AutolabReporter implements Reporter {
  readonly #options: ReporterOptions;

  constructor(options: ReporterOptions) {
    this.#options = options;
  }

  onRunEnd(report: RunReport): Promise<void> {
    return writeOutput(this.#options.out, `${JSON.stringify(toAutolabAutoresult(report))}\n`, 'autolab');
  }
}
