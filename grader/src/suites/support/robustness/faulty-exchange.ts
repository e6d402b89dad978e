import { excerpt } from '../../../harness/compare.js';
import { buildProxyRequest } from '../../../harness/clients/raw-client.js';
import { type HeldClient, openSlowClient } from '../../../harness/clients/slow-client.js';
import type { CheckContext } from '../../../types.js';

/** What the client saw when its request went to an origin that failed. */
export interface FaultyExchangeVerdict {
  ok: boolean;
  /** How the exchange ended, e.g. 'a 502 status', 'a clean close with nothing sent'. */
  summary: string;
  received: Buffer;
}

/**
 * Sends a request for `url` through the proxy and waits (bounded) for its answer. Acceptable: an error
 * status (4xx/5xx), a close with nothing sent, or a close after a prefix of what the origin itself sent
 * (`sentByOrigin`), since a proxy that already relayed part of a response can only close.
 */
export async function runFaultyExchange(
  ctx: CheckContext,
  url: string,
  sentByOrigin: Buffer,
  limitMs: number,
): Promise<FaultyExchangeVerdict> {
  const client = openSlowClient(ctx.proxy, buildProxyRequest(url));
  ctx.defer(() => client.destroy());
  const verdict = await judgeFaultyExchange(ctx, client, sentByOrigin, limitMs);
  await client.leave({ signal: ctx.signal });
  return verdict;
}

async function judgeFaultyExchange(
  ctx: CheckContext,
  client: HeldClient,
  sentByOrigin: Buffer,
  limitMs: number,
): Promise<FaultyExchangeVerdict> {
  const deadline = performance.now() + limitMs;
  let state = await client.waitForReply({ timeoutMs: limitMs, signal: ctx.signal });
  const isError = (code: number | undefined) => code !== undefined && code >= 400 && code <= 599;
  if (state.kind === 'head' && !isError(state.statusCode)) {
    // Part of the origin's own response: the proxy should pass it on and close.
    const left = Math.max(1, deadline - performance.now());
    state = await client.waitForClose({ timeoutMs: left, signal: ctx.signal });
  }
  const { received } = state;
  if (state.kind !== 'timeout' && isError(state.statusCode)) {
    return { ok: true, summary: `a ${state.statusCode} status`, received };
  }
  if (state.errorCode === 'ECONNREFUSED') {
    return { ok: false, summary: 'the proxy refused the connection (is it still running?)', received };
  }
  if (state.kind === 'timeout') {
    const what = received.length > 0 ? `${received.length} bytes, then nothing` : 'nothing';
    return {
      ok: false,
      summary: `no error status and no close within ${limitMs} ms (received ${what})`,
      received,
    };
  }
  const how = state.errorCode ? `a reset (${state.errorCode})` : 'a clean close';
  if (received.length === 0) return { ok: true, summary: `${how} with nothing sent`, received };
  if (received.length <= sentByOrigin.length && sentByOrigin.subarray(0, received.length).equals(received)) {
    return {
      ok: true,
      summary: `${how} after relaying the ${received.length} bytes the origin sent`,
      received,
    };
  }
  return {
    ok: false,
    summary: `bytes the origin never sent, then ${how}: ${excerpt(received, 0, 48)}`,
    received,
  };
}
