// One copy per object: three simultaneous misses of one object must leave one copy in the cache, not three.
// It fills the cache, so it runs after every check that needs its objects kept, and before lru-eviction. Hits
// are told from misses at the origin; bytes after a whole response are left to the checks about a hit's bytes.
import { LRU_OBJECT_BYTES } from '../../harness/corpus/corpus.js';
import { makeProse } from '../../harness/corpus/corpus-content.js';
import { createPrng } from '../../harness/corpus/prng.js';
import type { Bilingual, CheckContext, CheckDef, CheckOutcome } from '../../types.js';
import { HALF_FILLED_HINT } from '../support/cache/half-filled-hint.js';
import { atStep, fetchCounted } from '../support/cache/counted-fetch.js';
import { endedEarly, fetchAgainst } from '../support/cache/fetch-against.js';
import { type HeldOrigin, startHeldOrigin } from '../support/cache/held-origin.js';
import { proveCaching } from '../support/cache/caches-at-all.js';

const FILL_COUNT = 11;
const TARGET_BYTES = 40_000;
const SIMULTANEOUS = 3;
/** Longest wait for one of the simultaneous misses to reach the origin before the next one starts. */
const STAGGER_LIMIT_MS = 1000;

const ONE_COPY_HINT: Bilingual = {
  en: 'Before inserting, check whether the URL is already cached (under the write lock): replace or skip it, never store a second copy.',
  ko: '삽입하기 전에 (쓰기 잠금 안에서) 그 URL이 이미 캐시에 있는지 확인하세요. 교체하거나 건너뛰고, 두 번째 사본은 절대 저장하지 마세요.',
};

export const SLOTS_HINT: Bilingual = {
  en: 'Limit the cache by bytes, not by a number of slots: keep objects until their total would exceed MAX_CACHE_SIZE (1049000), then evict the least recently used.',
  ko: '캐시는 슬롯 개수가 아니라 바이트로 제한하세요. 합계가 MAX_CACHE_SIZE(1049000)를 넘게 될 때까지 객체를 보관하고, 그때 가장 오래 전에 쓰인 객체를 제거하세요.',
};

/** The held object's response: Tiny's head and random text from the run's seed. */
function buildTargetResponse(seed: string): Buffer {
  const body = makeProse(createPrng(seed, 'one-copy-target'), TARGET_BYTES);
  const head =
    'HTTP/1.0 200 OK\r\nServer: Tiny Web Server\r\nConnection: close\r\n' +
    `Content-length: ${TARGET_BYTES}\r\nContent-type: text/plain\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}

export const oneCopyCheck: CheckDef = {
  id: 'cache.one-copy',
  title: {
    en: 'Simultaneous misses of one object leave one copy in the cache',
    ko: '같은 객체의 캐시 미스가 동시에 나도 캐시에는 사본이 하나만 남는다',
  },
  timeoutMs: 90_000,
  hint: ONE_COPY_HINT,
  run: checkOneCopy,
};

// 11 fill objects (990,000 bytes) plus one 40,000-byte target fit in MAX_CACHE_SIZE; a second copy of the
// target does not, so a cache that stores duplicates must evict the oldest fill object, one-copy-00.
const HELD_OBJECT = { en: 'the held object', ko: '붙잡아 둔 객체' };

async function checkOneCopy(ctx: CheckContext): Promise<CheckOutcome> {
  const unproven = await proveCaching(ctx, { en: 'storing one copy', ko: '사본 하나만 저장' });
  if (unproven) return unproven;
  const tiny = ctx.harness.tiny;
  const fillPath = (i: number) => ctx.harness.object(`one-copy-${String(i).padStart(2, '0')}`).path;
  for (let i = 0; i < FILL_COUNT; i++) {
    const fetched = await fetchCounted(ctx, tiny, fillPath(i), { allowTrailing: true });
    if (!fetched.outcome.passed)
      return atStep({ en: 'Filling the cache', ko: '캐시 채우기' }, fetched.outcome);
  }
  const target = buildTargetResponse(ctx.harness.seed);
  const held = await startHeldOrigin(target, {
    holdUntilRequests: SIMULTANEOUS,
    maxHoldMs: ctx.timeoutMs(1500),
  });
  ctx.defer(() => held.close());
  const url = held.url('/one-copy/target.txt');
  const results = await fetchOverlapping(ctx, held, url, target);
  const broken = results.find((r) => !r.outcome.passed);
  if (broken) {
    const step = {
      en: `${SIMULTANEOUS} simultaneous fetches of ${url}`,
      ko: `${url}를 동시에 ${SIMULTANEOUS}번 요청`,
    };
    const failed = atStep(step, broken.outcome);
    return endedEarly(target, broken.response) ? { ...failed, hint: HALF_FILLED_HINT } : failed;
  }
  // The second oldest first: fetching the oldest again would, on a miss, insert it and evict the second oldest.
  const second = await fetchCounted(ctx, tiny, fillPath(1), { cacheHit: true, allowTrailing: true });
  if (!second.outcome.passed)
    return atStep({ en: `Fetching ${fillPath(1)} again`, ko: `${fillPath(1)} 다시 요청` }, second.outcome);
  const first = await fetchCounted(ctx, tiny, fillPath(0), { cacheHit: true, allowTrailing: true });
  if (!first.outcome.passed)
    return atStep({ en: `Fetching ${fillPath(0)} again`, ko: `${fillPath(0)} 다시 요청` }, first.outcome);
  if (first.originRequests > 0) {
    const last = await fetchCounted(ctx, tiny, fillPath(FILL_COUNT - 1), {
      cacheHit: true,
      allowTrailing: true,
    });
    const cachesAtAll = last.outcome.passed && last.originRequests === 0;
    if (!cachesAtAll) {
      return {
        passed: false,
        detail: {
          en: `Neither ${fillPath(0)} nor ${fillPath(FILL_COUNT - 1)} (${LRU_OBJECT_BYTES} bytes each) was served from the cache.`,
          ko: `${fillPath(0)}도 ${fillPath(FILL_COUNT - 1)}도(각 ${LRU_OBJECT_BYTES}바이트) 캐시에서 제공되지 않았습니다.`,
        },
        hint: {
          en: 'Cache complete responses up to MAX_OBJECT_SIZE.',
          ko: 'MAX_OBJECT_SIZE 이하의 완전한 응답을 캐시하세요.',
        },
      };
    }
    return second.originRequests > 0 ? evictedTooMany(fillPath) : storedCopies(fillPath, url);
  }
  const before = held.requestCount;
  const { outcome: again } = await fetchAgainst(ctx, url, target, HELD_OBJECT, {
    cacheHit: true,
    allowTrailing: true,
  });
  if (!again.passed)
    return atStep({ en: 'Fetching the held object again', ko: '붙잡아 둔 객체 다시 요청' }, again);
  if (held.requestCount === before) return { passed: true };
  const probe = await probeNewObject(ctx, held, target);
  if (probe.failed) return atStep({ en: 'Fetching a probe object', ko: '확인용 객체 요청' }, probe.failed);
  if (!probe.kept) return { passed: true };
  return {
    passed: false,
    detail: {
      en: `After ${SIMULTANEOUS} simultaneous misses of ${url}, fetching it again reached the origin: no copy was kept (a new object of its size fetched twice now is kept).`,
      ko: `${url}의 캐시 미스가 동시에 ${SIMULTANEOUS}번 난 뒤 다시 요청하자 서버에 도착했습니다: 사본이 하나도 남지 않았습니다(같은 크기의 새 객체를 두 번 요청하면 지금은 캐시에 남습니다).`,
    },
    hint: ONE_COPY_HINT,
  };
}

// Copies of a ${TARGET_BYTES}-byte target: two extra evict the older objects and then exactly one fill object.
function storedCopies(fillPath: (i: number) => string, url: string): CheckOutcome {
  return {
    passed: false,
    detail: {
      en:
        `After ${SIMULTANEOUS} simultaneous misses of one ${TARGET_BYTES}-byte object (${url}), ${fillPath(0)} was evicted ` +
        `but ${fillPath(1)} was kept: ${FILL_COUNT} × ${LRU_OBJECT_BYTES} bytes plus one copy fit in MAX_CACHE_SIZE, ` +
        'and exactly one object more had to go, as when the cache stored more than one copy.',
      ko:
        `${TARGET_BYTES}바이트 객체 하나(${url})의 캐시 미스가 동시에 ${SIMULTANEOUS}번 난 뒤, ${fillPath(0)}은 제거되고 ` +
        `${fillPath(1)}은 남았습니다: ${FILL_COUNT} × ${LRU_OBJECT_BYTES}바이트에 사본 하나를 더해도 MAX_CACHE_SIZE 안에 들어가는데, ` +
        '객체가 정확히 하나 더 빠졌습니다. 캐시가 사본을 둘 이상 저장했을 때 생기는 일입니다.',
    },
    hint: ONE_COPY_HINT,
  };
}

// Extra copies (at most two) cannot push out two fill objects: the cache holds fewer objects than its bytes allow.
function evictedTooMany(fillPath: (i: number) => string): CheckOutcome {
  return {
    passed: false,
    detail: {
      en:
        `Both ${fillPath(0)} and ${fillPath(1)} were evicted although ${FILL_COUNT} × ${LRU_OBJECT_BYTES} bytes plus the ` +
        `target fit in MAX_CACHE_SIZE, and even ${SIMULTANEOUS} copies of the target would have pushed out only one: the ` +
        'cache evicts by a count of entries (or a smaller limit), not by the bytes of MAX_CACHE_SIZE. Duplicates alone do not explain it.',
      ko:
        `${FILL_COUNT} × ${LRU_OBJECT_BYTES}바이트에 대상 객체를 더해도 MAX_CACHE_SIZE 안에 들어가고, 대상의 사본이 ${SIMULTANEOUS}개여도 ` +
        `하나만 밀려나야 하는데 ${fillPath(0)}과 ${fillPath(1)}이 모두 제거되었습니다: 캐시가 MAX_CACHE_SIZE 바이트가 아니라 ` +
        '항목 개수(또는 더 작은 한도)로 제거하고 있습니다. 중복 저장만으로는 설명되지 않습니다.',
    },
    hint: SLOTS_HINT,
  };
}

/**
 * The simultaneous misses, started one after another: each once the previous one reached the origin (or was
 * answered, or a bounded wait passed). They still overlap — the origin holds every answer until all arrived —
 * but no two connections ever wait in the accept queue together, so a race in handing a new connection to its
 * thread (&connfd) cannot spoil this check; concurrent-hits and the concurrency suite are about that.
 */
async function fetchOverlapping(ctx: CheckContext, held: HeldOrigin, url: string, target: Buffer) {
  const fetches: Array<ReturnType<typeof fetchAgainst>> = [];
  for (let i = 1; i <= SIMULTANEOUS; i++) {
    const fetch = fetchAgainst(ctx, url, target, HELD_OBJECT, { allowTrailing: true });
    fetches.push(fetch);
    if (i < SIMULTANEOUS) {
      const limit = { timeoutMs: ctx.timeoutMs(STAGGER_LIMIT_MS), signal: ctx.signal };
      await Promise.race([held.waitForRequests(i, limit), fetch]);
    }
  }
  return Promise.all(fetches);
}

/**
 * Whether the cache keeps a new object of the held object's size now (fetched twice, one after the other). A
 * cache that stops inserting once it is full (cache.lru-eviction's flaw) does not, and then losing the held
 * object is not this check's business.
 */
async function probeNewObject(
  ctx: CheckContext,
  held: HeldOrigin,
  target: Buffer,
): Promise<{ kept: boolean; failed?: CheckOutcome }> {
  const url = held.url('/one-copy/probe.txt');
  let before = 0;
  const steps = [
    { en: 'first fetch', ko: '첫 번째 요청' },
    { en: 'second fetch', ko: '두 번째 요청' },
  ];
  for (const step of steps) {
    before = held.requestCount;
    const probe = { en: `the probe ${url}`, ko: `확인용 객체 ${url}` };
    const { outcome } = await fetchAgainst(ctx, url, target, probe, { allowTrailing: true });
    if (!outcome.passed) return { kept: false, failed: atStep(step, outcome) };
  }
  return { kept: held.requestCount === before };
}
