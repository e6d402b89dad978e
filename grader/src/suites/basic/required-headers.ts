// basic.required-headers: the proxy sets User-Agent, Connection and Proxy-Connection, once each.
import { headerValues } from '../../harness/parse-response.js';
import type { Bilingual, CheckDef, Lang } from '../../types.js';
import type { HeaderList } from '../../harness/clients/raw-client.js';
import { clientHeads } from '../support/basic/client-heads.js';
import {
  describeMissingHead,
  failedForward as failed,
  type RecordedExchange,
  recordForwarded,
  tokenFor,
} from '../support/basic/forwarded-head.js';

export const REQUIRED_USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64; rv:10.0.3) Gecko/20120305 Firefox/10.0.3';

const REQUIRED_HINT: Bilingual = {
  en: `Replace the client's User-Agent, Connection and Proxy-Connection with exactly one each of 'User-Agent: ${REQUIRED_USER_AGENT}', 'Connection: close', 'Proxy-Connection: close'.`,
  ko: `클라이언트의 User-Agent, Connection, Proxy-Connection을 'User-Agent: ${REQUIRED_USER_AGENT}', 'Connection: close', 'Proxy-Connection: close'로 각각 정확히 하나씩 바꾸세요.`,
};

export const requiredHeadersCheck: CheckDef = {
  id: 'basic.required-headers',
  title: {
    en: 'User-Agent, Connection: close and Proxy-Connection: close are sent once each',
    ko: 'User-Agent, Connection: close, Proxy-Connection: close가 각각 한 번씩 전송된다',
  },
  timeoutMs: 10_000,
  hint: REQUIRED_HINT,
  async run(ctx) {
    const token = tokenFor(ctx, 'required');
    const failures: Bilingual[] = [];
    let onlyConnectionMissing = true;
    let firstFailed: RecordedExchange | undefined;
    for (const [index, head] of clientHeads(token).entries()) {
      const path = `/rec/required-${token}-${index}.html`;
      const recorded = await recordForwarded(ctx, { path, headers: head.headers });
      const missing = describeMissingHead(ctx, recorded);
      if (missing) return missing;
      const problems = requiredProblems(recorded.head.headers);
      if (problems.length === 0) continue;
      firstFailed ??= recorded;
      const sentOnlyProxyConnection =
        head.headers.some(([n]) => n === 'Proxy-Connection') &&
        !head.headers.some(([n]) => n === 'Connection');
      if (!sentOnlyProxyConnection || problems.map((p) => p.en).join() !== 'no Connection header')
        onlyConnectionMissing = false;
      const listed = (lang: Lang) => problems.map((p) => p[lang]).join('; ');
      failures.push({
        en: `for ${head.label.en} the origin received ${listed('en')}`,
        ko: `보낸 헤더 ${head.label.ko} → 서버가 받은 것: ${listed('ko')}`,
      });
    }
    if (!firstFailed) return { passed: true };
    const detail = {
      en: `Four client heads were sent; ${failures.map((f) => f.en).join('. And ')}.`,
      ko: `클라이언트 헤더 네 가지를 보냈습니다. ${failures.map((f) => f.ko).join('. ')}.`,
    };
    // Only the heads with Proxy-Connection and no Connection lost it: the client's Proxy-Connection was taken
    // for a Connection header (strstr or a suffix match), and 'Connection: close' then never written.
    return failed(firstFailed, ctx, detail, onlyConnectionMissing ? SUPPRESSED_HINT : REQUIRED_HINT);
  },
};

const SUPPRESSED_HINT: Bilingual = {
  en: "'Connection: close' went missing only when the client sent Proxy-Connection without Connection (as curl and browsers do): the client's Proxy-Connection is being taken for Connection (strstr(line, \"Connection:\") matches both). Always send 'Connection: close', whatever the client sent.",
  ko: "클라이언트가 Connection 없이 Proxy-Connection만 보낼 때(curl과 브라우저가 그렇습니다)만 'Connection: close'가 빠졌습니다. 클라이언트의 Proxy-Connection을 Connection으로 착각하고 있습니다(strstr(line, \"Connection:\")는 둘 다 찾습니다). 클라이언트가 무엇을 보냈든 'Connection: close'는 항상 보내세요.",
};

function requiredProblems(headers: HeaderList): Bilingual[] {
  const problems: Bilingual[] = [];
  const required: Array<[string, string, boolean]> = [
    ['User-Agent', REQUIRED_USER_AGENT, true],
    ['Connection', 'close', false],
    ['Proxy-Connection', 'close', false],
  ];
  for (const [name, value, exactCase] of required) {
    const values = headerValues(headers, name);
    const matches = (v: string) => (exactCase ? v === value : v.toLowerCase() === value);
    if (values.length === 0) problems.push({ en: `no ${name} header`, ko: `${name} 헤더 없음` });
    else if (values.length > 1) {
      const all = values.join(' / ');
      problems.push({
        en: `${values.length} ${name} headers (${all})`,
        ko: `${name} 헤더 ${values.length}개(${all})`,
      });
    } else if (!matches(values[0] as string)) {
      const [got, want] = [`'${name}: ${values[0]}'`, `'${name}: ${value}'`];
      problems.push({ en: `${got} instead of ${want}`, ko: `${want} 대신 ${got}` });
    }
  }
  return problems;
}
