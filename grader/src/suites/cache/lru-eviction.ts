// LRU eviction, observed at the origin: 12 objects of 90,000 bytes where only 11 fit in MAX_CACHE_SIZE.
// It runs last: it fills the cache, and a cache that stops inserting once full fails only here. Hits are told
// from misses at the origin; bytes after a whole response are left to the checks about a hit's bytes.
import { LRU_OBJECT_BYTES } from '../../harness/corpus/corpus.js';
import type { CheckContext, CheckDef, CheckOutcome } from '../../types.js';
import { atStep, fetchCounted } from '../support/cache/counted-fetch.js';
import { proveCaching } from '../support/cache/caches-at-all.js';

const lruName = (i: number) => `lru-${String(i).padStart(2, '0')}`;

const LRU_HINT = {
  en: 'Evict the least recently used object when MAX_CACHE_SIZE (1049000) would be exceeded; a hit counts as a use (update its timestamp or move it to the front).',
  ko: 'MAX_CACHE_SIZE(1049000)를 넘게 되면 가장 오래 전에 쓰인 객체를 제거하세요. 캐시 적중도 사용으로 칩니다(타임스탬프 갱신 또는 맨 앞으로 이동).',
};

export const lruEvictionCheck: CheckDef = {
  id: 'cache.lru-eviction',
  title: {
    en: 'When the cache is full, the least recently used object is evicted',
    ko: '캐시가 가득 차면 가장 오래 전에 쓰인 객체가 제거된다',
  },
  timeoutMs: 80_000,
  hint: LRU_HINT,
  run: checkLruEviction,
};

async function checkLruEviction(ctx: CheckContext): Promise<CheckOutcome> {
  const unproven = await proveCaching(ctx, 'LRU eviction');
  if (unproven) return unproven;
  const tiny = ctx.harness.tiny;
  const pathOf = (i: number) => ctx.harness.object(lruName(i)).path;
  const fetchLru = async (i: number, step: string) => {
    const fetched = await fetchCounted(ctx, tiny, pathOf(i), {
      what: `${lruName(i)} (${pathOf(i)})`,
      allowTrailing: true,
    });
    return fetched.outcome.passed
      ? { hit: fetched.originRequests === 0 }
      : { failed: atStep(step, fetched.outcome) };
  };
  for (let i = 0; i <= 10; i++) {
    const result = await fetchLru(i, `Filling the cache with ${lruName(i)}`);
    if (result.failed) return result.failed;
  }
  const refetch = await fetchLru(0, 'Fetching lru-00 again');
  if (refetch.failed) return refetch.failed;
  if (!refetch.hit) {
    return {
      passed: false,
      detail: `After fetching lru-00..lru-10 (11 × ${LRU_OBJECT_BYTES} bytes = ${11 * LRU_OBJECT_BYTES}, which fits in MAX_CACHE_SIZE = 1049000), fetching lru-00 again reached the origin: it was not kept.`,
      hint: {
        en: 'Cache every complete response up to MAX_OBJECT_SIZE (102400 bytes) and keep up to MAX_CACHE_SIZE (1049000 bytes) of them in all — counted in bytes, not in slots (a fixed number of entries evicts too early).',
        ko: 'MAX_OBJECT_SIZE(102400바이트) 이하의 완전한 응답을 모두 캐시하고, 합계 MAX_CACHE_SIZE(1049000바이트)까지 보관하세요. 슬롯 개수가 아니라 바이트로 세야 합니다(항목 수를 고정하면 너무 일찍 제거됩니다).',
      },
    };
  }
  const extra = await fetchLru(11, 'Fetching lru-11 (forces an eviction)');
  if (extra.failed) return extra.failed;
  const seen: Array<{ name: string; want: 'hit' | 'miss'; hit: boolean }> = [];
  for (const [i, want] of [
    [0, 'hit'],
    [11, 'hit'],
    [1, 'miss'],
  ] as const) {
    const result = await fetchLru(i, `Checking ${lruName(i)}`);
    if (result.failed) return result.failed;
    seen.push({ name: lruName(i), want, hit: result.hit });
  }
  const wrong = seen.filter((s) => (s.want === 'hit') !== s.hit);
  if (wrong.length === 0) return { passed: true };
  return {
    passed: false,
    detail:
      'Fetched lru-00..lru-10, lru-00 again, then lru-11, which cannot fit: lru-01 was the least recently used and had to be evicted. ' +
      `Expected lru-00 hit, lru-11 hit, lru-01 miss; got ${seen.map((s) => `${s.name} ${s.hit ? 'hit' : 'miss'}`).join(', ')}.`,
    expected: 'lru-00 hit, lru-11 hit, lru-01 miss',
    received: seen.map((s) => `${s.name} ${s.hit ? 'hit' : 'miss'}`).join(', '),
    hint: LRU_HINT,
  };
}
