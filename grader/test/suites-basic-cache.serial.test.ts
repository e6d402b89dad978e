import { startProxy } from '@proxylab/proxy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness } from '../src/harness/create-harness.js';
import type { Harness } from '../src/harness/harness.js';
import { runCheck } from '../src/run/run-check.js';
import { basicSuite } from '../src/suites/basic.js';
import { cacheSuite } from '../src/suites/cache.js';
import { cmuChecks } from '../src/suites/cmu.js';
import type { CheckDef, ProxyEndpoint } from '../src/types.js';
import { BROKEN_PROXIES } from './fixtures/broken-proxies/catalog.js';
import { startMiniProxy } from './fixtures/broken-proxies/mini-proxy.js';

const ALL_CHECKS: CheckDef[] = [...basicSuite.checks, ...cacheSuite.checks, ...cmuChecks];

let harness: Harness;

beforeAll(async () => {
  harness = await createHarness({ seed: 'suites-e2e' });
});
afterAll(async () => {
  await harness?.close();
});

interface Graded {
  failed: Map<string, string>;
  durationMs: number;
}

async function gradeAll(proxy: ProxyEndpoint, checks: CheckDef[] = ALL_CHECKS): Promise<Graded> {
  const failed = new Map<string, string>();
  const started = performance.now();
  for (const check of checks) {
    const run = await runCheck(check, { proxy, harness, proxyPid: undefined });
    if (!run.outcome.passed)
      failed.set(check.id, `${run.outcome.detail?.en ?? ''} [hint: ${run.outcome.hint?.en ?? ''}]`);
  }
  return { failed, durationMs: Math.round(performance.now() - started) };
}

describe('the basic, cache and CMU checks', () => {
  it('all pass against the reference proxy, quickly', async () => {
    const proxy = await startProxy({ port: 0, host: '127.0.0.1', log: false });
    try {
      const basicAndCache = await gradeAll(proxy, [...basicSuite.checks, ...cacheSuite.checks]);
      const cmu = await gradeAll(proxy, cmuChecks);
      console.log(`reference: basic+cache in ${basicAndCache.durationMs} ms, cmu in ${cmu.durationMs} ms`);
      expect(Object.fromEntries(basicAndCache.failed)).toEqual({});
      expect(Object.fromEntries(cmu.failed)).toEqual({});
    } finally {
      await proxy.close();
    }
  });

  it('all pass against the mini proxy with no flaw switched on', async () => {
    const proxy = await startMiniProxy();
    try {
      expect(Object.fromEntries((await gradeAll(proxy)).failed)).toEqual({});
    } finally {
      await proxy.close();
    }
  });

  for (const broken of BROKEN_PROXIES) {
    it(`a proxy that ${broken.name} loses exactly ${broken.loses.join(', ')}`, async () => {
      const proxy = await startMiniProxy(broken.flaws);
      try {
        const { failed } = await gradeAll(proxy);
        expect([...failed.keys()].sort(), [...failed.entries()].join('\n')).toEqual([...broken.loses].sort());
        for (const [id, phrase] of Object.entries(broken.explains)) expect(failed.get(id)).toContain(phrase);
      } finally {
        await proxy.close();
      }
    });
  }
});
