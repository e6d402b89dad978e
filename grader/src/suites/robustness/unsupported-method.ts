import { excerpt } from '../../harness/compare.js';
import { startCountingOrigin } from '../../harness/origins/counting-origin.js';
import { openSlowClient } from '../../harness/clients/slow-client.js';
import type { CheckDef } from '../../types.js';
import { robustnessHints } from '../support/robustness/hints.js';
import { checkStillServes } from '../support/robustness/still-serves.js';

const ANSWER_LIMIT_MS = 3000;

export const unsupportedMethodCheck: CheckDef = {
  id: 'robustness.unsupported-method',
  title: {
    en: 'POST and CONNECT get an error (501) and are never forwarded',
    ko: 'POST와 CONNECT에는 오류(501)로 답하고 서버로 전달하지 않는다',
  },
  timeoutMs: 20_000,
  hint: robustnessHints.unsupportedMethod,
  async run(ctx) {
    const origin = await startCountingOrigin();
    ctx.defer(() => origin.close());
    const authority = `${origin.host}:${origin.port}`;
    const body = 'name=proxylab&grade=100';
    const cases = [
      {
        name: 'POST',
        request: `POST ${origin.url('/form/submit')} HTTP/1.0\r\nHost: ${authority}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      },
      { name: 'CONNECT', request: `CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n` },
    ];
    const limitMs = ctx.timeoutMs(ANSWER_LIMIT_MS);
    const answers: string[] = [];
    for (const { name, request } of cases) {
      const client = openSlowClient(ctx.proxy, request);
      ctx.defer(() => client.destroy());
      const state = await client.waitForReply({ timeoutMs: limitMs, signal: ctx.signal });
      await client.leave({ signal: ctx.signal });
      const code = state.statusCode;
      if (code !== undefined && code >= 400 && code <= 599) {
        answers.push(`${name}: ${code}`);
      } else if (
        state.kind === 'closed' &&
        state.received.length === 0 &&
        state.errorCode !== 'ECONNREFUSED'
      ) {
        answers.push(`${name}: closed`);
      } else {
        const got =
          state.errorCode === 'ECONNREFUSED'
            ? {
                en: 'a refused connection (is the proxy still running?)',
                ko: '연결 거부(프록시가 아직 실행 중인가요?)',
              }
            : state.kind === 'timeout'
              ? {
                  en: `no answer and no close within ${limitMs} ms`,
                  ko: `${limitMs} ms 안에 응답도 연결 종료도 없음`,
                }
              : code !== undefined
                ? { en: `status ${code}`, ko: `상태 ${code}` }
                : {
                    en: `bytes that are not an HTTP response: ${excerpt(state.received, 0, 48)}`,
                    ko: `HTTP 응답이 아닌 바이트: ${excerpt(state.received, 0, 48)}`,
                  };
        return {
          passed: false,
          detail: {
            en: `A ${name} request got ${got.en}; expected an error status (501 Not Implemented) or a close.`,
            ko: `${name} 요청의 결과: ${got.ko}. 오류 상태(501 Not Implemented)나 연결 종료를 기대했습니다.`,
          },
          hint: robustnessHints.unsupportedMethod,
        };
      }
    }
    if (origin.requests.length > 0) {
      const what = origin.requests.map((r) => r.head.split('\r\n')[0]).join(', ');
      return {
        passed: false,
        detail: {
          en: `The proxy answered (${answers.join(', ')}) but also sent the origin: ${what}.`,
          ko: `프록시가 응답은 했지만(${answers.join(', ')}) 서버에도 요청을 보냈습니다: ${what}.`,
        },
        hint: robustnessHints.unsupportedMethod,
      };
    }
    const stillServes = await checkStillServes(
      ctx,
      { en: 'the POST and CONNECT requests', ko: 'POST와 CONNECT 요청' },
      robustnessHints.unsupportedMethod,
    );
    return (
      stillServes ?? {
        passed: true,
        detail: {
          en: `Answered ${answers.join(', ')}; nothing reached the origin.`,
          ko: `응답: ${answers.join(', ')}. 서버에는 아무것도 전달되지 않았습니다.`,
        },
      }
    );
  },
};
