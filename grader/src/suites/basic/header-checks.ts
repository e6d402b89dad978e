// The headers the proxy must set (User-Agent, Connection, Proxy-Connection) and the ones it must pass through.
import { headerValues } from '../../harness/parse-response.js';
import type { Bilingual, CheckDef } from '../../types.js';
import { describeMissingHead, failedForward as failed, recordForwarded, tokenFor } from './forwarded-head.js';

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
    const path = `/rec/required-${tokenFor(ctx, 'required')}.html`;
    const headers: Array<[string, string]> = [
      ['User-Agent', 'curl/7.88.1'],
      ['Accept', '*/*'],
      ['Connection', 'keep-alive'],
      ['Proxy-Connection', 'Keep-Alive'],
    ];
    const recorded = await recordForwarded(ctx, { path, headers });
    const missing = describeMissingHead(ctx, recorded);
    if (missing) return missing;
    const problems: string[] = [];
    const required: Array<[string, string, boolean]> = [
      ['User-Agent', REQUIRED_USER_AGENT, true],
      ['Connection', 'close', false],
      ['Proxy-Connection', 'close', false],
    ];
    for (const [name, value, exactCase] of required) {
      const values = headerValues(recorded.head.headers, name);
      const matches = (v: string) => (exactCase ? v === value : v.toLowerCase() === value);
      if (values.length === 0) problems.push(`no ${name} header`);
      else if (values.length > 1) problems.push(`${values.length} ${name} headers (${values.join(' / ')})`);
      else if (!matches(values[0] as string))
        problems.push(`'${name}: ${values[0]}' instead of '${name}: ${value}'`);
    }
    if (problems.length === 0) return { passed: true };
    const detail = `The client sent curl's User-Agent, 'Connection: keep-alive' and 'Proxy-Connection: Keep-Alive'; the origin received ${problems.join('; ')}.`;
    return failed(recorded, ctx, detail, REQUIRED_HINT);
  },
};

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
    const custom: Array<[string, string]> = [
      ['X-Proxylab-Token', `${token}-${tokenFor(ctx, 'passthrough-2')}`],
      ['Accept-Language', 'ko-KR,ko;q=0.9,en-US;q=0.8'],
      ['Cookie', `session=${token}; theme=dark`],
    ];
    const headers: Array<[string, string]> = [
      ['User-Agent', 'curl/7.88.1'],
      custom[0] as [string, string],
      ['Accept', '*/*'],
      custom[1] as [string, string],
      ['Proxy-Connection', 'Keep-Alive'],
      custom[2] as [string, string],
    ];
    const recorded = await recordForwarded(ctx, { path: `/rec/pass-${token}.html`, headers });
    const missing = describeMissingHead(ctx, recorded);
    if (missing) return missing;
    const wanted = custom.map(([name, value]) => `${name}: ${value}`);
    const lines = recorded.head.headerLines;
    const problems: string[] = [];
    for (const line of wanted) {
      const count = lines.filter((l) => l === line).length;
      if (count !== 1)
        problems.push(count === 0 ? `'${line}' is missing or altered` : `'${line}' came ${count} times`);
    }
    const positions = wanted.map((line) => lines.indexOf(line));
    if (problems.length === 0 && positions.some((p, i) => i > 0 && p < (positions[i - 1] ?? 0))) {
      problems.push('the three lines arrived in a different order');
    }
    if (problems.length === 0) return { passed: true };
    const detail = `The client sent ${wanted.map((l) => `'${l}'`).join(', ')} in this order; ${problems.join('; ')}.`;
    return { ...failed(recorded, ctx, detail, PASSTHROUGH_HINT), expected: wanted.join(' | ') };
  },
};
