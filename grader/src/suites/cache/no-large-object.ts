// cache.no-large-object: an object over MAX_OBJECT_SIZE is relayed but never served from the cache.
import type { CheckDef } from '../../types.js';
import { atStep, fetchCounted } from '../support/cache/counted-fetch.js';
import { proveCaching } from '../support/cache/caches-at-all.js';

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
