import type { RunReport } from '../types.js';
import { explainCheck } from './explain.js';
import { messagesFor } from './messages.js';
import { writeOutput } from './output.js';
import { checkShares, checkStatus } from './text.js';
import type { Reporter, ReporterOptions } from './types.js';

// The result a GitHub Classroom grader step outputs (base64 JSON in its `result` output), as read by
// classroom-resources/autograding-grading-reporter: it sums the tests' `score`, adds `max_score`, prints each test's
// name (with " - line N" unless line_no is 0) and its test_code, and fails the job on a 'fail' or 'error' status.

export type ClassroomStatus = 'pass' | 'fail' | 'error';

export interface ClassroomResult {
  version: 1;
  /** 'error' when the proxy never became ready, 'fail' when a check failed, else 'pass'. */
  status: ClassroomStatus;
  max_score: number;
  tests: ClassroomTest[];
}

export interface ClassroomTest {
  name: string;
  status: ClassroomStatus;
  score: number;
  max_score: number;
  /** Why it failed: detail, expected/received, hint. */
  message: string;
  /** Always 0: a check has no source line, and 0 tells the reporter not to print one. */
  line_no: 0;
  /** The reproduce command line, printed by the reporter as "Test code". */
  test_code: string;
  /** ms */
  duration: number;
}

export function toClassroomResult(report: RunReport): ClassroomResult {
  const m = messagesFor(report.lang);
  const tests = report.suites.flatMap((suite) => {
    const shares = checkShares(suite);
    return suite.checks.map((check, i): ClassroomTest => {
      const status = checkStatus(check);
      return {
        name: `${check.id}: ${check.title}${status === 'skipped' ? ` (${m.skipped})` : ''}`,
        status: status === 'passed' || status === 'skipped' ? 'pass' : 'fail',
        score: shares[i] ?? 0,
        max_score: check.maxScore,
        message: explainCheck(check, m).join('\n'),
        line_no: 0,
        test_code: check.reproduce ?? '',
        duration: check.durationMs,
      };
    });
  });
  const status: ClassroomStatus = !report.targetStarted
    ? 'error'
    : tests.some((t) => t.status === 'fail')
      ? 'fail'
      : 'pass';
  return { version: 1, status, max_score: report.maxScore, tests };
}

export function encodeClassroomResult(result: ClassroomResult): string {
  return Buffer.from(JSON.stringify(result), 'utf8').toString('base64');
}

/**
 * Writes `result=<base64>`: to the file given (`classroom:FILE`), else appended to $GITHUB_OUTPUT when set (the
 * step's `result` output, for the grading reporter's `<ID>_RESULTS` env), else to stdout.
 */
export class ClassroomReporter implements Reporter {
  readonly #options: ReporterOptions;

  constructor(options: ReporterOptions) {
    this.#options = options;
  }

  onRunEnd(report: RunReport): Promise<void> {
    const line = `result=${encodeClassroomResult(toClassroomResult(report))}\n`;
    const { out } = this.#options;
    const githubOutput = (this.#options.env ?? process.env).GITHUB_OUTPUT;
    if (typeof out !== 'string' && githubOutput) return writeOutput(githubOutput, line, 'classroom', true);
    return writeOutput(out, line, 'classroom');
  }
}
