import { excerpt } from '../../harness/compare.js';
import { type ClientState, openSlowClient } from '../../harness/clients/slow-client.js';
import type { Bilingual, CheckContext, CheckDef } from '../../types.js';
import { robustnessHints } from '../support/robustness/hints.js';
import { buildMalformedCases, type MalformedCase } from '../support/robustness/malformed-cases.js';
import { checkStillServes } from '../support/robustness/still-serves.js';

const ANSWER_LIMIT_MS = 3000;

export const malformedRequestCheck: CheckDef = {
  id: 'robustness.malformed-request',
  title: {
    en: 'Malformed requests get an error or a close, never a crash or a hang',
    ko: '잘못된 요청에는 오류 응답이나 연결 종료로 답하고, 죽거나 멈추지 않는다',
  },
  timeoutMs: 30_000,
  hint: robustnessHints.malformed,
  async run(ctx) {
    const { tiny } = ctx.harness;
    const cases = buildMalformedCases(`${tiny.host}:${tiny.port}`);
    const limitMs = ctx.timeoutMs(ANSWER_LIMIT_MS);
    let previous: Bilingual = { en: 'the first malformed request', ko: '첫 번째 잘못된 요청' };
    const answers: string[] = [];
    // One at a time, so a crash is pinned on the request that caused it.
    for (const testCase of cases) {
      const state = await sendMalformed(ctx, testCase, limitMs);
      const problem = judge(state, limitMs);
      if (problem !== undefined) {
        const crashed = state.errorCode === 'ECONNREFUSED';
        return {
          passed: false,
          detail: crashed
            ? {
                en: `The proxy stopped accepting connections after ${previous.en}.`,
                ko: `보낸 것: ${previous.ko}. 그 뒤로 프록시가 연결을 받지 않습니다.`,
              }
            : {
                en: `Sent ${testCase.name.en}: ${problem.en}; expected an error status (400) or a close.`,
                ko: `보낸 것: ${testCase.name.ko}. ${problem.ko}. 오류 상태(400)나 연결 종료를 기대했습니다.`,
              },
          hint: robustnessHints.malformed,
        };
      }
      previous = testCase.name;
      answers.push(`${testCase.short}: ${state.statusCode ?? 'closed'}`);
    }
    const stillServes = await checkStillServes(
      ctx,
      { en: 'the malformed requests', ko: '잘못된 요청들' },
      robustnessHints.malformed,
    );
    return (
      stillServes ?? {
        passed: true,
        detail: {
          en: `Every malformed request got an error or a close (${answers.join(', ')}), and home was still served.`,
          ko: `잘못된 요청마다 오류 응답이나 연결 종료를 받았고(${answers.join(', ')}), 홈 페이지도 계속 제공되었습니다.`,
        },
      }
    );
  },
};

async function sendMalformed(
  ctx: CheckContext,
  testCase: MalformedCase,
  limitMs: number,
): Promise<ClientState> {
  const client = openSlowClient(ctx.proxy, testCase.bytes);
  ctx.defer(() => client.destroy());
  if (testCase.bytes.length === 0 && (await client.connected)) client.end();
  const state = await client.waitForReply({ timeoutMs: limitMs, signal: ctx.signal });
  await client.leave({ signal: ctx.signal });
  return state;
}

/** Undefined when the answer is acceptable, else what was wrong with it. */
function judge(state: ClientState, limitMs: number): Bilingual | undefined {
  const { statusCode, received } = state;
  if (statusCode !== undefined && statusCode >= 400 && statusCode <= 599) return undefined;
  if (state.kind === 'timeout') {
    const some = received.length > 0 ? excerpt(received, 0, 48) : undefined;
    return {
      en: `neither an answer nor a close within ${limitMs} ms (received ${some ? `only ${some}` : 'nothing'})`,
      ko: `${limitMs} ms 안에 응답도 연결 종료도 없었습니다(받은 것: ${some ?? '없음'})`,
    };
  }
  if (state.errorCode === 'ECONNREFUSED')
    return { en: 'the proxy refused the connection', ko: '프록시가 연결을 거부했습니다' };
  if (state.kind === 'closed' && received.length === 0) return undefined;
  if (statusCode !== undefined) {
    return {
      en: `status ${statusCode} (an error status was expected)`,
      ko: `상태 ${statusCode}가 왔습니다(오류 상태여야 합니다)`,
    };
  }
  const bytes = excerpt(received, 0, 48);
  return {
    en: `${received.length} bytes that are not an HTTP response: ${bytes}`,
    ko: `HTTP 응답이 아닌 ${received.length}바이트가 왔습니다: ${bytes}`,
  };
}
