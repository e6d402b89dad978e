import type { CorpusName, Harness } from '../harness.js';

let fetchCounter = 0;

/**
 * A URL for a corpus object that no other fetch of the run uses: a unique query string, which Tiny ignores for
 * static files. A proxy's cache can never answer it, so checks outside the cache suite never depend on the cache
 * (a cache flaw then costs cache points only).
 */
export function freshUrl(harness: Harness, name: CorpusName): string {
  fetchCounter++;
  return `${harness.tiny.url(harness.object(name).path)}?fresh=${fetchCounter}`;
}
