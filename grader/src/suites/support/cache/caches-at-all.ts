// Before a check tests a property of a cache (size limit, distinct keys, one copy, LRU order) it shows, itself,
// that this proxy caches at all: a small object fetched twice reaches the origin once. A proxy without a cache
// would otherwise pass every "this was not served from the cache" property for free.
import { curlLine } from '../../../harness/clients/raw-client.js';
import type { Bilingual, CheckContext, CheckOutcome } from '../../../types.js';
import { atStep, CACHE_HINT, fetchCounted } from './counted-fetch.js';
import { tokenFor } from '../basic/forwarded-head.js';

/**
 * Fetches a small object (the home page under a query of this check's own) twice; undefined when the second
 * fetch was exact and never reached the origin, else the failed outcome naming what `property` depended on.
 */
export async function proveCaching(
  ctx: CheckContext,
  property: Bilingual,
): Promise<CheckOutcome | undefined> {
  const tiny = ctx.harness.tiny;
  const home = ctx.harness.object('home');
  const path = `${home.path}?cached=${tokenFor(ctx, `proof-${property.en}`)}`;
  const step = {
    en: 'Showing that the proxy caches at all (a small object fetched twice)',
    ko: '프록시가 캐시를 하긴 하는지 확인(작은 객체를 두 번 요청)',
  };
  const what = { en: `the home page ${path}`, ko: `홈 페이지 ${path}` };
  const first = await fetchCounted(ctx, tiny, path, { what });
  if (!first.outcome.passed)
    return atStep({ en: `${step.en}, first fetch`, ko: `${step.ko}, 첫 번째 요청` }, first.outcome);
  // Bytes after the whole response are the hit checks' business; here only the origin's count matters.
  const second = await fetchCounted(ctx, tiny, path, {
    what,
    cacheHit: true,
    allowTrailing: true,
  });
  if (!second.outcome.passed)
    return atStep({ en: `${step.en}, second fetch`, ko: `${step.ko}, 두 번째 요청` }, second.outcome);
  if (second.originRequests === 0) return undefined;
  return {
    passed: false,
    detail: {
      en:
        `${step.en}: the second fetch of ${path} (${home.bytes.length} bytes) reached the origin again, so this proxy ` +
        `showed no cache at all, and ${property.en} cannot be credited without one.`,
      ko: `${step.ko}: ${path}(${home.bytes.length}바이트)의 두 번째 요청이 다시 서버에 도착했습니다. 이 프록시는 캐시가 전혀 없는 것으로 보이고, 캐시 없이는 ${property.ko} 점수를 줄 수 없습니다.`,
    },
    hint: CACHE_HINT,
    reproduce: `${curlLine(ctx.proxy, tiny.url(path))}  # run it twice: the second must not reach the origin`,
  };
}
