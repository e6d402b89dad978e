import { expect, test } from 'vitest';
import { type AutolabAutoresult, toAutolabAutoresult } from './autolab.js';
import { createReporters } from './create-reporters.js';
import { runReporters } from './run-reporters.js';
import { captureStream } from '../../test/support/reporters/capture.js';
import { buildFixtureReport } from '../../test/support/reporters/fixture-report.js';

test('the autoresult is the last stdout line, even when the terminal report shares stdout', async () => {
  const { stream, text } = captureStream();
  const list = createReporters(['autolab', 'terminal'], {
    out: stream,
    lang: 'en',
    color: false,
    verbose: false,
  });
  await runReporters(list).onRunEnd(buildFixtureReport());
  const lines = text().trimEnd().split('\n');
  expect(lines.length).toBeGreaterThan(5);
  const result = JSON.parse(lines.at(-1)!) as AutolabAutoresult;
  expect(result).toEqual({
    scores: { basic: 6, concurrency: 4, robustness: 0, cache: 5.5 },
    scoreboard: [15.5, 6, 4, 0, 5.5],
  });
});

test('with the cmu rubric the line is the one driver.sh prints, so an existing Autolab lab keeps working', () => {
  const report = buildFixtureReport();
  report.rubric = 'cmu';
  report.suites = report.suites.filter((s) => s.id !== 'robustness');
  report.score = 15.5;
  expect(toAutolabAutoresult(report)).toEqual({
    scores: { Basic: 6, Concurrency: 4, Caching: 5.5 },
    scoreboard: [15.5, 6, 4, 5.5],
  });
});

test('a custom rubric without some suites still fills every scoreboard column', () => {
  const report = buildFixtureReport();
  report.rubric = 'cache-only';
  report.suites = report.suites.filter((s) => s.id === 'cache');
  report.score = 5.5;
  expect(toAutolabAutoresult(report)).toEqual({ scores: { cache: 5.5 }, scoreboard: [5.5, 0, 0, 0, 5.5] });
});
