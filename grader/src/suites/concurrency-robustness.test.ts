import { describe, expect, it } from 'vitest';
import { concurrencySuite } from './concurrency.js';
import { robustnessSuite } from './robustness.js';

describe('the concurrency and robustness suites', () => {
  it('expose exactly the check ids the rubrics name, in order', () => {
    expect(concurrencySuite.checks.map((check) => check.id)).toEqual([
      'concurrency.hung-origin',
      'concurrency.slow-client',
      'concurrency.barrier',
      'concurrency.release-order',
      'concurrency.distinct-clients',
    ]);
    expect(robustnessSuite.checks.map((check) => check.id)).toEqual([
      'robustness.abort-mid-response',
      'robustness.early-client-close',
      'robustness.origin-refused',
      'robustness.origin-reset',
      'robustness.origin-early-close',
      'robustness.malformed-request',
      'robustness.unsupported-method',
      'robustness.fd-leak',
    ]);
  });

  it('give every check a title and a hint in both languages, and only fd-leak needs the pid', () => {
    for (const check of [...concurrencySuite.checks, ...robustnessSuite.checks]) {
      for (const text of [check.title, check.hint]) {
        expect(text.en.length, check.id).toBeGreaterThan(10);
        expect(text.ko, check.id).toMatch(/[가-힣]/);
      }
      expect(check.needsPid ?? false, check.id).toBe(check.id === 'robustness.fd-leak');
    }
  });

  it('skip fd-leak with a reason when the proxy pid is unknown', async () => {
    const fdLeak = robustnessSuite.checks.find((check) => check.id === 'robustness.fd-leak')!;
    const outcome = await fdLeak.run({ proxyPid: undefined } as Parameters<typeof fdLeak.run>[0]);
    expect(outcome.skipped?.en).toMatch(/process id/);
  });
});
