import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, onTestFinished } from 'vitest';
import type { RunReport } from '../types.js';
import { TerminalReporter } from './terminal.js';
import { captureStream } from './testing/capture.js';
import { buildFixtureReport } from './testing/fixture-report.js';
import { tempDir } from './testing/temp-dir.js';
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

test('a progress line per check, a table per suite, every failure explained, and the score line', async () => {
  const { stream, text } = captureStream();
  await replay(
    new TerminalReporter({ out: stream, lang: 'en', color: false, verbose: false }),
    buildFixtureReport(),
  );
  const out = text();
  expect(out).toContain('  ✓ basic.html  3/3 pts  12 ms\n');
  expect(out).toContain('  ✗ concurrency.barrier  0/4 pts  10.0 s  timed out\n');
  expect(out).toContain(
    '  - robustness.fd-leak  0/0 pts  0 ms  skipped: the proxy runs outside the grader\n',
  );
  expect(out).toContain('basic — Basic fetches  6/10 pts  1.2 s');
  expect(out).toMatch(/ {2}✗ Large binary file \(1 MiB\) +0\/4 +2\.0 s/);
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

test('to a file, the whole transcript is written at the end of the run', async () => {
  const path = join(await tempDir(onTestFinished), 'grade.txt');
  await replay(
    new TerminalReporter({ out: path, lang: 'en', color: true, verbose: true }),
    buildFixtureReport(),
  );
  const out = await readFile(path, 'utf8');
  expect(out.startsWith('\u001b[1mproxylab-grade · Target: submission ./alice')).toBe(true);
  expect(out).toContain('  \u001b[32m✓\u001b[39m basic.html  3/3 pts  12 ms\n');
  expect(out.trimEnd().endsWith('Score: 15.5/28.5 (15.4 s)\u001b[22m')).toBe(true);
});
