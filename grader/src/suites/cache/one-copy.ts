// One copy per object: three simultaneous misses of one object must leave one copy in the cache, not three.
import { checkFetchAgainst } from './fetch-against.js';
import { LRU_OBJECT_BYTES } from '../../harness/corpus.js';
import { makeBinary } from '../../harness/corpus-content.js';
import { createPrng } from '../../harness/prng.js';
import type { Bilingual, CheckContext, CheckDef, CheckOutcome } from '../../types.js';
import { atStep, fetchCounted } from './counted-fetch.js';
import { startHeldOrigin } from './held-origin.js';

const FILL_COUNT = 11;
const TARGET_BYTES = 40_000;
const SIMULTANEOUS = 3;

const ONE_COPY_HINT: Bilingual = {
  en: 'Before inserting, check whether the URL is already cached (under the write lock): replace or skip it, never store a second copy.',
  ko: '삽입하기 전에 (쓰기 잠금 안에서) 그 URL이 이미 캐시에 있는지 확인하세요. 교체하거나 건너뛰고, 두 번째 사본은 절대 저장하지 마세요.',
};

/** The held object's response: Tiny's head and random bytes from the run's seed. */
function buildTargetResponse(seed: string): Buffer {
  const body = makeBinary(createPrng(seed, 'one-copy-target'), TARGET_BYTES);
  const head =
    'HTTP/1.0 200 OK\r\nServer: Tiny Web Server\r\nConnection: close\r\n' +
    `Content-length: ${TARGET_BYTES}\r\nContent-type: application/octet-stream\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}

export const oneCopyCheck: CheckDef = {
  id: 'cache.one-copy',
  title: {
    en: 'Simultaneous misses of one object leave one copy in the cache',
    ko: '한 객체를 동시에 놓쳐도 캐시에는 사본이 하나만 남는다',
  },
  timeoutMs: 90_000,
  hint: ONE_COPY_HINT,
  run: checkOneCopy,
};

// 11 fill objects (990,000 bytes) plus one 40,000-byte target fit in MAX_CACHE_SIZE; a second copy of the
// target does not, so a cache that stores duplicates must evict the oldest fill object, one-copy-00.
async function checkOneCopy(ctx: CheckContext): Promise<CheckOutcome> {
  const tiny = ctx.harness.tiny;
  const fillPath = (i: number) => ctx.harness.object(`one-copy-${String(i).padStart(2, '0')}`).path;
  for (let i = 0; i < FILL_COUNT; i++) {
    const fetched = await fetchCounted(ctx, tiny, fillPath(i));
    if (!fetched.outcome.passed) return atStep('Filling the cache', fetched.outcome);
  }
  const target = buildTargetResponse(ctx.harness.seed);
  const held = await startHeldOrigin(target, {
    holdUntilRequests: SIMULTANEOUS,
    maxHoldMs: ctx.timeoutMs(1500),
  });
  ctx.defer(() => held.close());
  const url = held.url('/one-copy/target.bin');
  const results = await Promise.all(
    Array.from({ length: SIMULTANEOUS }, () => checkFetchAgainst(ctx, url, target, 'the held object')),
  );
  const broken = results.find((r) => !r.passed);
  if (broken) return atStep(`${SIMULTANEOUS} simultaneous fetches of ${url}`, broken);
  const first = await fetchCounted(ctx, tiny, fillPath(0), { cacheHit: true });
  if (!first.outcome.passed) return atStep(`Fetching ${fillPath(0)} again`, first.outcome);
  if (first.originRequests > 0) {
    const last = await fetchCounted(ctx, tiny, fillPath(FILL_COUNT - 1), { cacheHit: true });
    const cachesAtAll = last.outcome.passed && last.originRequests === 0;
    return {
      passed: false,
      detail: cachesAtAll
        ? `${fillPath(0)} was evicted after ${SIMULTANEOUS} simultaneous misses of one ${TARGET_BYTES}-byte object: ` +
          `${FILL_COUNT} × ${LRU_OBJECT_BYTES} bytes plus one copy fit in MAX_CACHE_SIZE, so the cache stored more than one copy.`
        : `Neither ${fillPath(0)} nor ${fillPath(FILL_COUNT - 1)} (${LRU_OBJECT_BYTES} bytes each) was served from the cache.`,
      hint: cachesAtAll
        ? ONE_COPY_HINT
        : {
            en: 'Cache complete responses up to MAX_OBJECT_SIZE.',
            ko: 'MAX_OBJECT_SIZE 이하의 완전한 응답을 캐시하세요.',
          },
    };
  }
  const before = held.requestCount;
  const again = await checkFetchAgainst(ctx, url, target, 'the held object', true);
  if (!again.passed) return atStep('Fetching the held object again', again);
  if (held.requestCount > before) {
    return {
      passed: false,
      detail: `After ${SIMULTANEOUS} simultaneous misses of ${url}, fetching it again reached the origin: no copy was kept.`,
      hint: ONE_COPY_HINT,
    };
  }
  return { passed: true };
}
