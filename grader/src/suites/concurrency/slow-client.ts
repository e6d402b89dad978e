import { freshUrl } from '../../harness/corpus/fresh-url.js';
import { openSlowClient } from '../../harness/clients/slow-client.js';
import { waitUntilProxyRead } from '../../harness/clients/socket-queue.js';
import { hintFor, verifyFetch } from '../../harness/clients/verify-fetch.js';
import type { CheckDef } from '../../types.js';
import { concurrencyHints } from '../support/concurrency/hints.js';

const FETCH_LIMIT_MS = 5000;
const READ_WAIT_MS = 2000;

export const slowClientCheck: CheckDef = {
  id: 'concurrency.slow-client',
  title: {
    en: 'A fetch succeeds while another client holds a half-sent request line',
    ko: '다른 클라이언트가 요청 줄을 반만 보내고 멈춰 있어도 요청이 성공한다',
  },
  timeoutMs: 12_000,
  hint: concurrencyHints.headInAcceptLoop,
  async run(ctx) {
    const url = freshUrl(ctx.harness, 'home');
    const requestLine = `GET ${url} HTTP/1.0\r\n`;
    const half = requestLine.slice(0, Math.floor(requestLine.length / 2));
    const slow = openSlowClient(ctx.proxy);
    ctx.defer(() => slow.destroy());
    if (!(await slow.connected)) {
      const detail = {
        en: 'The proxy did not accept a connection (is it still running?).',
        ko: '프록시가 연결을 받지 않았습니다(아직 실행 중인가요?).',
      };
      return { passed: false, detail };
    }
    await new Promise<void>((resolve) => slow.socket.write(half, () => resolve()));
    // Until the proxy has read the half line, the fetch below could overtake it (win a lock, be accepted
    // first); once it has, whatever serves the slow client is blocked reading it, and the outcome is certain.
    const read = await waitUntilProxyRead(ctx.proxy.port, slow.socket.localPort ?? 0, {
      timeoutMs: ctx.timeoutMs(READ_WAIT_MS),
      signal: ctx.signal,
    });
    ctx.log(`slow client: the proxy ${read === 'read' ? 'read the half line' : `state ${read}`}`);
    const verdict = await verifyFetch(ctx, url, { timeoutMs: ctx.answerMs(FETCH_LIMIT_MS) });
    if (verdict.ok) {
      return {
        passed: true,
        detail: {
          en: `Home was served byte for byte while another client held ${JSON.stringify(half)}.`,
          ko: `다른 클라이언트가 ${JSON.stringify(half)}까지만 보내고 멈춰 있는 동안에도 홈 페이지가 바이트 그대로 전달되었습니다.`,
        },
      };
    }
    return {
      passed: false,
      detail: {
        en: `Fetching home while another client held the half request line ${JSON.stringify(half)}: ${verdict.account.en}.`,
        ko: `다른 클라이언트가 요청 줄의 절반 ${JSON.stringify(half)}만 보내고 멈춰 있는 동안 홈 페이지를 가져오기: ${verdict.account.ko}.`,
      },
      expected: verdict.expected,
      received: verdict.received,
      hint: hintFor(verdict, concurrencyHints.headInAcceptLoop),
      reproduce: `(printf '${half}'; sleep 30) | nc ${ctx.proxy.host} ${ctx.proxy.port} &  ${verdict.reproduce}`,
    };
  },
};
