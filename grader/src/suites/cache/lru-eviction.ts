// LRU eviction, observed at the origin: 12 objects of 90,000 bytes where only 11 fit in MAX_CACHE_SIZE.
// It runs last: it fills the cache, and a cache that stops inserting once full fails only here. Hits are told
// from misses at the origin; bytes after a whole response are left to the checks about a hit's bytes.
import { LRU_OBJECT_BYTES } from '../../harness/corpus/corpus.js';
import type { Bilingual, CheckContext, CheckDef, CheckOutcome } from '../../types.js';
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
  const unproven = await proveCaching(ctx, { en: 'LRU eviction', ko: 'LRU 제거' });
  if (unproven) return unproven;
  const tiny = ctx.harness.tiny;
  const pathOf = (i: number) => ctx.harness.object(lruName(i)).path;
  const fetchLru = async (i: number, step: Bilingual) => {
    const fetched = await fetchCounted(ctx, tiny, pathOf(i), {
      what: `${lruName(i)} (${pathOf(i)})`,
      allowTrailing: true,
    });
    return fetched.outcome.passed
      ? { hit: fetched.originRequests === 0 }
      : { failed: atStep(step, fetched.outcome) };
  };
  for (let i = 0; i <= 10; i++) {
    const result = await fetchLru(i, {
      en: `Filling the cache with ${lruName(i)}`,
      ko: `${lruName(i)}로 캐시 채우기`,
    });
    if (result.failed) return result.failed;
  }
  const refetch = await fetchLru(0, { en: 'Fetching lru-00 again', ko: 'lru-00 다시 요청' });
  if (refetch.failed) return refetch.failed;
  if (!refetch.hit) {
    return {
      passed: false,
      detail: {
        en: `After fetching lru-00..lru-10 (11 × ${LRU_OBJECT_BYTES} bytes = ${11 * LRU_OBJECT_BYTES}, which fits in MAX_CACHE_SIZE = 1049000), fetching lru-00 again reached the origin: it was not kept.`,
        ko: `lru-00..lru-10(11 × ${LRU_OBJECT_BYTES}바이트 = ${11 * LRU_OBJECT_BYTES}, MAX_CACHE_SIZE = 1049000 안에 들어감)을 가져온 뒤 lru-00을 다시 요청하자 서버에 도착했습니다: 캐시에 남아 있지 않았습니다.`,
      },
      hint: {
        en: 'Cache every complete response up to MAX_OBJECT_SIZE (102400 bytes) and keep up to MAX_CACHE_SIZE (1049000 bytes) of them in all — counted in bytes, not in slots (a fixed number of entries evicts too early).',
        ko: 'MAX_OBJECT_SIZE(102400바이트) 이하의 완전한 응답을 모두 캐시하고, 합계 MAX_CACHE_SIZE(1049000바이트)까지 보관하세요. 슬롯 개수가 아니라 바이트로 세야 합니다(항목 수를 고정하면 너무 일찍 제거됩니다).',
      },
    };
  }
  const extra = await fetchLru(11, {
    en: 'Fetching lru-11 (forces an eviction)',
    ko: 'lru-11 요청(제거가 일어나야 함)',
  });
  if (extra.failed) return extra.failed;
  const seen: Array<{ name: string; want: 'hit' | 'miss'; hit: boolean }> = [];
  for (const [i, want] of [
    [0, 'hit'],
    [11, 'hit'],
    [1, 'miss'],
  ] as const) {
    const result = await fetchLru(i, { en: `Checking ${lruName(i)}`, ko: `${lruName(i)} 확인` });
    if (result.failed) return result.failed;
    seen.push({ name: lruName(i), want, hit: result.hit });
  }
  const wrong = seen.filter((s) => (s.want === 'hit') !== s.hit);
  if (wrong.length === 0) return { passed: true };
  return {
    passed: false,
    detail: {
      en:
        'Fetched lru-00..lru-10, lru-00 again, then lru-11, which cannot fit: lru-01 was the least recently used and had to be evicted. ' +
        `Expected lru-00 hit, lru-11 hit, lru-01 miss; got ${seen.map((s) => `${s.name} ${s.hit ? 'hit' : 'miss'}`).join(', ')}.`,
      ko:
        'lru-00..lru-10, 다시 lru-00, 그리고 들어갈 자리가 없는 lru-11을 가져왔습니다: 가장 오래 전에 쓰인 lru-01이 제거되어야 합니다. ' +
        `기대: lru-00 적중, lru-11 적중, lru-01 미스. 실제: ${seen.map((s) => `${s.name} ${s.hit ? '적중' : '미스'}`).join(', ')}.`,
    },
    expected: { en: 'lru-00 hit, lru-11 hit, lru-01 miss', ko: 'lru-00 적중, lru-11 적중, lru-01 미스' },
    received: {
      en: seen.map((s) => `${s.name} ${s.hit ? 'hit' : 'miss'}`).join(', '),
      ko: seen.map((s) => `${s.name} ${s.hit ? '적중' : '미스'}`).join(', '),
    },
    hint: LRU_HINT,
  };
}
