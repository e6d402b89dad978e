// Expectations for the real-world corpus: flaws seen in student hand-ins, one per fixture, plus three fixtures
// with several at once. Each comment derives the failed checks from the flaw; `cmu` follows driver.sh's rules
// (curl saves a body only up to Content-length, so bytes after it never cost driver.sh points).
import type { Expectation } from './expectation.js';

const FULL_CMU = { basic: 40, concurrency: 15, cache: 15 } as const;
const BLOCKED = [
  'concurrency.hung-origin',
  'concurrency.slow-client',
  'concurrency.barrier',
  'concurrency.release-order',
];
export const NO_CACHE_AT_ALL = [
  'cache.hit-text',
  'cache.hit-binary',
  'cache.no-large-object',
  'cache.distinct-keys',
  'cache.concurrent-hits',
  'cache.one-copy',
  'cache.lru-eviction',
];
/** exit(1) in the read and write wrappers: a client gone mid-response (write), an origin reset (read). */
const EXITS_IN_WRAPPERS = ['robustness.abort-mid-response', 'robustness.fd-leak', 'robustness.origin-reset'];
/** 10 slots: lru-eviction keeps 11 objects of 90,000 bytes, one-copy fills with 11 before its target. */
const TEN_SLOTS = ['cache.one-copy', 'cache.lru-eviction'];
/** strcat-style caching: a binary hit stops where a chunk had a NUL; hit-binary's is the only binary cache object. */
const STRCPY_CACHE = ['cache.hit-binary'];
/** The checks that judge only the request head the origin received, never a relayed response. */
const HEAD_ONLY = [
  'basic.request-line',
  'basic.host-header',
  'basic.required-headers',
  'basic.header-passthrough',
  'basic.nothing-after-head',
];

export const realWorldExpectations: Readonly<Record<string, Expectation>> = {
  'write-whole-buffer': {
    flaw: 'writes the whole buffer instead of the bytes read',
    // Rio_readnb fills every chunk but the last, so each relayed response ends in stale bytes: every check that
    // reads a relayed response fails (the hit checks at their first fetch, the robustness checks at the fetch
    // that shows the proxy still serves); only the checks that judge the forwarded head alone pass
    fails: 'all',
    passes: HEAD_ONLY,
    // curl stops at Content-length, and the cache keeps the right bytes
    cmu: FULL_CMU,
  },
  'host-no-port': {
    flaw: 'Host built from the URI without its port',
    // only a client without a Host header shows it (the client's own Host is kept)
    fails: ['basic.host-header'],
    cmu: FULL_CMU,
  },
  'exit-in-wrappers': {
    flaw: 'exit() inside the read and write wrappers',
    fails: EXITS_IN_WRAPPERS,
    cmu: FULL_CMU,
  },
  'strtok-shared': {
    flaw: 'strtok (one hidden position for every thread) splits the request line',
    // the race window is a few instructions with no system call inside: no check can see it in bounded time,
    // so this fixture guards against false alarms (a static scan for strtok would catch it; none is graded)
    fails: [],
    cmu: FULL_CMU,
  },
  'spin-on-eof': {
    flaw: 'header loop that spins on EOF',
    // only a client that closes after its request line and before the blank line reaches the loop at EOF
    fails: ['robustness.early-client-close'],
    cmu: FULL_CMU,
  },
  'hit-falls-through': {
    flaw: 'no return after a cache hit: the origin is asked again and its response follows the cached one',
    // every hit carries a second complete response and reaches the origin: no check can see a hit, so the
    // property checks never get past their proof that the proxy caches
    fails: NO_CACHE_AT_ALL,
    // curl stops at Content-length, and after Tiny is killed the appended 502 page is cut off the same way
    cmu: FULL_CMU,
    explains: { 'cache.hit-text': /second HTTP response[\s\S]*return/ },
  },
  'hit-keeps-lock': {
    flaw: 'read lock kept after a hit',
    // a hit passes, and the next insertion then waits forever for the write lock (with writers preferred, every
    // later lookup waits behind it). Each check runs on a proxy of its own state, so a check fails when it
    // inserts after one of its own hits; no-large-object (its big object is never inserted) and concurrent-hits
    // (one insertion before any hit, then readers only) never do
    fails: NO_CACHE_AT_ALL.filter(
      (id) => !['cache.hit-text', 'cache.no-large-object', 'cache.concurrent-hits'].includes(id),
    ),
    // driver.sh's one hit is its last fetch
    cmu: FULL_CMU,
    // the insertion after a hit leaves a complete response open: the hint names the lock, not a missing close()
    explains: {
      'cache.hit-binary': /lock taken on the hit path/,
      'cache.one-copy': /lock taken on the hit path/,
      'cache.lru-eviction': /lock taken on the hit path/,
    },
  },
  'origin-before-lookup': {
    flaw: 'the origin is contacted before the cache lookup',
    // every hit still reaches the origin: nothing counts as cached
    fails: NO_CACHE_AT_ALL,
    // with Tiny killed the connect fails before the lookup: a 502 instead of the cached page
    cmu: { basic: 40, concurrency: 15, cache: 0 },
  },
  'proxy-connection-no-close': {
    flaw: 'Proxy-Connection from the client suppresses Connection: close',
    // curl's and a browser's heads carry Proxy-Connection without Connection
    fails: ['basic.required-headers'],
    cmu: FULL_CMU,
    explains: { 'basic.required-headers': /taken for Connection/ },
  },
  'accept-encoding-added': {
    flaw: "client's Accept dropped, Accept-Encoding: gzip, deflate added",
    fails: ['basic.header-passthrough'],
    // Tiny ignores both
    cmu: FULL_CMU,
  },
  'cache-ten-slots': {
    flaw: 'a fixed number (10) of cache slots',
    fails: TEN_SLOTS,
    cmu: FULL_CMU,
    explains: { 'cache.one-copy': /count of entries/ },
  },
  'cache-strcpy': {
    flaw: 'cached with string functions (each chunk cut at its first NUL)',
    // text hits (hit-text, keys, concurrent-hits, the fill objects of one-copy and lru, the proof) are exact
    fails: STRCPY_CACHE,
    cmu: FULL_CMU,
  },
  'sequential-drain': {
    flaw: 'sequential, and reads the origin to its end after the client left',
    fails: BLOCKED,
    cmu: { basic: 40, concurrency: 0, cache: 15 },
  },
  'stub-silent': {
    flaw: 'accepts connections and never answers',
    fails: 'all',
    cmu: { basic: 0, concurrency: 0, cache: 0 },
  },
  'crash-after-answer': {
    flaw: 'double free after every answered request (SIGABRT after the response)',
    // every check makes at least one exchange the proxy answers, and the proxy dies right after it
    fails: 'all',
    // driver.sh: basic gets its first file (8), concurrency its one home page after the hung request (15),
    // cache only its first fetch, so the home page after Tiny is killed fails (0)
    cmu: { basic: 8, concurrency: 15, cache: 0 },
  },
  'multi-textbook': {
    flaw: 'textbook wrappers that exit, Host without the port, no cache',
    fails: [...EXITS_IN_WRAPPERS, 'basic.host-header', ...NO_CACHE_AT_ALL],
    cmu: { basic: 40, concurrency: 15, cache: 0 },
  },
  'multi-hit-path': {
    flaw: 'no return after a hit, cache keyed by the path alone',
    // the fall-through already costs every cache check. Outside the cache suite the path-only key makes requests
    // hit entries of other origins with the same path, and each such hit now carries a second response:
    // default-path's `/` hits an earlier `/` with the same home page; origin-early-close's half-body request
    // hits the partial head its first case left in the cache (a lone key-path proxy just sends that and closes,
    // which that check accepts; here the origin's half body follows)
    fails: ['basic.default-path', 'robustness.origin-early-close', ...NO_CACHE_AT_ALL],
    cmu: FULL_CMU,
  },
  'multi-slots-strcpy': {
    flaw: 'ten cache slots, strcpy caching, Proxy-Connection suppressing Connection: close',
    fails: ['basic.required-headers', ...new Set([...TEN_SLOTS, ...STRCPY_CACHE])],
    cmu: FULL_CMU,
  },
};
