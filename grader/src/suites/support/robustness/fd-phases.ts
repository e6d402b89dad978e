import { freshUrl } from '../../../harness/corpus/fresh-url.js';
import { startCountingOrigin } from '../../../harness/origins/counting-origin.js';
import { startRefusingOrigin } from '../../../harness/origins/faulty-origins.js';
import { fetchViaProxy } from '../../../harness/clients/raw-client.js';
import { openSlowClient } from '../../../harness/clients/slow-client.js';
import type { Bilingual, CheckContext } from '../../../types.js';
import { fetchAndAbort } from './abort-client.js';

/** One kind of exchange the fd-leak check repeats: what it is, how many, and how to run the i-th one. */
export interface FdPhase {
  what: Bilingual;
  count: number;
  /** Runs the i-th exchange; false when it did not finish within its limit. */
  runOne(i: number): Promise<boolean>;
}

const EXCHANGE_LIMIT_MS = 3000;
const ABORT_STYLES = ['hangup', 'close', 'reset'] as const;

/** 100 exchanges in four kinds, each of which opens descriptors that a leaky proxy forgets to close. */
export async function buildFdPhases(ctx: CheckContext): Promise<FdPhase[]> {
  const limit = { timeoutMs: ctx.timeoutMs(EXCHANGE_LIMIT_MS), signal: ctx.signal };
  // Every path is new, so no fetch can be a cache hit: each one opens an origin connection.
  const counting = await startCountingOrigin();
  ctx.defer(() => counting.close());
  const refusing = await startRefusingOrigin();
  const large = ctx.harness.tiny.url(ctx.harness.object('large').path);
  const home = freshUrl(ctx.harness, 'home');
  const tag = Date.now().toString(36);
  return [
    {
      what: { en: 'normal fetches', ko: '정상 요청' },
      count: 50,
      runOne: async (i) =>
        !(await fetchViaProxy(ctx.proxy, counting.url(`/fd/${tag}/${i}.txt`), limit)).timedOut,
    },
    {
      what: { en: 'clients that went away after the first bytes', ko: '첫 바이트를 받고 떠난 클라이언트' },
      count: 25,
      runOne: async (i) =>
        (await fetchAndAbort(ctx.proxy, large, ABORT_STYLES[i % ABORT_STYLES.length]!, limit)) !== 'no-data',
    },
    {
      what: { en: 'requests to an origin that refuses connections', ko: '연결을 거부하는 서버로 보낸 요청' },
      count: 15,
      runOne: async (i) =>
        !(await fetchViaProxy(ctx.proxy, refusing.url(`/fd/refused-${i}.txt`), limit)).timedOut,
    },
    {
      what: {
        en: 'clients that closed in the middle of their request',
        ko: '요청 도중에 연결을 닫은 클라이언트',
      },
      count: 10,
      runOne: async () => {
        const half = `GET ${home} HTTP/1.0\r\n`.slice(0, 20);
        const client = openSlowClient(ctx.proxy, half);
        await client.connected;
        client.end();
        const state = await client.waitForClose(limit);
        client.destroy();
        return state.kind === 'closed';
      },
    },
  ];
}
