import { excerpt } from '../../../harness/compare.js';
import { buildProxyRequest } from '../../../harness/clients/raw-client.js';
import { type HeldClient, openSlowClient } from '../../../harness/clients/slow-client.js';
import type { Bilingual, CheckContext } from '../../../types.js';

/** What the client saw when its request went to an origin that failed. */
export interface FaultyExchangeVerdict {
  ok: boolean;
  /** How the exchange ended, e.g. 'a 502 status', 'a clean close with nothing sent'. */
  summary: Bilingual;
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
    const status = state.statusCode;
    return { ok: true, summary: { en: `a ${status} status`, ko: `상태 ${status}` }, received };
  }
  if (state.errorCode === 'ECONNREFUSED') {
    const summary = {
      en: 'the proxy refused the connection (is it still running?)',
      ko: '프록시가 연결을 거부함(아직 실행 중인가요?)',
    };
    return { ok: false, summary, received };
  }
  if (state.kind === 'timeout') {
    const n = received.length;
    const summary = {
      en: `no error status and no close within ${limitMs} ms (received ${n > 0 ? `${n} bytes, then nothing` : 'nothing'})`,
      ko: `${limitMs} ms 안에 오류 상태도 연결 종료도 없음(${n > 0 ? `${n}바이트 뒤 멈춤` : '받은 것 없음'})`,
    };
    return { ok: false, summary, received };
  }
  const how = state.errorCode
    ? { en: `a reset (${state.errorCode})`, ko: `리셋(${state.errorCode})` }
    : { en: 'a clean close', ko: '정상적인 연결 종료' };
  if (received.length === 0) {
    return {
      ok: true,
      summary: { en: `${how.en} with nothing sent`, ko: `아무것도 보내지 않은 ${how.ko}` },
      received,
    };
  }
  if (received.length <= sentByOrigin.length && sentByOrigin.subarray(0, received.length).equals(received)) {
    const summary = {
      en: `${how.en} after relaying the ${received.length} bytes the origin sent`,
      ko: `서버가 보낸 ${received.length}바이트를 전달한 뒤 ${how.ko}`,
    };
    return { ok: true, summary, received };
  }
  const bytes = excerpt(received, 0, 48);
  const summary = {
    en: `bytes the origin never sent, then ${how.en}: ${bytes}`,
    ko: `서버가 보낸 적 없는 바이트 뒤 ${how.ko}: ${bytes}`,
  };
  return { ok: false, summary, received };
}
