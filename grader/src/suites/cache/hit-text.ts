// cache.hit-text: a text object fetched twice is served from the cache the second time.
import type { CheckDef } from '../../types.js';
import { CACHE_HINT } from '../support/cache/counted-fetch.js';
import { checkHit } from '../support/cache/check-hit.js';

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
