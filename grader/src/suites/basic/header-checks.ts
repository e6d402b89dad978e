// The headers the proxy must set (User-Agent, Connection, Proxy-Connection) and the ones it must pass through.
import { headerValues } from '../../harness/parse-response.js';
import type { Bilingual, CheckDef, Lang } from '../../types.js';
import type { HeaderList } from '../../harness/raw-client.js';
import { clientHeads, PROXY_OWNED, passThroughLines } from './client-heads.js';
import {
  describeMissingHead,
  failedForward as failed,
  type RecordedExchange,
  recordForwarded,
  tokenFor,
} from './forwarded-head.js';

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

const PASSTHROUGH_HINT: Bilingual = {
  en: 'Forward every other client header line unchanged and in its order (only Host, User-Agent, Connection and Proxy-Connection are yours to set).',
  ko: '그 밖의 클라이언트 헤더 줄은 바꾸지 말고 순서대로 전달하세요(Host, User-Agent, Connection, Proxy-Connection만 프록시가 정합니다).',
};

export const headerPassthroughCheck: CheckDef = {
  id: 'basic.header-passthrough',
  title: {
    en: "The client's other headers arrive unchanged and in order",
    ko: '클라이언트의 다른 헤더가 바뀌지 않고 순서대로 도착한다',
  },
  timeoutMs: 10_000,
  hint: PASSTHROUGH_HINT,
  async run(ctx) {
    const token = tokenFor(ctx, 'passthrough');
    const failures: Bilingual[] = [];
    let firstFailed: { recorded: RecordedExchange; wanted: string[] } | undefined;
    for (const [index, head] of clientHeads(token).entries()) {
      const recorded = await recordForwarded(ctx, {
        path: `/rec/pass-${token}-${index}.html`,
        headers: head.headers,
      });
      const missing = describeMissingHead(ctx, recorded);
      if (missing) return missing;
      const wanted = passThroughLines(head.headers);
      const got = recorded.head.headerLines.filter((line) => !PROXY_OWNED.includes(nameOf(line)));
      const problems = passThroughProblems(wanted, got);
      if (problems.length === 0) continue;
      firstFailed ??= { recorded, wanted };
      failures.push({
        en: `${head.label.en}: ${problems.map((p) => p.en).join('; ')}`,
        ko: `${head.label.ko}: ${problems.map((p) => p.ko).join('; ')}`,
      });
    }
    if (!firstFailed) return { passed: true };
    const detail = {
      en: `Of the client's own header lines (all but Host, User-Agent, Connection, Proxy-Connection), nothing may be dropped, altered or added. ${failures.map((f) => f.en).join('. ')}.`,
      ko: `클라이언트 자신의 헤더 줄(Host, User-Agent, Connection, Proxy-Connection을 뺀 전부)은 빠지거나 바뀌거나 더해지면 안 됩니다. ${failures.map((f) => f.ko).join('. ')}.`,
    };
    return {
      ...failed(firstFailed.recorded, ctx, detail, PASSTHROUGH_HINT),
      expected: firstFailed.wanted.join(' | '),
    };
  },
};

const nameOf = (line: string) =>
  line
    .slice(0, Math.max(0, line.indexOf(':')))
    .trim()
    .toLowerCase();

/** What differs between the lines the client sent (wanted) and the ones the origin got, in words. */
function passThroughProblems(wanted: string[], got: string[]): Bilingual[] {
  const problems: Bilingual[] = [];
  const quoted = (lines: string[]) => lines.map((l) => `'${l}'`).join(', ');
  const dropped = wanted.filter((line) => !got.includes(line));
  const added = got.filter((line) => !wanted.includes(line));
  if (dropped.length) {
    problems.push({ en: `missing or altered ${quoted(dropped)}`, ko: `빠지거나 바뀜: ${quoted(dropped)}` });
  }
  if (added.length) problems.push({ en: `added ${quoted(added)}`, ko: `더해짐: ${quoted(added)}` });
  for (const line of wanted) {
    const count = got.filter((l) => l === line).length;
    if (count > 1) problems.push({ en: `'${line}' came ${count} times`, ko: `'${line}' 줄이 ${count}번 옴` });
  }
  const kept = got.filter((line) => wanted.includes(line));
  const order = wanted.filter((line) => kept.includes(line));
  if (problems.length === 0 && kept.join('\n') !== order.join('\n'))
    problems.push({ en: 'the lines arrived in another order', ko: '줄의 순서가 바뀌어 도착함' });
  return problems;
}
