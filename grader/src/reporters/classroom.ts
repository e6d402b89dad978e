import type { RunReport } from '../types.js';
import { pointUnit, unitSplit } from './classroom-units.js';
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
  /** Printed by the reporter as "Test code": the explanation of a failed check, the reproduce line of a passed one. */
  test_code: string;
  /** ms */
  duration: number;
}

/**
 * The grading reporter reads the result from one environment variable, and Linux refuses a single argument or
 * environment string over 128 KiB (E2BIG: the reporter never starts and no grade is recorded). The encoded result
 * stays under this many characters: long explanations are cut, with a marker, until it fits.
 */
export const CLASSROOM_RESULT_LIMIT = 96 * 1024;
const TEXT_LIMITS = [4000, 1000, 300, 80];

export function toClassroomResult(report: RunReport): ClassroomResult {
  for (const limit of TEXT_LIMITS) {
    const result = buildResult(report, limit);
    if (encodeClassroomResult(result).length <= CLASSROOM_RESULT_LIMIT) return result;
  }
  return buildResult(report, 0);
}

function buildResult(report: RunReport, textLimit: number): ClassroomResult {
  const m = messagesFor(report.lang);
  const unit = pointUnit(report.suites.flatMap((suite) => suite.checks.map((check) => check.maxScore)));
  const tests = report.suites.flatMap((suite) => {
    const shares = checkShares(suite);
    return suite.checks.flatMap((check, i): ClassroomTest[] => {
      const status = checkStatus(check);
      const passed = status === 'passed' || status === 'skipped';
      const message = cut(explainCheck(check, m).join('\n'), textLimit);
      const test: ClassroomTest = {
        name: `${check.id}: ${check.title}${status === 'skipped' ? ` (${m.skipped})` : ''}`,
        status: passed ? 'pass' : 'fail',
        score: shares[i] ?? 0,
        max_score: check.maxScore,
        message,
        line_no: 0,
        // the reporter prints test_code for every test but a failed test's message in no version: the why goes here
        test_code: passed ? (check.reproduce ?? '') : message,
        duration: check.durationMs,
      };
      return unit === undefined ? [test] : unitTests(test, unit);
    });
  });
  const status: ClassroomStatus = !report.targetStarted
    ? 'error'
    : tests.some((t) => t.status === 'fail')
      ? 'fail'
      : 'pass';
  return { version: 1, status, max_score: report.maxScore, tests };
}

/**
 * A check as equal-weight tests of `unit` points; a 0-point check as none (it would change the reporter's
 * passed ÷ total), its outcome stays in the job log's terminal report. The first test carries the explanation.
 */
function unitTests(test: ClassroomTest, unit: number): ClassroomTest[] {
  const { tests, passed } = unitSplit(test.max_score, test.score, unit);
  return Array.from({ length: tests }, (_, k) => ({
    ...test,
    name: tests === 1 ? test.name : `${test.name} [${k + 1}/${tests}]`,
    status: k < passed ? 'pass' : 'fail',
    score: k < passed ? unit : 0,
    max_score: unit,
    message: k === 0 ? test.message : '',
    test_code: k === 0 ? test.test_code : '',
    duration: k === 0 ? test.duration : 0,
  }));
}

function cut(text: string, limit: number): string {
  if (text.length <= limit) return text;
  return `${text.slice(0, limit)}\n[… ${text.length - limit} more characters cut; the full report is in the job log]`;
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
