// The hint for a half-filled cache entry, given by cache.concurrent-hits and cache.one-copy alike.
import type { Bilingual } from '../../../types.js';

/** For a client that got part of the object (or nothing) while the object was not cached yet. */
export const HALF_FILLED_HINT: Bilingual = {
  en: 'A client got a half-filled cache entry: insert an object only once it is complete, under the write lock; until then other threads must miss (and fetch it themselves) or wait.',
  ko: '클라이언트가 다 채워지지 않은 캐시 항목을 받았습니다. 객체는 완전히 받은 뒤에 쓰기 잠금 안에서만 삽입하세요. 그 전까지 다른 스레드는 캐시 미스로 처리(직접 가져오기)하거나 기다려야 합니다.',
};
