import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, onTestFinished } from 'vitest';
import type { RunReport } from '../types.js';
import { JsonReporter } from './json.js';
import { captureStream } from '../../test/support/reporters/capture.js';
import { buildFixtureReport } from '../../test/support/reporters/fixture-report.js';
import { tempDir } from '../../test/support/reporters/temp-dir.js';

const options = { lang: 'en', color: false, verbose: false } as const;

test('the json report is the RunReport itself, pretty-printed, and reads back identical', async () => {
  const report = buildFixtureReport('ko');
  const path = join(await tempDir(onTestFinished), 'nested', 'report.json');
  await new JsonReporter({ ...options, out: path }).onRunEnd(report);
  const text = await readFile(path, 'utf8');
  expect(text.split('\n')[1]).toBe('  "schemaVersion": 1,');
  const parsed = JSON.parse(text) as RunReport;
  expect(parsed).toEqual(report);
  expect(parsed.suites[0]!.checks[1]!.detail).toContain('\u0001');
  expect(parsed.suites[0]!.title).toBe('기본 요청');
});

test('every number in the json report adds up: checks to suites, suites to the total', async () => {
  const { stream, text } = captureStream();
  await new JsonReporter({ ...options, out: stream }).onRunEnd(buildFixtureReport());
  const parsed = JSON.parse(text()) as RunReport;
  for (const key of ['score', 'maxScore', 'durationMs'] as const) expect(typeof parsed[key]).toBe('number');
  expect(typeof parsed.startedAt).toBe('string');
  for (const suite of parsed.suites) {
    expect(suite.checks.reduce((n, c) => n + c.score, 0)).toBe(suite.score);
    expect(suite.checks.reduce((n, c) => n + c.maxScore, 0)).toBe(suite.maxScore);
  }
  expect(parsed.suites.reduce((n, s) => n + s.score, 0)).toBe(parsed.score);
  expect(parsed.score).toBe(15.5);
  expect(parsed.maxScore).toBe(28.5);
});
