// Many readers at once: a cached object fetched by 30 clients simultaneously, each byte-correct, no origin request.
import { setMaxListeners } from 'node:events';
import { describeReceived } from '../../harness/check-fetch.js';
import { judgeResponse } from '../../harness/judge-response.js';
import { fetchViaProxy } from '../../harness/raw-client.js';
import type { CheckContext, CheckDef, CheckOutcome } from '../../types.js';
import { atStep, fetchCounted } from './counted-fetch.js';

const CLIENTS = 30;

export const concurrentHitsCheck: CheckDef = {
  id: 'cache.concurrent-hits',
  title: {
    en: '30 simultaneous hits on one cached object all get the right bytes',
    ko: '캐시된 한 객체에 대한 30개의 동시 적중이 모두 올바른 바이트를 받는다',
  },
  timeoutMs: 20_000,
  hint: {
    en: 'Readers may run together but must not change shared cache state unlocked: use a readers-writer lock and copy or pin the object while sending it.',
    ko: '읽기는 동시에 해도 되지만 잠금 없이 공유 캐시 상태를 바꾸면 안 됩니다. 읽기-쓰기 잠금을 쓰고, 보내는 동안 객체를 복사하거나 고정하세요.',
  },
  run: checkConcurrentHits,
};

async function checkConcurrentHits(ctx: CheckContext): Promise<CheckOutcome> {
  const { path } = ctx.harness.object('cache-shared');
  const tiny = ctx.harness.tiny;
  const first = await fetchCounted(ctx, tiny, path);
  if (!first.outcome.passed) return atStep('First fetch (a miss)', first.outcome);
  const url = tiny.url(path);
  const truth = await ctx.harness.expected(url);
  const before = tiny.hits(path);
  const timeoutMs = ctx.timeoutMs(10_000);
  setMaxListeners(CLIENTS + 20, ctx.signal);
  const responses = await Promise.all(
    Array.from({ length: CLIENTS }, () => fetchViaProxy(ctx.proxy, url, { timeoutMs, signal: ctx.signal })),
  );
  const verdicts = responses.map((response) =>
    judgeResponse(truth, response, { what: path, timeoutMs, cacheHit: true }),
  );
  const wrong = verdicts.filter((v) => !v.passed);
  const originRequests = tiny.hits(path) - before;
  ctx.log(`${CLIENTS} simultaneous hits: ${wrong.length} wrong, ${originRequests} origin requests`);
  const firstWrong = wrong[0];
  if (firstWrong) {
    const index = verdicts.indexOf(firstWrong);
    return {
      ...firstWrong,
      detail: `${wrong.length} of ${CLIENTS} simultaneous fetches of the cached ${path} were wrong; e.g. ${firstWrong.detail} (${describeReceived(responses[index] ?? responses[0]!)})`,
      hint: firstWrong.hint ?? concurrentHitsCheck.hint,
    };
  }
  if (originRequests > 0) {
    return {
      passed: false,
      detail: `${originRequests} of ${CLIENTS} simultaneous fetches of the cached ${path} reached the origin: concurrent readers missed the cache.`,
      hint: concurrentHitsCheck.hint,
    };
  }
  return { passed: true };
}
