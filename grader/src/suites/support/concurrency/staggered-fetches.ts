import { fetchViaProxy, type RawResponse } from '../../../harness/clients/raw-client.js';
import { within } from '../../../harness/within.js';
import type { CheckContext } from '../../../types.js';

/** An origin that counts the request heads it has received. */
interface ArrivalCounter {
  url(path: string): string;
  waitForArrivals(n: number, options: { timeoutMs: number; signal: AbortSignal }): Promise<boolean>;
  close(): Promise<void>;
}

export interface StaggeredFetches {
  /** One fetch per path started (those not started stay absent). */
  fetches: Array<Promise<RawResponse>>;
  /** How many requests reached the origin; less than the paths when the proxy stalled. */
  arrived: number;
}

/**
 * Starts one fetch per path through the proxy, each only once the previous request has reached the origin:
 * every request is in progress at the same time, yet no two connections ever wait in the proxy's accept queue
 * together (that race belongs to concurrency.distinct-clients alone) and arrival order is the path order.
 */
export async function startStaggeredFetches(
  ctx: CheckContext,
  origin: ArrivalCounter,
  paths: readonly string[],
  options: { arrivalLimitMs: number; fetchLimitMs: number },
): Promise<StaggeredFetches> {
  const fetches: Array<Promise<RawResponse>> = [];
  for (const [i, path] of paths.entries()) {
    fetches.push(
      fetchViaProxy(ctx.proxy, origin.url(path), { timeoutMs: options.fetchLimitMs, signal: ctx.signal }),
    );
    const reached = await origin.waitForArrivals(i + 1, {
      timeoutMs: options.arrivalLimitMs,
      signal: ctx.signal,
    });
    if (!reached) return { fetches, arrived: i };
  }
  return { fetches, arrived: paths.length };
}

/**
 * Ends a failed check's exchanges from the origin's side and lets the clients read what follows (bounded), so
 * the proxy never writes to a client the grader already dropped.
 */
export async function endFromOriginSide(
  ctx: CheckContext,
  origin: { close(): Promise<void> },
  fetches: Array<Promise<unknown>>,
): Promise<void> {
  await origin.close();
  await within(Promise.all(fetches), ctx.timeoutMs(2000), ctx.signal);
}
