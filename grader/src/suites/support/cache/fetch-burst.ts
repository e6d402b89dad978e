// Many clients at once, for real: every connection is established first (they wait together in the proxy's
// accept queue), then every request is written in the same tick and each response is read to EOF.
import { allowSignalListeners } from '../../../harness/clients/listener-limit.js';
import { buildProxyRequest, type RawResponse } from '../../../harness/clients/raw-client.js';
import { openSlowClient } from '../../../harness/clients/slow-client.js';
import type { CheckContext } from '../../../types.js';

/** Fetches `url` through the proxy with `count` simultaneous clients; one response per client, in order. */
export async function fetchBurst(
  ctx: CheckContext,
  url: string,
  count: number,
  limitMs: number,
): Promise<RawResponse[]> {
  allowSignalListeners(ctx.signal, count);
  const started = performance.now();
  const clients = Array.from({ length: count }, () => openSlowClient(ctx.proxy));
  ctx.defer(() => {
    for (const client of clients) client.destroy();
  });
  const connected = await Promise.all(clients.map((client) => client.connected));
  const request = buildProxyRequest(url);
  for (const client of clients) client.write(request);
  const states = await Promise.all(
    clients.map((client) => client.waitForClose({ timeoutMs: limitMs, signal: ctx.signal })),
  );
  for (const client of clients) client.destroy();
  const durationMs = Math.round(performance.now() - started);
  return states.map((state, i) => {
    const errorCode = connected[i] ? state.errorCode : (state.errorCode ?? 'ECONNREFUSED');
    return {
      bytes: state.received,
      ended: state.kind === 'closed' && errorCode === undefined,
      timedOut: state.kind === 'timeout',
      ...(errorCode === undefined ? {} : { errorCode }),
      durationMs,
    };
  });
}
