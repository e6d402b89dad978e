import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { grade } from '../src/run/grade.js';
import { loadRubric } from '../src/scoring/rubric.js';
import { checkRegistry } from '../src/suites/index.js';
import { createCommandTarget } from '../src/targets/command.js';
import type { Lang, RunReport } from '../src/types.js';

const fixture = (path: string) => fileURLToPath(new URL(`./fixtures/${path}`, import.meta.url));

async function gradeCommand(command: string, rubricName: string, lang: Lang = 'en'): Promise<RunReport> {
  const dir = mkdtempSync(join(tmpdir(), 'proxylab-isolation-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return grade({
    target: createCommandTarget(command.replace('{pidfile}', join(dir, 'pid'))),
    rubric: await loadRubric(rubricName, new Set(checkRegistry.keys())),
    checks: checkRegistry,
    seed: 'isolation',
    lang,
    version: 'test',
  });
}

const allChecks = (report: RunReport) => report.suites.flatMap((s) => s.checks);

describe('broken proxies are recognised early and their hangs explained', () => {
  it('a proxy that accepts and never answers fails every suite on its probe fetch, within 15 s', async () => {
    const report = await gradeCommand(`node ${fixture('hostile/hangs.mjs')} {port} {pidfile}`, 'default');
    expect(report.score).toBe(0);
    expect(report.durationMs).toBeLessThan(15_000);
    for (const check of allChecks(report)) {
      expect(check.detail).toContain('answered nothing to a probe fetch');
      expect(check.detail).toContain('alive and idle');
    }
  });

  it('a proxy that spins after reading a request is reported as spinning, in Korean too', async () => {
    const report = await gradeCommand(
      `node ${fixture('hostile/spins.mjs')} {port} {pidfile}`,
      'default',
      'ko',
    );
    expect(report.score).toBe(0);
    expect(report.durationMs).toBeLessThan(15_000);
    for (const check of allChecks(report)) {
      expect(check.detail).toContain('헛돌고');
      expect(check.hint).toContain('read가 0(EOF)');
    }
  });
});

describe('--rubric cmu scores as driver.sh does when the proxy dies', () => {
  it('a proxy that relays each answer and then aborts gets 8 + 15 + 0 = 23', async () => {
    const report = await gradeCommand(
      `node ${fixture('broken-proxies/crash-after-answer-proxy.mjs')} {port}`,
      'cmu',
    );
    expect(report.suites.map((s) => [s.id, s.score])).toEqual([
      ['basic', 8],
      ['concurrency', 15],
      ['cache', 0],
    ]);
    expect(report.score).toBe(23);
    const basic = report.suites[0]!.checks;
    expect(basic[0]).toMatchObject({ id: 'basic.cmu-home', passed: true });
    // it dies a moment after the answer: during home's exchange, or before the next request is answered
    const died = report.crashes.find((c) => c.checkId.startsWith('basic.'));
    expect(died?.signal).toBe('SIGABRT');
    if (died?.checkId === 'basic.cmu-home')
      expect(basic[0]?.detail).toContain('the fetched file still counts');
    const later = basic.at(-1);
    expect(later?.detail).toContain('died earlier in this suite');
  });
});
