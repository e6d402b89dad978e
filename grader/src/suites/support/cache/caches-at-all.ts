// Before a check tests a property of a cache (size limit, distinct keys, one copy, LRU order) it shows, itself,
// that this proxy caches at all: a small object fetched twice reaches the origin once. A proxy without a cache
// would otherwise pass every "this was not served from the cache" property for free.
import { curlLine } from '../../../harness/clients/raw-client.js';
import type { CheckContext, CheckOutcome } from '../../../types.js';
import { atStep, CACHE_HINT, fetchCounted } from './counted-fetch.js';
import { tokenFor } from '../basic/forwarded-head.js';

/**
 * Fetches a small object (the home page under a query of this check's own) twice; undefined when the second
 * fetch was exact and never reached the origin, else the failed outcome naming what `property` depended on.
 */
export async function proveCaching(ctx: CheckContext, property: string): Promise<CheckOutcome | undefined> {
  const tiny = ctx.harness.tiny;
  const home = ctx.harness.object('home');
  const path = `${home.path}?cached=${tokenFor(ctx, `proof-${property}`)}`;
  const step = 'Showing that the proxy caches at all (a small object fetched twice)';
  const first = await fetchCounted(ctx, tiny, path, { what: `the home page ${path}` });
  if (!first.outcome.passed) return atStep(`${step}, first fetch`, first.outcome);
  // Bytes after the whole response are the hit checks' business; here only the origin's count matters.
  const second = await fetchCounted(ctx, tiny, path, {
    what: `the home page ${path}`,
    cacheHit: true,
    allowTrailing: true,
  });
  if (!second.outcome.passed) return atStep(`${step}, second fetch`, second.outcome);
  if (second.originRequests === 0) return undefined;
  return {
    passed: false,
    detail:
      `${step}: the second fetch of ${path} (${home.bytes.length} bytes) reached the origin again, so this proxy ` +
      `showed no cache at all, and ${property} cannot be credited without one.`,
    hint: CACHE_HINT,
    reproduce: `${curlLine(ctx.proxy, tiny.url(path))}  # run it twice: the second must not reach the origin`,
  };
}
