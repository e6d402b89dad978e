// A cached object is served again without an origin request, byte for byte: the hit checks' shared step.
import { curlLine } from '../../../harness/clients/raw-client.js';
import type { CheckContext, CheckOutcome } from '../../../types.js';
import { atStep, CACHE_HINT, fetchCounted } from './counted-fetch.js';

/** Fetch once (a miss), fetch again: the second must be byte-identical and must not reach the origin. */
export async function checkHit(ctx: CheckContext, name: string, kind: string): Promise<CheckOutcome> {
  const { path } = ctx.harness.object(name);
  const tiny = ctx.harness.tiny;
  const first = await fetchCounted(ctx, tiny, path, { what: `${kind} ${path}` });
  if (!first.outcome.passed) return atStep('First fetch (a miss)', first.outcome);
  const second = await fetchCounted(ctx, tiny, path, { what: `${kind} ${path}`, cacheHit: true });
  if (!second.outcome.passed) return atStep('Second fetch (should be a cache hit)', second.outcome);
  if (second.originRequests > 0) {
    return {
      passed: false,
      detail: `The second fetch of ${path} (${ctx.harness.object(name).bytes.length} bytes) reached the origin again: it was not served from the cache.`,
      hint: CACHE_HINT,
      reproduce: `${curlLine(ctx.proxy, tiny.url(path))}  # run it twice: the second must not reach the origin`,
    };
  }
  return { passed: true };
}
