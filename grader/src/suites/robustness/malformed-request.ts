import { excerpt } from '../../harness/compare.js';
import { type ClientState, openSlowClient } from '../../harness/clients/slow-client.js';
import type { CheckContext, CheckDef } from '../../types.js';
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
    let previous = 'the first malformed request';
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
            ? `The proxy stopped accepting connections after ${previous}.`
            : `Sent ${testCase.name}: ${problem}; expected an error status (400) or a close.`,
          hint: robustnessHints.malformed,
        };
      }
      previous = testCase.name;
      answers.push(`${testCase.short}: ${state.statusCode ?? 'closed'}`);
    }
    const stillServes = await checkStillServes(ctx, 'the malformed requests', robustnessHints.malformed);
    return (
      stillServes ?? {
        passed: true,
        detail: `Every malformed request got an error or a close (${answers.join(', ')}), and home was still served.`,
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
function judge(state: ClientState, limitMs: number): string | undefined {
  const { statusCode, received } = state;
  if (statusCode !== undefined && statusCode >= 400 && statusCode <= 599) return undefined;
  if (state.kind === 'timeout') {
    const got = received.length > 0 ? `only ${excerpt(received, 0, 48)}` : 'nothing';
    return `neither an answer nor a close within ${limitMs} ms (received ${got})`;
  }
  if (state.errorCode === 'ECONNREFUSED') return 'the proxy refused the connection';
  if (state.kind === 'closed' && received.length === 0) return undefined;
  if (statusCode !== undefined) return `status ${statusCode} (an error status was expected)`;
  return `${received.length} bytes that are not an HTTP response: ${excerpt(received, 0, 48)}`;
}
