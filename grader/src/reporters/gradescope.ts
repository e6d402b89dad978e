import type { RunReport } from '../types.js';
import { explainCheck, explainRun } from './explain.js';
import { messagesFor } from './messages.js';
import { writeOutput } from './output.js';
import { checkStatus } from './text.js';
import type {
  GradescopeVisibility,
  GradescopeVisibilityOptions,
  Reporter,
  ReporterOptions,
} from './types.js';

// Shapes from Gradescope's "Autograder Specifications" (results.json); only documented fields are used.

export type { GradescopeVisibility } from './types.js';
export type GradescopeOutputFormat = 'text' | 'html' | 'simple_format' | 'md' | 'ansi';

export interface GradescopeResults {
  /** Total points; overrides the sum of the tests' scores. */
  score: number;
  /** seconds */
  execution_time: number;
  /** Shown above the tests: target, rubric, notes, crashes, score. */
  output: string;
  output_format: GradescopeOutputFormat;
  /** When students see the autograder's log (absent: Gradescope's default). */
  stdout_visibility?: GradescopeVisibility;
  tests: GradescopeTest[];
}

export interface GradescopeTest {
  /** `basic.html: <title>` */
  name: string;
  /** `<suite index>.<check index>`, 1-based */
  number: string;
  score: number;
  max_score: number;
  /** Absent for a skipped check (worth 0 of 0): it neither passed nor failed. */
  status?: 'passed' | 'failed';
  output: string;
  output_format: GradescopeOutputFormat;
  /** The suite id. */
  tags: string[];
  visibility: GradescopeVisibility;
}

export function toGradescopeResults(
  report: RunReport,
  visibility: GradescopeVisibilityOptions = {},
): GradescopeResults {
  const m = messagesFor(report.lang);
  const tests = report.suites.flatMap((suite, s) => {
    return suite.checks.map((check, c): GradescopeTest => {
      const status = checkStatus(check);
      return {
        name: `${check.id}: ${check.title}`,
        number: `${s + 1}.${c + 1}`,
        score: check.score,
        max_score: check.maxScore,
        ...(status === 'skipped' ? {} : { status: status === 'passed' ? 'passed' : 'failed' }),
        output: explainCheck(check, m).join('\n'),
        output_format: 'text',
        tags: [suite.id],
        visibility: visibility.tests ?? 'visible',
      };
    });
  });
  return {
    score: report.score,
    execution_time: Math.round(report.durationMs / 1000),
    output: explainRun(report, m).join('\n'),
    output_format: 'text',
    ...(visibility.stdout ? { stdout_visibility: visibility.stdout } : {}),
    tests,
  };
}

/** Writes results.json; pass its path with `--format gradescope:/autograder/results/results.json`. */
export class GradescopeReporter implements Reporter {
  readonly #options: ReporterOptions;

  constructor(options: ReporterOptions) {
    this.#options = options;
  }

  onRunEnd(report: RunReport): Promise<void> {
    const text = `${JSON.stringify(toGradescopeResults(report, this.#options.gradescope), null, 2)}\n`;
    return writeOutput(this.#options.out, text, 'gradescope');
  }
}
