import type { CheckResult, RunReport } from '../types.js';
import { type Messages, messagesFor } from './messages.js';
import { writeOutput } from './output.js';
import { checkStatus, formatPoints } from './text.js';
import type { Reporter, ReporterOptions } from './types.js';
import { escapeXmlAttr, escapeXmlText } from './xml.js';

export interface JunitTestSuites {
  name: 'proxylab-grade';
  tests: number;
  failures: number;
  errors: 0;
  skipped: number;
  /** seconds */
  time: number;
  suites: JunitTestSuite[];
}

/** One <testsuite> per grader suite. */
export interface JunitTestSuite {
  name: string;
  tests: number;
  failures: number;
  errors: 0;
  skipped: number;
  /** seconds */
  time: number;
  /** ISO 8601, when the run started */
  timestamp: string;
  properties: Array<{ name: string; value: string }>;
  testcases: JunitTestCase[];
}

/**
 * One <testcase> per check, named by its id alone (`basic.html`) so CI history and flaky-test tracking follow
 * the check whatever it scored; the points and the title are the test case's properties.
 */
export interface JunitTestCase {
  classname: string;
  name: string;
  /** title, score and maxScore of the check */
  properties: Array<{ name: string; value: string }>;
  /** seconds */
  time: number;
  /** type: 'failed' | 'timed-out' | 'crashed'; message: the check's detail; body: expected, received, hint, reproduce */
  failure?: { message: string; type: string; body: string };
  skipped?: { message: string };
}

export function toJunitModel(report: RunReport): JunitTestSuites {
  const m = messagesFor(report.lang);
  const suites = report.suites.map((suite): JunitTestSuite => {
    const testcases = suite.checks.map((check) => toTestCase(suite.id, check, m));
    return {
      name: suite.id,
      tests: testcases.length,
      failures: testcases.filter((t) => t.failure).length,
      errors: 0,
      skipped: testcases.filter((t) => t.skipped).length,
      time: seconds(suite.durationMs),
      timestamp: report.startedAt,
      properties: [
        { name: 'title', value: suite.title },
        { name: 'score', value: formatPoints(suite.score) },
        { name: 'maxScore', value: formatPoints(suite.maxScore) },
      ],
      testcases,
    };
  });
  const sum = (key: 'tests' | 'failures' | 'skipped') => suites.reduce((n, s) => n + s[key], 0);
  return {
    name: 'proxylab-grade',
    tests: sum('tests'),
    failures: sum('failures'),
    errors: 0,
    skipped: sum('skipped'),
    time: seconds(report.durationMs),
    suites,
  };
}

function toTestCase(suiteId: string, check: CheckResult, m: Messages): JunitTestCase {
  const properties = [
    { name: 'title', value: check.title },
    { name: 'score', value: formatPoints(check.score) },
    { name: 'maxScore', value: formatPoints(check.maxScore) },
  ];
  const testcase: JunitTestCase = {
    classname: suiteId,
    name: check.id,
    properties,
    time: seconds(check.durationMs),
  };
  const status = checkStatus(check);
  if (status === 'skipped') testcase.skipped = { message: check.skipped ?? '' };
  if (status === 'failed' || status === 'timed-out' || status === 'crashed') {
    const body = [
      `${check.title}`,
      check.expected === undefined ? '' : `${m.expected}: ${check.expected}`,
      check.received === undefined ? '' : `${m.received}: ${check.received}`,
      check.hint === undefined ? '' : `${m.hint}: ${check.hint}`,
      check.reproduce === undefined ? '' : `${m.reproduce}: ${check.reproduce}`,
      check.crash ? `${m.lastOutput}:\n${check.crash.outputTail.join('\n')}` : '',
    ];
    testcase.failure = {
      message: check.detail ?? m.failed,
      type: status,
      body: body.filter(Boolean).join('\n'),
    };
  }
  return testcase;
}

function seconds(ms: number): number {
  return Math.round(ms) / 1000;
}

export function renderJunitXml(model: JunitTestSuites): string {
  const a = escapeXmlAttr;
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  lines.push(
    `<testsuites name="${model.name}" tests="${model.tests}" failures="${model.failures}" errors="0" skipped="${model.skipped}" time="${model.time}">`,
  );
  for (const suite of model.suites) {
    lines.push(
      `  <testsuite name="${a(suite.name)}" tests="${suite.tests}" failures="${suite.failures}" errors="0" skipped="${suite.skipped}" time="${suite.time}" timestamp="${a(suite.timestamp)}">`,
      '    <properties>',
      ...suite.properties.map((p) => `      <property name="${a(p.name)}" value="${a(p.value)}"/>`),
      '    </properties>',
    );
    for (const t of suite.testcases) {
      lines.push(
        `    <testcase classname="${a(t.classname)}" name="${a(t.name)}" time="${t.time}">`,
        '      <properties>',
        ...t.properties.map((p) => `        <property name="${a(p.name)}" value="${a(p.value)}"/>`),
        '      </properties>',
      );
      if (t.failure) {
        lines.push(
          `      <failure message="${a(t.failure.message)}" type="${a(t.failure.type)}">${escapeXmlText(t.failure.body)}</failure>`,
        );
      } else if (t.skipped) {
        lines.push(`      <skipped message="${a(t.skipped.message)}"/>`);
      }
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}

export class JunitReporter implements Reporter {
  readonly #options: ReporterOptions;

  constructor(options: ReporterOptions) {
    this.#options = options;
  }

  onRunEnd(report: RunReport): Promise<void> {
    return writeOutput(this.#options.out, renderJunitXml(toJunitModel(report)), 'junit');
  }
}
