import { freshUrl } from '../../harness/corpus/fresh-url.js';
import { openSlowClient } from '../../harness/clients/slow-client.js';
import type { CheckDef } from '../../types.js';
import { robustnessHints } from '../support/robustness/hints.js';
import { checkStillServes } from '../support/robustness/still-serves.js';

const CLOSE_LIMIT_MS = 3000;

export const earlyClientCloseCheck: CheckDef = {
  id: 'robustness.early-client-close',
  title: {
    en: 'Clients that close before finishing their request do not disturb the proxy',
    ko: '요청을 다 보내기 전에 연결을 닫는 클라이언트가 프록시를 방해하지 않는다',
  },
  timeoutMs: 15_000,
  hint: robustnessHints.earlyClientClose,
  async run(ctx) {
    const url = freshUrl(ctx.harness, 'home');
    const requestLine = `GET ${url} HTTP/1.0\r\n`;
    const cases = [
      {
        name: { en: 'half a request line', ko: '요청 줄의 절반' },
        bytes: requestLine.slice(0, Math.floor(requestLine.length / 2)),
      },
      {
        name: {
          en: 'a request line without the blank line that ends the head',
          ko: '헤더를 끝내는 빈 줄이 없는 요청 줄',
        },
        bytes: requestLine,
      },
      {
        name: { en: 'a request line and one header, no blank line', ko: '요청 줄과 헤더 하나, 빈 줄 없음' },
        bytes: `${requestLine}Host: ${new URL(url).host}\r\n`,
      },
    ];
    const limitMs = ctx.timeoutMs(CLOSE_LIMIT_MS);
    for (const testCase of cases) {
      const client = openSlowClient(ctx.proxy, testCase.bytes);
      ctx.defer(() => client.destroy());
      await client.connected;
      client.end(); // half-close: the proxy reads EOF, and we see whether it closes in turn
      const state = await client.waitForClose({ timeoutMs: limitMs, signal: ctx.signal });
      client.destroy();
      if (state.kind === 'closed') continue;
      return {
        passed: false,
        detail: {
          en: `A client sent ${testCase.name.en} (${JSON.stringify(testCase.bytes)}) and closed its side; the proxy had not closed the connection ${limitMs} ms later (received ${state.received.length} bytes). A thread stuck on that client is lost for good.`,
          ko: `클라이언트가 ${testCase.name.ko}(${JSON.stringify(testCase.bytes)})만 보내고 자기 쪽을 닫았는데, ${limitMs} ms가 지나도 프록시가 연결을 닫지 않았습니다(받은 바이트 ${state.received.length}). 그 클라이언트에 묶인 스레드는 영영 돌아오지 않습니다.`,
        },
        hint: robustnessHints.earlyClientClose,
      };
    }
    const stillServes = await checkStillServes(
      ctx,
      {
        en: 'clients closed before finishing their request',
        ko: '클라이언트들이 요청을 다 보내기 전에 연결을 닫은',
      },
      robustnessHints.earlyClientClose,
    );
    return (
      stillServes ?? {
        passed: true,
        detail: {
          en: `The proxy closed all ${cases.length} unfinished requests and then served home byte for byte.`,
          ko: `프록시가 끝나지 않은 요청 ${cases.length}개를 모두 닫았고, 그 뒤 홈 페이지를 바이트 그대로 전달했습니다.`,
        },
      }
    );
  },
};
