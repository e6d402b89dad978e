import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, onTestFinished } from 'vitest';
import type { RunReport } from '../types.js';
import { TerminalReporter } from './terminal.js';
import { displayWidth } from './text.js';
import { captureStream } from '../../test/support/reporters/capture.js';
import { buildFixtureReport } from '../../test/support/reporters/fixture-report.js';
import { tempDir } from '../../test/support/reporters/temp-dir.js';
import type { Reporter } from './types.js';

async function replay(reporter: Reporter, report: RunReport): Promise<void> {
  await reporter.onRunStart?.({ target: report.target, rubric: report.rubric, checkCount: 9 });
  for (const suite of report.suites) {
    for (const check of suite.checks) {
      reporter.onCheckStart?.(suite.id, check.id, check.title);
      reporter.onCheckEnd?.(suite.id, check);
    }
  }
  await reporter.onRunEnd(report);
}

test('one listing: the header, then a table per suite, every failure explained, and the score line', async () => {
  const { stream, text } = captureStream();
  await replay(
    new TerminalReporter({ out: stream, lang: 'en', color: false, verbose: false }),
    buildFixtureReport(),
  );
  const out = text();
  // no progress line per check before the table: each check is listed once (ids appear only under failures)
  expect(out).not.toContain('basic.html');
  expect(out).not.toContain('running:');
  expect(out.match(/An html page|HTML page/gi) ?? []).toHaveLength(1);
  expect(out).toContain('basic — Basic fetches  6/10 pts  1.2 s');
  expect(out).toMatch(/ {2}✗ Large binary file \(1 MiB\) +0\/4 +2\.0 s/);
  expect(out).toMatch(/ {2}✗ K requests at once +0\/4 +10\.0 s {2}timed out/);
  expect(out).toContain('Crashes\n  ✗ during robustness.abort-mid-response: killed by SIGPIPE');
  expect(out).toContain('      | proxy: write: Broken pipe');
  expect(out).toContain('      Hint: Relay until EOF');
  expect(out).toContain('      Reproduce: curl -sS -x 127.0.0.1:15213');
  expect(out).toContain('      Expected: 00 01 02 03 ff fe');
  expect(out.trimEnd().split('\n').at(-1)).toBe('Score: 15.5/28.5 (15.4 s)');
  // No colour when asked for none, and nothing the proxy sent can reach the terminal as a control character.
  expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  expect(out).toContain('\\x1b[31m ]]>');
});

test('fitted to the terminal: titles are cut with … and prose is wrapped, one column short of the width', async () => {
  const { stream, text } = captureStream();
  await replay(
    new TerminalReporter({ out: stream, lang: 'en', color: true, verbose: false, columns: 50 }),
    buildFixtureReport(),
  );
  const lines = text().split('\n');
  const tooWide = lines.filter(
    (line) => displayWidth(line) > 49 && !/Reproduce|Expected|Received|\| /.test(line),
  );
  expect(tooWide).toEqual([]);
  expect(lines.some((line) => line.includes('…'))).toBe(true);
  // the table's rows still line up: the points column ends at the same column on every row
  const points = / (\d+(?:\.\d+)?\/\d+(?:\.\d+)?) +[\d.]+ m?s/;
  const ends = lines
    .filter((line) => /^ {2}\S+ /.test(line) && points.test(line))
    .map((line) => {
      const match = points.exec(line)!;
      return displayWidth(line.slice(0, match.index + 1 + (match[1] ?? '').length));
    });
  expect(ends.length).toBeGreaterThan(5);
  expect(new Set(ends).size).toBe(1);
});

test('on a TTY, a running line is rewritten in place while checks run and cleared before the table', async () => {
  const { stream, text } = captureStream();
  const report = buildFixtureReport();
  await replay(
    new TerminalReporter({ out: stream, lang: 'en', color: false, verbose: false, live: true, columns: 80 }),
    report,
  );
  const out = text();
  expect(out).toContain('\r\u001b[2Krunning: make (building the submission)');
  expect(out).toContain('\r\u001b[2Krunning: basic.html  (0/9)');
  expect(out).toMatch(/\r\u001b\[2Krunning: robustness\.abort-mid-response {2}\(\d\/9 · ✗ \d\)/);
  // the status line is gone before the table: the last clear comes right before it
  const table = out.indexOf('basic — Basic fetches');
  expect(out.lastIndexOf('\r\u001b[2K')).toBeLessThan(table);
  expect(out.slice(out.lastIndexOf('\r\u001b[2K') + 5, table)).not.toContain('running');
});

test('colours are ANSI escapes when enabled, and labels are Korean for a Korean report', async () => {
  const { stream, text } = captureStream();
  await replay(
    new TerminalReporter({ out: stream, lang: 'ko', color: true, verbose: false }),
    buildFixtureReport('ko'),
  );
  const out = text();
  expect(out).toContain('\u001b[32m✓\u001b[39m');
  expect(out).toContain('\u001b[31m✗\u001b[39m');
  expect(out).toContain('점수: 15.5/28.5 (15.4 s)');
  expect(out).toContain('힌트: 응답을 EOF까지');
  expect(out).toContain('시간 초과');
});

test('Korean titles are padded by display width so the points column lines up', async () => {
  const { stream, text } = captureStream();
  await new TerminalReporter({ out: stream, lang: 'ko', color: false, verbose: false }).onRunEnd(
    buildFixtureReport('ko'),
  );
  const rows = text()
    .split('\n')
    .filter((l) => /^ {2}[✓✗-] /.test(l) && /\d\/\d/.test(l));
  // The points column is right-aligned: where it ends must be the same display column on every row.
  const columns = rows.map((row) => {
    const match = /\d+(\.\d+)?\/\d+(\.\d+)?/.exec(row)!;
    const before = row.slice(0, match.index + match[0].length);
    return [...before].reduce((w, ch) => w + (/[가-힣]/.test(ch) ? 2 : 1), 0);
  });
  expect(rows.length).toBeGreaterThan(3);
  expect(new Set(columns).size).toBe(1);
});

test('to a file, the header and the table are written at the end of the run, never a running line', async () => {
  const path = join(await tempDir(onTestFinished), 'grade.txt');
  await replay(
    new TerminalReporter({ out: path, lang: 'en', color: true, verbose: true, live: true, columns: 40 }),
    buildFixtureReport(),
  );
  const out = await readFile(path, 'utf8');
  expect(out.startsWith('\u001b[1mproxylab-grade · Target: submission ./alice')).toBe(true);
  expect(out).not.toContain('running');
  // a file is not fitted to any terminal: titles are whole
  expect(out).toContain('Large binary file (1 MiB)');
  expect(out.trimEnd().endsWith('Score: 15.5/28.5 (15.4 s)\u001b[22m')).toBe(true);
});

test('a run that stops without a report clears the running line, so the error starts on a line of its own', () => {
  const { stream, text } = captureStream();
  const reporter = new TerminalReporter({
    out: stream,
    lang: 'ko',
    color: false,
    verbose: false,
    live: true,
  });
  const report = buildFixtureReport('ko');
  reporter.onRunStart({ target: report.target, rubric: report.rubric, checkCount: 9 });
  expect(text()).toContain('\r\u001b[2K실행 중: make (제출물 빌드)');
  reporter.onRunAbort();
  expect(text().endsWith('\r\u001b[2K')).toBe(true);
});
