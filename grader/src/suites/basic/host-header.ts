// basic.host-header: exactly one Host header reaches the origin, the client's or host:port from the URI.
import { headerValues } from '../../harness/parse-response.js';
import type { Bilingual, CheckContext, CheckDef, CheckOutcome } from '../../types.js';
import {
  describeMissingHead,
  failedForward as failed,
  recordForwarded,
  tokenFor,
} from '../support/basic/forwarded-head.js';

const HOST_HINT: Bilingual = {
  en: "Send exactly one Host header: the client's own when it sent one, else 'host:port' from the URI.",
  ko: "Host 헤더를 정확히 하나 보내세요. 클라이언트가 보냈으면 그 값을, 아니면 URI의 'host:port'를.",
};

export const hostHeaderCheck: CheckDef = {
  id: 'basic.host-header',
  title: {
    en: "Exactly one Host header: the client's, or host:port from the URI",
    ko: 'Host 헤더가 정확히 하나: 클라이언트의 것 또는 URI의 host:port',
  },
  timeoutMs: 15_000,
  hint: HOST_HINT,
  run: checkHostHeader,
};

async function checkHostHeader(ctx: CheckContext): Promise<CheckOutcome> {
  const cases = [
    { path: `/rec/host-${tokenFor(ctx, 'host-a')}.html`, client: (port: number) => `localhost:${port}` },
    { path: `/rec/host-${tokenFor(ctx, 'host-b')}.html`, client: null },
  ];
  for (const c of cases) {
    const recorded = await recordForwarded(ctx, { path: c.path, hostHeader: c.client });
    const missing = describeMissingHead(ctx, recorded);
    if (missing) return missing;
    const port = new URL(recorded.url).port;
    const want = c.client ? c.client(Number(port)) : `127.0.0.1:${port}`;
    const hosts = headerValues(recorded.head.headers, 'host');
    const situation = c.client
      ? {
          en: `The client sent 'Host: ${want}' (the URI says 127.0.0.1:${port})`,
          ko: `클라이언트는 'Host: ${want}' 헤더를 보냈습니다(URI에는 127.0.0.1:${port})`,
        }
      : {
          en: `The client sent no Host header for ${recorded.url}`,
          ko: `클라이언트가 ${recorded.url} 요청에 Host 헤더를 보내지 않았습니다`,
        };
    const extra = c.client ? `-H 'Host: ${want}'` : "-H 'Host:'";
    if (hosts.length !== 1 || hosts[0] !== want) {
      const listed = hosts.map((h) => `'Host: ${h}'`).join(', ');
      const detail = {
        en: `${situation.en}; the origin received ${hosts.length === 0 ? 'no Host header' : listed}, expected exactly 'Host: ${want}'.`,
        ko: `${situation.ko}. 서버가 받은 것: ${hosts.length === 0 ? 'Host 헤더 없음' : listed}. 정확히 'Host: ${want}' 하나여야 합니다.`,
      };
      return { ...failed(recorded, ctx, detail, HOST_HINT, extra), expected: `Host: ${want}` };
    }
  }
  return { passed: true };
}
