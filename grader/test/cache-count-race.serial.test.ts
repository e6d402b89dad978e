import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createHarness } from '../src/harness/create-harness.js';
import type { Harness } from '../src/harness/harness.js';
import { runCheck } from '../src/run/run-check.js';
import { hitTextCheck } from '../src/suites/cache/hit-text.js';
import { createCommandTarget } from '../src/targets/command.js';
import { createReferenceTarget } from '../src/targets/reference.js';
import type { Target } from '../src/targets/target.js';

const ORIGIN_FIRST = fileURLToPath(
  new URL('./fixtures/broken-proxies/origin-first-proxy.mjs', import.meta.url),
);
const RUNS = 10;

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness({ seed: 'count-race' });
});
afterAll(async () => {
  await harness?.close();
});

/** Runs cache.hit-text `RUNS` times, each on a fresh process of `target`; returns how many runs passed. */
async function passesOf(target: Target): Promise<{ passed: number; details: string[] }> {
  const details: string[] = [];
  let passed = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = await target.start({ startupTimeoutMs: 10_000, log: () => {} });
    if (!start.ok) throw new Error(`${target.description} did not start: ${start.reason}`);
    const { started } = start;
    onTestFinished(() => started.stop());
    const run = await runCheck(hitTextCheck, { proxy: started.endpoint, harness, proxyPid: started.pid });
    await started.stop();
    if (run.outcome.passed) passed++;
    else details.push(run.outcome.detail?.en ?? '');
  }
  return { passed, details };
}

describe('hits are counted once the origin has read every request the check caused', () => {
  it('a proxy that sends the request to the origin before its cache lookup fails cache.hit-text every time', async () => {
    const { passed, details } = await passesOf(createCommandTarget(`node ${ORIGIN_FIRST} {port}`));
    expect(passed).toBe(0);
    expect(details).toHaveLength(RUNS);
    for (const detail of details) expect(detail).toContain('reached the origin again');
  });

  it('the reference proxy passes cache.hit-text every time', async () => {
    const { passed, details } = await passesOf(createReferenceTarget());
    expect(details).toEqual([]);
    expect(passed).toBe(RUNS);
  });
});
