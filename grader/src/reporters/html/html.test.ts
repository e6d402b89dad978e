import { describe, expect, test } from 'vitest';
import { buildFixtureReport, NASTY_DETAIL } from '../../../test/support/reporters/fixture-report.js';
import { renderHtmlReport } from './page.js';
import { rerunCommand } from './rerun.js';

describe('the HTML report', () => {
  test('shows the score, every failed check with its evidence and a rerun command, and escapes what the proxy sent', () => {
    const report = buildFixtureReport();
    const html = renderHtmlReport(report);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(`<title>proxylab report — ${report.score}/${report.maxScore}</title>`);
    const failed = report.suites.flatMap((s) => s.checks).filter((c) => !c.passed && !c.skipped);
    expect(failed.length).toBeGreaterThan(1);
    expect(html.match(/<article class="check /g)).toHaveLength(failed.length);
    for (const check of failed) expect(html).toContain(`id="${check.id}"`);
    expect(html).toContain('Relay until EOF');
    // the proxy's bytes are text, never markup
    expect(html).not.toContain('<b>&amp;</b>');
    expect(html).toContain('&lt;b&gt;&amp;amp;&lt;/b&gt;');
    expect(NASTY_DETAIL).toContain('<b>');
    expect(html).toContain(`--only basic.binary-large --seed ${report.seed}`);
    expect(html).not.toMatch(/<script|https?:\/\/(?!127\.0\.0\.1)[a-z]/i);
  });

  test('draws a failed check’s timeline: one lane per connection, clients and origin connections apart', () => {
    const report = buildFixtureReport();
    const barrier = report.suites[1]!.checks[1]!;
    barrier.timeline = {
      durationMs: 400,
      omitted: 0,
      spans: [
        { kind: 'client', lane: 'client 1', startMs: 0, firstByteMs: 150, endMs: 160, end: 'eof' },
        { kind: 'origin', lane: 'origin :9 #1', startMs: 5, endMs: 150, end: 'closed' },
        { kind: 'client', lane: 'client 2', startMs: 1, firstByteMs: 300, endMs: 310, end: 'eof' },
        { kind: 'origin', lane: 'origin :9 #2', startMs: 160, endMs: 300, end: 'closed' },
        { kind: 'client', lane: 'client 3', startMs: 2 },
      ],
    };
    const html = renderHtmlReport(report);
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'));
    expect(svg.match(/fill="#2563eb"/g)).toHaveLength(3);
    expect(svg.match(/fill="#ea580c"/g)).toHaveLength(2);
    expect(svg).toContain('stroke-dasharray'); // client 3 never finished
    expect(svg).toContain('>400 ms</text>');
  });

  test('speaks Korean and never shows a grader-internal path in the rerun command', () => {
    const report = buildFixtureReport('ko');
    report.target = {
      kind: 'submission',
      description: 'submission /tmp/proxylab-batch-x/job-1/work/kim (make, then ./proxy <port>)',
      notes: [],
    };
    const html = renderHtmlReport(report);
    expect(html).toContain('<html lang="ko">');
    expect(html).toContain('이 검사만 다시 실행하기');
    expect(rerunCommand(report, 'basic.html')).toBe(
      `npm run grade -- --submission ./your-proxylab-folder --only basic.html --seed ${report.seed} --lang ko`,
    );
    expect(html).not.toContain('/tmp/proxylab-batch-x');
  });
});
