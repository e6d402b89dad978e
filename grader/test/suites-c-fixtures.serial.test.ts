// The basic, cache and CMU checks against the C fixture submissions (built with make, run as ./proxy <port>):
// the correct one passes everything, each flawed one loses exactly the checks its flaw should cost.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createHarness } from '../src/harness/create-harness.js';
import type { Harness } from '../src/harness/harness.js';
import { findFreePort, waitForListening } from '../src/process/port-probe.js';
import { spawnGroup } from '../src/process/process-group.js';
import { runCheck } from '../src/run/run-check.js';
import { basicSuite } from '../src/suites/basic.js';
import { cacheSuite } from '../src/suites/cache.js';
import { cmuChecks } from '../src/suites/cmu.js';

const SUBMISSIONS = join(import.meta.dirname, 'fixtures', 'submissions');
const CHECKS = [...basicSuite.checks, ...cacheSuite.checks, ...cmuChecks];

// Which checks each flaw must cost (and, for flaws no check here is about, none). The timing-dependent flaws
// (cache-no-lock, cache-duplicates, shared-connfd) are made certain by origins that hold their answers, and
// by bursts of clients that all connect before any request is written.
const EXPECTED_LOSSES: Record<string, string[]> = {
  correct: [],
  'http11-no-close': ['basic.request-line', 'basic.required-headers'],
  'drop-headers': ['basic.header-passthrough'],
  'wrong-host-header': ['basic.host-header'],
  'no-default-path': ['basic.default-path'],
  // the CGI and the recorded request line carry a query; so do distinct-keys' two CGI URLs
  'strips-query': ['basic.cgi', 'basic.request-line', 'cache.distinct-keys'],
  'extra-crlf': ['basic.nothing-after-head'],
  // basic.default-path's two forms go to two origins with the same files: a path-keyed cache still gets it right
  'cache-key-path': ['cache.distinct-keys'],
  // every cache object but hit-binary's is text
  'string-relay': [
    'basic.binary-small',
    'basic.binary-large',
    'basic.binary-huge',
    'cache.hit-binary',
    'basic.cmu-jpeg',
    'basic.cmu-exe',
  ],
  // the property checks (size limit, keys, one copy, LRU) score only once they have seen the proxy cache
  'no-cache': [
    'cache.hit-text',
    'cache.hit-binary',
    'cache.no-large-object',
    'cache.distinct-keys',
    'cache.lru-eviction',
    'cache.concurrent-hits',
    'cache.one-copy',
    'cache.cmu-origin-stopped',
  ],
  // the checks that compare a hit's bytes; lru-eviction and one-copy only count hits at the origin
  'cache-trailing-garbage': [
    'cache.hit-text',
    'cache.hit-binary',
    'cache.distinct-keys',
    'cache.concurrent-hits',
  ],
  'cache-no-size-limit': ['cache.no-large-object'],
  'cache-duplicates': ['cache.one-copy'],
  // everything before one-copy and lru-eviction fits in MAX_CACHE_SIZE, and one-copy tells a cache that stops
  // inserting from one that keeps no copy
  'cache-no-eviction': ['cache.lru-eviction'],
  // clients that arrive while the object is downloading get its empty entry: in the 20 simultaneous cold
  // fetches, and in one-copy's three overlapping misses
  'cache-no-lock': ['cache.concurrent-hits', 'cache.one-copy'],
  // only the bursts of concurrent-hits overlap connections in the accept queue
  'shared-connfd': ['cache.concurrent-hits'],
  sequential: ['concurrency.cmu-nop'],
  'global-lock': ['concurrency.cmu-nop'],
  // flaws no check here is about: these checks must not trip them (e.g. by hanging up on the proxy)
  sigpipe: [],
  'exit-on-write-error': [],
  'fd-leak': [],
};

let harness: Harness;

beforeAll(async () => {
  harness = await createHarness({ seed: 'c-fixtures' });
  await Promise.all(
    Object.keys(EXPECTED_LOSSES).map((name) =>
      promisify(execFile)('make', ['-s', '-C', join(SUBMISSIONS, name)]),
    ),
  );
}, 120_000);
afterAll(async () => {
  await harness?.close();
});

describe('the C fixture submissions', () => {
  for (const [name, losses] of Object.entries(EXPECTED_LOSSES)) {
    it(`"${name}" loses exactly ${losses.length ? losses.join(', ') : 'nothing'}`, async () => {
      const port = await findFreePort();
      const proxy = spawnGroup(['./proxy', String(port)], { cwd: join(SUBMISSIONS, name) });
      onTestFinished(() => proxy.kill());
      const ready = await waitForListening('127.0.0.1', port, {
        timeoutMs: 10_000,
        gaveUp: () => !!proxy.exited(),
      });
      expect(ready).toBe('ready');
      const failed = new Map<string, string>();
      for (const check of CHECKS) {
        const run = await runCheck(check, {
          proxy: { host: '127.0.0.1', port },
          harness,
          proxyPid: proxy.pid,
        });
        if (!run.outcome.passed) failed.set(check.id, run.outcome.detail?.en ?? '');
      }
      expect([...failed.keys()].sort(), [...failed.entries()].join('\n')).toEqual([...losses].sort());
      expect(proxy.exited()).toBeUndefined();
    });
  }
});
