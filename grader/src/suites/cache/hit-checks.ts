// A cached object is served again without an origin request, byte for byte; a large one is never cached.
import { curlLine } from '../../harness/raw-client.js';
import type { Bilingual, CheckContext, CheckDef, CheckOutcome } from '../../types.js';
import { atStep, CACHE_HINT, fetchCounted } from './counted-fetch.js';
import { proveCaching } from './caches-at-all.js';

/** Fetch once (a miss), fetch again: the second must be byte-identical and must not reach the origin. */
async function checkHit(ctx: CheckContext, name: string, kind: Bilingual): Promise<CheckOutcome> {
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

export const hitTextCheck: CheckDef = {
  id: 'cache.hit-text',
  title: {
    en: 'A text object fetched twice is served from the cache the second time',
    ko: '두 번 가져온 텍스트 객체는 두 번째에 캐시에서 제공된다',
  },
  timeoutMs: 15_000,
  hint: CACHE_HINT,
  run: (ctx) => checkHit(ctx, 'cache-text', { en: 'the text object', ko: '텍스트 객체' }),
};

export const hitBinaryCheck: CheckDef = {
  id: 'cache.hit-binary',
  title: {
    en: 'A binary object fetched twice is served from the cache, byte for byte',
    ko: '두 번 가져온 바이너리 객체가 캐시에서 바이트 그대로 제공된다',
  },
  timeoutMs: 15_000,
  hint: {
    en: 'Cache binary responses as bytes with their length (memcpy, not strcpy), headers included.',
    ko: '바이너리 응답은 헤더를 포함해 길이와 함께 바이트로 저장하세요(strcpy가 아니라 memcpy).',
  },
  run: (ctx) => checkHit(ctx, 'cache-binary', { en: 'the binary object', ko: '바이너리 객체' }),
};

export const noLargeObjectCheck: CheckDef = {
  id: 'cache.no-large-object',
  title: {
    en: 'An object larger than MAX_OBJECT_SIZE is never served from the cache',
    ko: 'MAX_OBJECT_SIZE보다 큰 객체는 캐시에서 제공되지 않는다',
  },
  timeoutMs: 15_000,
  hint: {
    en: 'Count the bytes while relaying; once they exceed MAX_OBJECT_SIZE (102400), relay the rest but do not cache the object.',
    ko: '전달하면서 바이트 수를 세고, MAX_OBJECT_SIZE(102400)를 넘으면 나머지는 전달하되 객체를 캐시하지 마세요.',
  },
  async run(ctx) {
    const { path, bytes } = ctx.harness.object('over-limit');
    const tiny = ctx.harness.tiny;
    const unproven = await proveCaching(ctx, { en: 'the size limit', ko: '크기 제한' });
    if (unproven) return unproven;
    let requests = 0;
    const steps = [
      { en: 'First fetch', ko: '첫 번째 요청' },
      { en: 'Second fetch', ko: '두 번째 요청' },
    ];
    for (const step of steps) {
      const fetched = await fetchCounted(ctx, tiny, path, {
        what: { en: `the ${bytes.length}-byte object ${path}`, ko: `${bytes.length}바이트 객체 ${path}` },
      });
      if (!fetched.outcome.passed) return atStep(step, fetched.outcome);
      requests += fetched.originRequests;
    }
    if (requests >= 2) return { passed: true };
    return {
      passed: false,
      detail: {
        en: `${path} (${bytes.length} bytes, over MAX_OBJECT_SIZE = 102400) was fetched twice but the origin saw ${requests} request(s): the second came from the cache.`,
        ko: `${path}(${bytes.length}바이트, MAX_OBJECT_SIZE = 102400 초과)를 두 번 가져왔는데 서버에는 요청이 ${requests}번만 왔습니다: 두 번째는 캐시에서 나왔습니다.`,
      },
      hint: noLargeObjectCheck.hint,
    };
  },
};
