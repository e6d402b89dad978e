// cache.hit-binary: a binary object fetched twice is served from the cache, byte for byte.
import type { CheckDef } from '../../types.js';
import { checkHit } from '../support/cache/check-hit.js';

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
