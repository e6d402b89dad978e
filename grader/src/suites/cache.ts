import type { SuiteDef } from '../types.js';
import { concurrentHitsCheck } from './cache/concurrent-hits.js';
import { distinctKeysCheck } from './cache/distinct-keys.js';
import { hitBinaryCheck } from './cache/hit-binary.js';
import { hitTextCheck } from './cache/hit-text.js';
import { lruEvictionCheck } from './cache/lru-eviction.js';
import { noLargeObjectCheck } from './cache/no-large-object.js';
import { oneCopyCheck } from './cache/one-copy.js';

/**
 * Hits counted at the grader's own origins: reuse, size limit, keys, concurrent fetches, one copy, LRU order.
 * The order matters: everything before one-copy fits in MAX_CACHE_SIZE together with what the other suites
 * leave (about 0.3 MB), so only one-copy and lru-eviction, which fill the cache, need eviction — and a cache
 * that never evicts fails lru-eviction alone.
 */
export const cacheSuite: SuiteDef = {
  id: 'cache',
  title: { en: 'Cache', ko: '캐시' },
  checks: [
    hitTextCheck,
    hitBinaryCheck,
    noLargeObjectCheck,
    distinctKeysCheck,
    concurrentHitsCheck,
    oneCopyCheck,
    lruEvictionCheck,
  ],
};
