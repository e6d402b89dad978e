import { freshUrl } from '../../harness/fresh-url.js';
import { openSlowClient } from '../../harness/slow-client.js';
import type { CheckDef } from '../../types.js';
import { robustnessHints } from './hints.js';
import { checkStillServes } from './still-serves.js';

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
      { name: 'half a request line', bytes: requestLine.slice(0, Math.floor(requestLine.length / 2)) },
      { name: 'a request line without the blank line that ends the head', bytes: requestLine },
      {
        name: 'a request line and one header, no blank line',
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
        detail: `A client sent ${testCase.name} (${JSON.stringify(testCase.bytes)}) and closed its side; the proxy had not closed the connection ${limitMs} ms later (received ${state.received.length} bytes). A thread stuck on that client is lost for good.`,
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
        detail: `The proxy closed all ${cases.length} unfinished requests and then served home byte for byte.`,
      }
    );
  },
};
