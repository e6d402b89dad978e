import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, onTestFinished } from 'vitest';
import { scoreRun } from '../scoring/score.js';
import type { Rubric } from '../types.js';
import { type GradescopeResults, GradescopeReporter, toGradescopeResults } from './gradescope.js';
import { allChecks, buildFixtureReport } from '../../test/support/reporters/fixture-report.js';
import { tempDir } from '../../test/support/reporters/temp-dir.js';

test('results.json has the documented fields, and its tests add up to the score', async () => {
  const report = buildFixtureReport();
  const path = join(await tempDir(onTestFinished), 'results', 'results.json');
  await new GradescopeReporter({ out: path, lang: 'en', color: false, verbose: false }).onRunEnd(report);
  const results = JSON.parse(await readFile(path, 'utf8')) as GradescopeResults;
  expect(Object.keys(results).sort()).toEqual([
    'execution_time',
    'output',
    'output_format',
    'score',
    'tests',
  ]);
  expect(results.score).toBe(15.5);
  expect(results.execution_time).toBe(15);
  expect(results.output).toContain('Target: submission ./alice');
  expect(results.output).toContain('Crashes: during robustness.abort-mid-response: killed by SIGPIPE');
  expect(results.tests).toHaveLength(allChecks(report).length);
  for (const t of results.tests) {
    expect(typeof t.name).toBe('string');
    expect(t.number).toMatch(/^\d+\.\d+$/);
    expect(typeof t.score).toBe('number');
    expect(typeof t.max_score).toBe('number');
    expect(t.visibility).toBe('visible');
    expect(t.output_format).toBe('text');
  }
  expect(results.tests.reduce((n, t) => n + t.score, 0)).toBe(results.score);
  expect(results.tests.reduce((n, t) => n + t.max_score, 0)).toBe(report.maxScore);
  expect(results.tests.map((t) => t.status)).toEqual([
    'passed',
    'failed',
    'passed',
    'passed',
    'failed',
    'failed',
    undefined,
    'passed',
    'passed',
  ]);
});

test('a failed test explains itself, with control characters made visible', () => {
  const results = toGradescopeResults(buildFixtureReport('ko'));
  const large = results.tests.find((t) => t.name.startsWith('basic.binary-large'))!;
  expect(large.name).toBe('basic.binary-large: 큰 바이너리 파일 (1 MiB)');
  expect(large.output).toContain('\\x01');
  expect(large.output).not.toContain('\u0001');
  expect(large.output).toContain('힌트: 응답을 EOF까지 읽고');
  expect(large.output).toContain('재현: curl -sS -x 127.0.0.1:15213');
  const crashed = results.tests.find((t) => t.name.startsWith('robustness.abort-mid-response'))!;
  expect(crashed.output).toContain('SIGPIPE 시그널로 종료됨');
});

test('an all-or-nothing suite that failed gives every test in it 0, so the tests still add up', () => {
  const report = buildFixtureReport();
  const oneCopy = report.suites.find((suite) => suite.id === 'cache')?.checks[1];
  if (oneCopy) oneCopy.passed = false;
  const rubric: Rubric = {
    name: 'cache-all-or-nothing',
    suites: report.suites.map((suite) => ({
      id: suite.id,
      scoring: suite.id === 'cache' ? 'all-or-nothing' : 'sum',
      checks: Object.fromEntries(suite.checks.map((check) => [check.id, check.maxScore])),
    })),
  };
  Object.assign(report, scoreRun(rubric, report.suites));
  const results = toGradescopeResults(report);
  const cache = results.tests.filter((t) => t.name.startsWith('cache.'));
  expect(cache.map((t) => t.status)).toEqual(['passed', 'failed']);
  expect(cache.map((t) => t.score)).toEqual([0, 0]);
  expect(results.tests.reduce((n, t) => n + t.score, 0)).toBe(results.score);
});

test('tests can be hidden until the due date, the log visibility set, and no grader-internal path is shown', () => {
  const report = buildFixtureReport();
  report.target = {
    kind: 'submission',
    description: 'submission /tmp/proxylab-batch-k3/job-0/work/submission (make, then ./proxy <port>)',
    notes: [],
  };
  const results = toGradescopeResults(report, { tests: 'after_due_date', stdout: 'hidden' });
  expect(new Set(results.tests.map((t) => t.visibility))).toEqual(new Set(['after_due_date']));
  expect(results.stdout_visibility).toBe('hidden');
  expect(results.output).toContain('submission submission (make');
  expect(JSON.stringify(results)).not.toContain('/tmp/proxylab-batch-k3');
  expect(toGradescopeResults(report)).not.toHaveProperty('stdout_visibility');
});
