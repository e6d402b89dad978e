// basic.origin-port: the proxy connects to the port the URL names, not to a default one.
import { checkFetch } from '../../harness/clients/check-fetch.js';
import { compareBytes } from '../../harness/compare.js';
import { parseResponse } from '../../harness/parse-response.js';
import type { CheckContext, CheckDef, CheckOutcome } from '../../types.js';

export const originPortCheck: CheckDef = {
  id: 'basic.origin-port',
  title: { en: 'The origin port in the URL is the one used', ko: 'URL의 원 서버 포트가 사용된다' },
  timeoutMs: 10_000,
  hint: {
    en: 'Connect to the port written in the URI (after the colon); use 80 only when the URI has none.',
    ko: 'URI에 적힌 포트(콜론 뒤)로 접속하세요. URI에 포트가 없을 때만 80을 쓰세요.',
  },
  run: checkOriginPort,
};

async function checkOriginPort(ctx: CheckContext): Promise<CheckOutcome> {
  const { path } = ctx.harness.object('port-check');
  const alt = ctx.harness.tinyAlt;
  const { outcome, response } = await checkFetch(ctx, alt.url(path), {
    what: { en: `${path} from port ${alt.port}`, ko: `포트 ${alt.port}의 ${path}` },
  });
  if (outcome.passed) return outcome;
  const mainTruth = await ctx.harness.expected(ctx.harness.tiny.url(path));
  if (compareBytes(mainTruth.bytes, response.bytes).equal) {
    return {
      ...outcome,
      detail: {
        en: `${path} came from the origin on port ${ctx.harness.tiny.port}, not from port ${alt.port} as the URL says.`,
        ko: `${path}가 URL에 적힌 포트 ${alt.port}가 아니라 포트 ${ctx.harness.tiny.port}의 서버에서 왔습니다.`,
      },
      hint: originPortCheck.hint,
    };
  }
  const status = parseResponse(response.bytes)?.statusCode ?? 0;
  const unreachable = response.bytes.length === 0 || status >= 400;
  return unreachable ? { ...outcome, hint: originPortCheck.hint } : outcome;
}
