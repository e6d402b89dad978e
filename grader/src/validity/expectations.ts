// What each fixture submission must score, derived from its one flaw (never from the grader's own output).
// `fails`: the default-rubric checks it must fail (every other check must pass).
// `cmu`: what the CMU handout's driver.sh would give it by its documented rules: basic 40 × (files of 5 whose
// bodies match, as curl saves them) / 5; concurrency 15 if the home page comes through while a request hangs on
// a silent origin; cache 15 if the home page comes through after three fetches and the origin is stopped.

import type { Expectation } from './expectation.js';
import { NO_CACHE_AT_ALL, realWorldExpectations } from './real-world-expectations.js';

const FULL_CMU = { basic: 40, concurrency: 15, cache: 15 } as const;
const BLOCKED = [
  'concurrency.hung-origin',
  'concurrency.slow-client',
  'concurrency.barrier',
  'concurrency.release-order',
];
const DIES_ON_ABORT = ['robustness.abort-mid-response', 'robustness.fd-leak'];

export const expectations: Readonly<Record<string, Expectation>> = {
  correct: { flaw: 'none', fails: [], cmu: FULL_CMU },
  sequential: {
    flaw: 'no threads: one exchange at a time',
    fails: BLOCKED,
    // driver.sh: the home page waits behind the request hung on the nop server
    cmu: { basic: 40, concurrency: 0, cache: 15 },
  },
  'global-lock': {
    flaw: 'one mutex around the whole exchange',
    fails: BLOCKED,
    cmu: { basic: 40, concurrency: 0, cache: 15 },
  },
  'shared-connfd': {
    flaw: '&connfd passed to the thread (two threads, one descriptor)',
    // every check that opens dozens of connections at once; driver.sh's fetches never overlap that way
    fails: ['concurrency.distinct-clients', 'cache.concurrent-hits'],
    // back-to-back clients on a fresh process sometimes meet in the accept loop too: the descriptor the race
    // drops is leaked, or an aborting client's thread writes to the wrong one
    mayFail: ['robustness.fd-leak', 'robustness.abort-mid-response', 'concurrency.slow-client'],
    cmu: FULL_CMU,
  },
  sigpipe: {
    flaw: 'SIGPIPE not ignored',
    fails: DIES_ON_ABORT,
    cmu: FULL_CMU,
    explains: { 'robustness.abort-mid-response': /SIGPIPE[\s\S]*SIG_IGN/ },
  },
  'exit-on-write-error': { flaw: 'exit(1) on a write error', fails: DIES_ON_ABORT, cmu: FULL_CMU },
  'http11-no-close': {
    flaw: 'HTTP/1.1 forwarded, no close headers',
    fails: ['basic.request-line', 'basic.required-headers'],
    // Tiny closes after every response whatever the request said, so the bodies still match
    cmu: FULL_CMU,
  },
  'drop-headers': {
    flaw: "client's other headers dropped",
    fails: ['basic.header-passthrough'],
    cmu: FULL_CMU,
  },
  'string-relay': {
    flaw: 'body relayed with string functions (NUL bytes lost)',
    fails: ['basic.binary-small', 'basic.binary-large', 'basic.binary-huge', 'cache.hit-binary'],
    // the JPEG and the executable lose their bytes after NULs; html and C sources are text
    cmu: { basic: 24, concurrency: 15, cache: 15 },
  },
  'ignore-port': {
    flaw: 'port in the URI ignored (always 80)',
    // every origin the grader hosts is on a free port, never 80: nothing comes through
    fails: 'all',
    cmu: { basic: 0, concurrency: 0, cache: 0 },
  },
  'no-cache': {
    flaw: 'no cache',
    // every cache check: the property checks (size limit, keys, one copy, LRU) first prove that the proxy caches
    fails: NO_CACHE_AT_ALL,
    cmu: { basic: 40, concurrency: 15, cache: 0 },
    explains: { 'cache.no-large-object': /showed no cache at all/ },
  },
  'cache-no-size-limit': {
    flaw: 'MAX_OBJECT_SIZE never checked',
    fails: ['cache.no-large-object'],
    cmu: FULL_CMU,
  },
  'cache-no-eviction': {
    flaw: 'full cache: new objects not inserted',
    fails: ['cache.lru-eviction'],
    cmu: FULL_CMU,
  },
  'crash-malformed': {
    flaw: 'crash on a malformed request line',
    // CONNECT host:443 has no http:// either
    fails: ['robustness.malformed-request', 'robustness.unsupported-method'],
    cmu: FULL_CMU,
  },
  'fd-leak': { flaw: 'origin descriptor never closed', fails: ['robustness.fd-leak'], cmu: FULL_CMU },
  'head-in-accept-loop': {
    flaw: 'request head read in the accept loop',
    fails: ['concurrency.slow-client'],
    // driver.sh's hung request is complete, so the accept loop hands it off at once
    cmu: FULL_CMU,
  },
  'cache-trailing-garbage': {
    flaw: 'cache hits carry bytes after Content-length',
    // every check that compares a cache hit byte for byte; curl stops at Content-length, so driver.sh misses it
    fails: ['cache.hit-text', 'cache.hit-binary', 'cache.concurrent-hits', 'cache.distinct-keys'],
    cmu: FULL_CMU,
  },
  'cache-no-lock': {
    flaw: 'cache without a lock (entry linked before it is filled)',
    fails: ['cache.concurrent-hits', 'cache.one-copy'],
    // a data race too: the robustness suite's overlapping clients on a fresh process sometimes hit it
    mayFail: ['robustness.abort-mid-response', 'robustness.fd-leak'],
    cmu: FULL_CMU,
  },
  'cache-duplicates': {
    flaw: 'one copy per concurrent miss',
    fails: ['cache.one-copy'],
    cmu: FULL_CMU,
    explains: { 'cache.one-copy': /more than one copy/ },
  },
  'wrong-host-header': {
    flaw: "client's Host replaced, port dropped",
    fails: ['basic.host-header'],
    cmu: FULL_CMU,
  },
  'no-default-path': {
    flaw: 'a URI without a path forwarded with an empty path',
    fails: ['basic.default-path'],
    // driver.sh always names a file
    cmu: FULL_CMU,
  },
  'strips-query': {
    flaw: 'the query string cut off the URI',
    // the CGI gets no arguments; the recorded request line and the adder queries of distinct-keys lose it too
    fails: ['basic.cgi', 'basic.request-line', 'cache.distinct-keys'],
    cmu: FULL_CMU,
  },
  'extra-crlf': {
    flaw: 'an extra CRLF after the blank line',
    fails: ['basic.nothing-after-head'],
    cmu: FULL_CMU,
  },
  'cache-key-path': {
    flaw: 'cache keyed by the path alone',
    fails: ['cache.distinct-keys'],
    // driver.sh uses one origin
    cmu: FULL_CMU,
  },
  'crash-on-eof': {
    flaw: 'NULL dereference when the client closes after the request line',
    fails: ['robustness.early-client-close'],
    cmu: FULL_CMU,
  },
  'origin-connect-exit': {
    flaw: 'exit(1) when the origin refuses the connection',
    // fd-leak mixes refused origins into its 100 exchanges
    fails: ['robustness.origin-refused', 'robustness.fd-leak'],
    cmu: FULL_CMU,
  },
  'origin-read-exit': {
    flaw: 'exit(1) on a read error from the origin',
    fails: ['robustness.origin-reset'],
    cmu: FULL_CMU,
  },
  'content-length-loop': {
    flaw: 'relays until Content-length, waiting forever on an origin that closes early',
    fails: ['robustness.origin-early-close'],
    cmu: FULL_CMU,
  },
  ...realWorldExpectations,
};
