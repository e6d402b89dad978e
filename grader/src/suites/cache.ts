import type { SuiteDef } from '../types.js';
import { concurrentHitsCheck } from './cache/concurrent-hits.js';
import { hitBinaryCheck, hitTextCheck, noLargeObjectCheck } from './cache/hit-checks.js';
import { distinctKeysCheck } from './cache/keys-check.js';
import { lruEvictionCheck } from './cache/lru-check.js';
import { oneCopyCheck } from './cache/one-copy.js';

/** Hits counted at the grader's own origins: reuse, size limit, LRU order, keys, concurrent readers, one copy. */
export const cacheSuite: SuiteDef = {
  id: 'cache',
  title: { en: 'Cache', ko: '캐시' },
  checks: [
    hitTextCheck,
    hitBinaryCheck,
    noLargeObjectCheck,
    lruEvictionCheck,
    distinctKeysCheck,
    concurrentHitsCheck,
    oneCopyCheck,
  ],
};
