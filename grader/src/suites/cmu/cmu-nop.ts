// concurrency.cmu-nop (driver.sh): a fetch succeeds while another request hangs on a server that never answers.
import { deadlineOf } from '../../harness/origins/recording-origin.js';
import { fetchViaProxy } from '../../harness/clients/raw-client.js';
import type { CheckDef } from '../../types.js';
import { CURL_TIMEOUT_MS, compareCurlBody } from '../support/cmu/curl-body.js';
import { startNopListener } from '../support/cmu/nop-listener.js';

export const nopCheck: CheckDef = {
  id: 'concurrency.cmu-nop',
  title: {
    en: 'A fetch succeeds while another request hangs on a server that never answers',
    ko: '응답하지 않는 서버에 다른 요청이 걸려 있어도 가져오기가 성공한다',
  },
  timeoutMs: CURL_TIMEOUT_MS + 10_000,
  hint: {
    en: 'Serve each client in its own thread (or a thread pool), so one stuck origin never blocks the others.',
    ko: '클라이언트마다 스레드(또는 스레드 풀)로 처리해서, 멈춘 원 서버 하나가 다른 요청을 막지 않게 하세요.',
  },
  async run(ctx) {
    const nop = await startNopListener();
    const stopHanging = new AbortController();
    const hanging = fetchViaProxy(ctx.proxy, `http://127.0.0.1:${nop.port}/`, {
      timeoutMs: ctx.timeoutMs(60_000),
      signal: stopHanging.signal,
    });
    // Release the nop server first and let the proxy answer its still-connected client (bounded), so a proxy
    // that dies on SIGPIPE is not killed by this check's cleanup: driver.sh never tests that.
    ctx.defer(async () => {
      await nop.close();
      const settle = deadlineOf(ctx.timeoutMs(1000));
      await Promise.race([hanging, settle.expired]);
      settle.cancel();
      stopHanging.abort();
    });
    // Give the proxy a bounded moment to take the hanging request to the nop server first, as driver.sh does.
    const deadline = deadlineOf(ctx.timeoutMs(2000), ctx.signal);
    await Promise.race([nop.firstConnection, deadline.expired]);
    deadline.cancel();
    return compareCurlBody(ctx, 'cmu-home', {
      en: ' (while another request hangs on a nop server)',
      ko: ' (다른 요청이 nop 서버에 묶여 있는 동안)',
    });
  },
};
