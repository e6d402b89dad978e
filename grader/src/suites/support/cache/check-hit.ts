// A cached object is served again without an origin request, byte for byte: the hit checks' shared step.
import { curlLine } from '../../../harness/clients/raw-client.js';
import type { Bilingual, CheckContext, CheckOutcome } from '../../../types.js';
import { atStep, CACHE_HINT, fetchCounted } from './counted-fetch.js';

/** Fetch once (a miss), fetch again: the second must be byte-identical and must not reach the origin. */
export async function checkHit(ctx: CheckContext, name: string, kind: Bilingual): Promise<CheckOutcome> {
  const { path } = ctx.harness.object(name);
  const tiny = ctx.harness.tiny;
  const what = { en: `${kind.en} ${path}`, ko: `${kind.ko} ${path}` };
  const first = await fetchCounted(ctx, tiny, path, { what });
  if (!first.outcome.passed)
    return atStep({ en: 'First fetch (a miss)', ko: '첫 번째 요청(캐시 미스)' }, first.outcome);
  const second = await fetchCounted(ctx, tiny, path, { what, cacheHit: true });
  if (!second.outcome.passed) {
    const step = { en: 'Second fetch (should be a cache hit)', ko: '두 번째 요청(캐시 적중이어야 함)' };
    return atStep(step, second.outcome);
  }
  if (second.originRequests > 0) {
    const size = ctx.harness.object(name).bytes.length;
    return {
      passed: false,
      detail: {
        en: `The second fetch of ${path} (${size} bytes) reached the origin again: it was not served from the cache.`,
        ko: `${path}(${size}바이트)의 두 번째 요청이 다시 서버에 도착했습니다: 캐시에서 제공되지 않았습니다.`,
      },
      hint: CACHE_HINT,
      reproduce: `${curlLine(ctx.proxy, tiny.url(path))}  # run it twice: the second must not reach the origin`,
    };
  }
  return { passed: true };
}
