import { bilingual } from '../i18n.js';
import type { Bilingual, CheckOutcome, Text } from '../types.js';
import { compareBytes, excerpt } from './compare.js';
import { parseResponse } from './parse-response.js';
import type { RawResponse } from './clients/raw-client.js';
import { RESPONSE_HINTS as H } from './response-hints.js';

export interface JudgeOptions {
  /** What was fetched, for the sentence: 'the html page /home.html'. */
  what: Text;
  /** The time limit the fetch had (for the timeout sentence). */
  timeoutMs: number;
  /** How long a complete response was given to close, when shorter than timeoutMs. */
  closeMs?: number;
  /**
   * This proxy process served a correct cache hit earlier (in this check or an earlier one): a complete response that then stays open
   * points at something the hit path took and never gave back (a lock) rather than at a missing close().
   */
  afterHit?: boolean;
  /** The fetch was expected to be a cache hit (changes the hints). */
  cacheHit?: boolean;
  /** The bytes are bodies only (no status line or headers to recognise). */
  bodyOnly?: boolean;
  /**
   * Bytes after the whole expected response are not held against it: for checks that use a hit to tell
   * what is cached, leaving the bytes of a hit to the checks about hits. @default false
   */
  allowTrailing?: boolean;
  reproduce?: string;
  /** Responses of the other URLs of this run: a wrong response equal to one of them is a key collision. */
  others?: ReadonlyArray<{ url: string; bytes: Buffer }>;
}

/**
 * Judges a response received through the proxy against the origin's own bytes: equal, read to EOF, or a
 * failed outcome saying what differed (truncation, trailing garbage, changed head or body) and what to fix.
 */
export function judgeResponse(
  expected: RawResponse,
  received: RawResponse,
  options: JudgeOptions,
): CheckOutcome {
  const comparison = compareBytes(expected.bytes, received.bytes);
  const what = bilingual(options.what);
  const fail = (detail: Bilingual, hint: Bilingual): CheckOutcome => ({
    passed: false,
    detail: { en: `${what.en}: ${detail.en}`, ko: `${what.ko}: ${detail.ko}` },
    expected: comparison.expectedExcerpt,
    received: comparison.receivedExcerpt,
    hint,
    ...(options.reproduce ? { reproduce: options.reproduce } : {}),
  });
  if (comparison.equal && !received.timedOut) return { passed: true };
  const longer = comparison.offset === expected.bytes.length && received.bytes.length > expected.bytes.length;
  if (options.allowTrailing && longer && !received.timedOut) return { passed: true };
  if (received.bytes.length === 0) {
    if (received.errorCode === 'ECONNREFUSED')
      return fail(
        { en: 'the proxy refused the connection.', ko: '프록시가 연결을 거부했습니다.' },
        H.refused,
      );
    if (received.errorCode) {
      const code = received.errorCode;
      const failed = {
        en: `the connection failed (${code}) before any byte came.`,
        ko: `한 바이트도 오기 전에 연결이 실패했습니다(${code}).`,
      };
      return fail(failed, H.reset);
    }
    if (received.timedOut) {
      const ms = options.timeoutMs;
      return fail(
        { en: `no byte came within ${ms} ms.`, ko: `${ms} ms 안에 한 바이트도 오지 않았습니다.` },
        H.nothing,
      );
    }
    const closed = {
      en: 'the proxy closed the connection without sending anything.',
      ko: '프록시가 아무것도 보내지 않고 연결을 닫았습니다.',
    };
    return fail(closed, H.nothing);
  }
  if (comparison.equal) {
    const [n, ms] = [expected.bytes.length, options.closeMs ?? options.timeoutMs];
    const open = {
      en: `all ${n} bytes came but the proxy did not close within ${ms} ms.`,
      ko: `${n}바이트가 모두 왔지만 프록시가 ${ms} ms 안에 연결을 닫지 않았습니다.`,
    };
    if (!options.afterHit) return fail(open, H.noClose);
    const sinceHit = {
      en: `${open.en} Earlier this same proxy process served a cache hit and closed it.`,
      ko: `${open.ko} 같은 프록시 프로세스가 앞서 캐시 적중 응답을 보내고 정상적으로 닫았습니다.`,
    };
    return fail(sinceHit, H.lockAfterHit);
  }
  const stopped = describeStop(received, options.timeoutMs);
  const headEnd = options.bodyOnly ? 0 : (parseResponse(expected.bytes)?.headLength ?? 0);
  const at = comparison.offset;
  if (at === received.bytes.length) {
    const hint =
      expected.bytes[at] === 0
        ? H.nulTruncation
        : options.cacheHit
          ? H.cacheTruncated
          : stopped
            ? H.stalled
            : H.truncated;
    const where =
      at < headEnd
        ? { en: ' (inside the head)', ko: '(헤더 안에서)' }
        : expected.bytes[at] === 0
          ? { en: ', just before a NUL byte of the original', ko: ', 원본의 NUL 바이트 바로 앞에서' }
          : { en: '', ko: '' };
    return fail(sentence(comparison.account, where, stopped), hint);
  }
  if (at === expected.bytes.length)
    return describeTrailing(received.bytes.subarray(at), comparison.account, options, fail);
  if (at < headEnd) return describeHeadChange(expected.bytes, received.bytes, at, fail);
  const other = options.others?.find((o) => o.bytes.equals(received.bytes));
  if (other && options.cacheHit) {
    const collision = {
      en: `the bytes are exactly the response for ${other.url} (${other.bytes.length} bytes): a cache key collision between the two URLs.`,
      ko: `받은 바이트가 ${other.url}의 응답(${other.bytes.length}바이트)과 똑같습니다: 두 URL의 캐시 키가 충돌했습니다.`,
    };
    return fail(collision, H.keyCollision);
  }
  if (other) {
    const mixed = {
      en: `the bytes are exactly the response for ${other.url}: another request's answer, from a cache key collision or from threads sharing a descriptor or buffer (the evidence cannot tell which).`,
      ko: `받은 바이트가 ${other.url}의 응답과 똑같습니다: 다른 요청의 응답이 왔습니다. 캐시 키 충돌이거나 스레드들이 디스크립터나 버퍼를 함께 쓴 탓입니다(어느 쪽인지는 이 증거로 알 수 없습니다).`,
    };
    return fail(mixed, H.mixedUp);
  }
  const altered = { en: 'altered bytes: ', ko: '바뀐 바이트: ' };
  if (options.cacheHit) {
    if (expected.bytes[at] === 0) {
      const atNul = { en: ', at a NUL byte of the original', ko: ', 원본의 NUL 바이트 위치' };
      return fail(sentence(altered, comparison.account, atNul, stopped), H.nulTruncation);
    }
    const hint = options.others ? H.cacheAltered : H.cacheChanged;
    return fail(sentence(altered, comparison.account, stopped), hint);
  }
  const nul = expected.bytes[at] === 0;
  const inOriginal = nul ? { en: ' (a NUL byte in the original)', ko: '(원본에서는 NUL 바이트)' } : undefined;
  return fail(sentence(comparison.account, inOriginal, stopped), nul ? H.nulTruncation : H.bodyChanged);
}

/** The parts run together, with a full stop. */
function sentence(...parts: Array<Bilingual | undefined>): Bilingual {
  const line = (lang: keyof Bilingual) => `${parts.map((part) => part?.[lang] ?? '').join('')}.`;
  return { en: line('en'), ko: line('ko') };
}

/** Bytes after a whole response: a second HTTP response (a fall-through after answering) or trailing garbage. */
function describeTrailing(
  extra: Buffer,
  summary: Bilingual,
  options: JudgeOptions,
  fail: (detail: Bilingual, hint: Bilingual) => CheckOutcome,
): CheckOutcome {
  if (extra.subarray(0, 7).toString('latin1') === 'HTTP/1.') {
    const status = extra
      .subarray(0, Math.max(0, extra.indexOf('\r\n')))
      .toString('latin1')
      .slice(0, 60);
    const second = {
      en: `${summary.en}; they are a second HTTP response (${JSON.stringify(status)}), not garbage.`,
      ko: `${summary.ko}. 붙은 바이트는 쓰레기가 아니라 두 번째 HTTP 응답(${JSON.stringify(status)})입니다.`,
    };
    return fail(second, options.cacheHit ? H.cacheSecondResponse : H.secondResponse);
  }
  const nuls = extra.every((b) => b === 0);
  const garbage = {
    en: `${summary.en}; they are not an HTTP response${nuls ? ' (all NUL bytes)' : ''}: stale bytes of a buffer?`,
    ko: `${summary.ko}. 붙은 바이트는 HTTP 응답이 아닙니다${nuls ? '(모두 NUL 바이트)' : ''}: 버퍼에 남아 있던 예전 바이트일까요?`,
  };
  return fail(garbage, options.cacheHit ? H.cacheTrailing : H.trailing);
}

function describeStop(received: RawResponse, timeoutMs: number): Bilingual | undefined {
  if (received.timedOut)
    return {
      en: `, then nothing more within ${timeoutMs} ms`,
      ko: `, 그 뒤 ${timeoutMs} ms 동안 더 오지 않음`,
    };
  if (received.errorCode) {
    const code = received.errorCode;
    return { en: `, then the connection broke (${code})`, ko: `, 그 뒤 연결이 끊김(${code})` };
  }
  return undefined;
}

function describeHeadChange(
  expected: Buffer,
  received: Buffer,
  offset: number,
  fail: (detail: Bilingual, hint: Bilingual) => CheckOutcome,
): CheckOutcome {
  const expectedLine = lineAt(expected, offset);
  const receivedLine = lineAt(received, offset);
  const expectedStatus = lineAt(expected, 0);
  const receivedStatus = lineAt(received, 0);
  if (expectedStatus !== receivedStatus) {
    const own = parseResponse(received)?.statusCode;
    const hint = own !== undefined && own >= 400 ? H.proxyAnswered : H.headChanged;
    const [got, sent] = [JSON.stringify(receivedStatus), JSON.stringify(expectedStatus)];
    const status = {
      en: `the status line is ${got}, the origin sent ${sent}.`,
      ko: `상태 줄이 ${got}입니다. 서버가 보낸 것은 ${sent}입니다.`,
    };
    return fail(status, hint);
  }
  const [sent, got] = [JSON.stringify(expectedLine), JSON.stringify(receivedLine)];
  const head = {
    en: `the head differs at byte ${offset}: origin line ${sent}, received ${got}.`,
    ko: `헤더가 ${offset}번째 바이트에서 다릅니다: 서버의 줄 ${sent}, 받은 줄 ${got}.`,
  };
  return fail(head, H.headChanged);
}

/** The whole line (without CRLF) containing `offset`, cut to 120 characters. */
function lineAt(bytes: Buffer, offset: number): string {
  if (offset >= bytes.length) return excerpt(bytes, offset);
  const start = offset === 0 ? 0 : bytes.lastIndexOf('\n', offset - 1) + 1;
  let end = bytes.indexOf('\n', offset);
  if (end < 0) end = bytes.length;
  return bytes.subarray(start, end).toString('latin1').replace(/\r$/, '').slice(0, 120);
}
