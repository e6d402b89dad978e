import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, onTestFinished } from 'vitest';
import {
  CLASSROOM_RESULT_LIMIT,
  type ClassroomResult,
  ClassroomReporter,
  toClassroomResult,
} from './classroom.js';
import { captureStream } from './testing/capture.js';
import { allChecks, buildFixtureReport } from './testing/fixture-report.js';
import { tempDir } from './testing/temp-dir.js';

function decode(line: string): ClassroomResult {
  expect(line).toMatch(/^result=[A-Za-z0-9+/]+=*$/);
  return JSON.parse(Buffer.from(line.slice('result='.length), 'base64').toString('utf8')) as ClassroomResult;
}

test('the result is appended to $GITHUB_OUTPUT as result=<base64 JSON> in the grading reporter shape', async () => {
  const githubOutput = join(await tempDir(onTestFinished), 'github_output');
  await writeFile(githubOutput, 'earlier=1\n');
  const { stream, text } = captureStream();
  const reporter = new ClassroomReporter({
    out: stream,
    lang: 'en',
    color: false,
    verbose: false,
    env: { GITHUB_OUTPUT: githubOutput },
  });
  const report = buildFixtureReport();
  await reporter.onRunEnd(report);
  expect(text()).toBe('');
  const [earlier, line, end] = (await readFile(githubOutput, 'utf8')).split('\n');
  expect(earlier).toBe('earlier=1');
  expect(end).toBe('');
  const result = decode(line!);
  expect(result).toMatchObject({ version: 1, status: 'fail', max_score: 28.5 });
  // every check weighs 0.5-point units here (cache.one-copy is worth 2.5): 28.5 points are 57 equal tests, so the
  // reporter's console (passed ÷ tests × max_score) and its notice (the sum of score) both give our score
  expect(result.tests).toHaveLength(57);
  for (const t of result.tests) {
    expect(Object.keys(t).sort()).toEqual(
      ['duration', 'line_no', 'max_score', 'message', 'name', 'score', 'status', 'test_code'].sort(),
    );
    expect(t.line_no).toBe(0);
    expect(t.max_score).toBe(0.5);
    expect(['pass', 'fail']).toContain(t.status);
  }
  const passed = result.tests.filter((t) => t.status === 'pass').length;
  expect((passed / result.tests.length) * result.max_score).toBe(report.score);
  expect(result.tests.reduce((n, t) => n + t.score, 0)).toBe(report.score);
  expect(result.tests.reduce((n, t) => n + t.max_score, 0)).toBe(result.max_score);
  const large = result.tests.filter((t) => t.name.startsWith('basic.binary-large'));
  expect(large.map((t) => t.name)).toEqual(
    Array.from({ length: 8 }, (_, k) => `basic.binary-large: Large binary file (1 MiB) [${k + 1}/8]`),
  );
  expect(large[0]).toMatchObject({ status: 'fail', score: 0, duration: 2048 });
  expect(large[0]!.test_code).toContain(
    'curl -sS -x 127.0.0.1:15213 http://127.0.0.1:8000/big.bin -o out.bin',
  );
  expect(large[0]!.message).toContain('Hint: Relay until EOF');
  // the explanation is printed once, not eight times
  expect(large.slice(1).every((t) => t.test_code === '' && t.message === '')).toBe(true);
  // a 0-point check would change passed ÷ tests: it is left to the job log
  expect(result.tests.some((t) => t.name.startsWith('robustness.fd-leak'))).toBe(false);
});

test('one test per check when the points split into too many equal units', () => {
  const report = buildFixtureReport();
  report.suites[0]!.checks[0]!.maxScore = 3.01;
  const result = toClassroomResult(report);
  expect(result.tests).toHaveLength(allChecks(report).length);
  expect(result.tests[0]!.max_score).toBe(3.01);
});

test('without $GITHUB_OUTPUT the line goes to the out stream; a proxy that never started is an error', async () => {
  const { stream, text } = captureStream();
  const report = buildFixtureReport('ko');
  report.targetStarted = false;
  await new ClassroomReporter({ out: stream, lang: 'ko', color: false, verbose: false, env: {} }).onRunEnd(
    report,
  );
  const result = decode(text().trimEnd());
  expect(result.status).toBe('error');
  expect(result.tests[0]!.name).toBe('basic.html: HTML 페이지 [1/6]');
});

test('a failed check explains itself in test_code, the one field every reporter version prints', async () => {
  const { stream, text } = captureStream();
  await new ClassroomReporter({ out: stream, lang: 'en', color: false, verbose: false, env: {} }).onRunEnd(
    buildFixtureReport(),
  );
  const large = decode(text().trimEnd()).tests.find((t) => t.name.startsWith('basic.binary-large'))!;
  expect(large.test_code).toContain('Hint: Relay until EOF');
  expect(large.test_code).toContain('curl -sS -x 127.0.0.1:15213');
});

test('a crash with a flood of output still fits in one environment variable, cut with a marker', async () => {
  const report = buildFixtureReport();
  const flood = Array.from({ length: 4000 }, (_, i) => `line ${i} ${'x'.repeat(60)}`);
  for (const suite of report.suites) {
    for (const check of suite.checks) {
      check.detail = 'y'.repeat(20_000);
      check.crash = { exitCode: null, signal: 'SIGSEGV', outputTail: flood };
    }
  }
  const { stream, text } = captureStream();
  await new ClassroomReporter({ out: stream, lang: 'en', color: false, verbose: false, env: {} }).onRunEnd(
    report,
  );
  const line = text().trimEnd();
  expect(line.length).toBeLessThanOrEqual(CLASSROOM_RESULT_LIMIT + 'result='.length);
  const result = decode(line);
  expect(result.tests.reduce((n, t) => n + t.score, 0)).toBe(report.score);
  expect(result.tests[0]!.message).toMatch(/more characters cut/);
});
