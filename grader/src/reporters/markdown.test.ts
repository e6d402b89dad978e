import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, onTestFinished } from 'vitest';
import { MarkdownReporter, renderMarkdown } from './markdown.js';
import { allChecks, buildFixtureReport } from '../../test/support/reporters/fixture-report.js';
import { tempDir } from '../../test/support/reporters/temp-dir.js';

test('the summary is appended to $GITHUB_STEP_SUMMARY with a score heading and a table per suite', async () => {
  const summary = join(await tempDir(onTestFinished), 'step_summary.md');
  await writeFile(summary, '# Earlier step\n');
  const report = buildFixtureReport();
  const env = { GITHUB_STEP_SUMMARY: summary };
  await new MarkdownReporter({ out: undefined, lang: 'en', color: false, verbose: false, env }).onRunEnd(
    report,
  );
  const text = await readFile(summary, 'utf8');
  expect(text.startsWith('# Earlier step\n## proxylab-grade — Score: 15.5/28.5\n')).toBe(true);
  const lines = text.split('\n');
  expect(lines.filter((l) => l === '|---|---|---|--:|--:|')).toHaveLength(report.suites.length);
  const rows = lines.filter((l) => /^\| (✅|❌|⏱️|💥|⏭️) \|/.test(l));
  expect(rows).toHaveLength(allChecks(report).length);
  for (const row of rows) expect(row.split(' | ')).toHaveLength(5);
  expect(lines).toContain('### cache — Cache: 5.5/5.5 pts');
});

test('"What to fix" lists each failed check with its detail and hint, escaped for Markdown and HTML', () => {
  const text = renderMarkdown(buildFixtureReport());
  const fix = text.slice(text.indexOf('### What to fix'));
  const items = fix.split('\n').filter((l) => l.startsWith('- **'));
  expect(items.map((l) => /`([^`]+)`/.exec(l)?.[1])).toEqual([
    'basic.binary-large',
    'concurrency.barrier',
    'robustness.abort-mid-response',
  ]);
  expect(fix).toContain('**Hint:** Relay until EOF; never stop at the first short read.');
  expect(fix).toContain('&lt;b&gt;&amp;amp;&lt;/b&gt;');
  // sanitizeText writes \x01; Markdown needs that backslash escaped to show it.
  expect(fix).toContain('\\\\x01\\\\x1b\\[31m');
  expect(text).not.toContain('<b>');
  expect(text).not.toMatch(/[\u0001\u001b]/);
  expect(fix).toMatch(/```sh\n {4}curl -sS -x 127\.0\.0\.1:15213/);
});

test('an explicit file wins over $GITHUB_STEP_SUMMARY, and Korean labels are used for a Korean report', async () => {
  const dir = await tempDir(onTestFinished);
  const summary = join(dir, 'step_summary.md');
  const file = join(dir, 'report.md');
  const env = { GITHUB_STEP_SUMMARY: summary };
  await new MarkdownReporter({ out: file, lang: 'ko', color: false, verbose: false, env }).onRunEnd(
    buildFixtureReport('ko'),
  );
  const text = await readFile(file, 'utf8');
  expect(text).toContain('## proxylab-grade — 점수: 15.5/28.5');
  expect(text).toContain('### 고칠 점');
  await expect(readFile(summary, 'utf8')).rejects.toThrow(/ENOENT/);
});

test('a report whose every check passed says so instead of listing fixes', () => {
  const report = buildFixtureReport();
  report.suites = report.suites.map((suite) => ({
    ...suite,
    checks: suite.checks.filter((c) => c.passed),
  }));
  expect(renderMarkdown(report)).toContain('### What to fix\n\nEvery check passed.\n');
});
