import type { Bilingual, CheckOutcome } from '../types.js';
import { compareBytes, excerpt } from './compare.js';
import { parseResponse } from './parse-response.js';
import type { RawResponse } from './clients/raw-client.js';
import { RESPONSE_HINTS as H } from './response-hints.js';

export interface JudgeOptions {
  /** What was fetched, for the sentence: 'the html page /home.html'. */
  what: string;
  /** The time limit the fetch had (for the timeout sentence). */
  timeoutMs: number;
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
  const fail = (detail: string, hint: Bilingual): CheckOutcome => ({
    passed: false,
    detail: `${options.what}: ${detail}`,
    expected: comparison.expectedExcerpt,
    received: comparison.receivedExcerpt,
    hint,
    ...(options.reproduce ? { reproduce: options.reproduce } : {}),
  });
  if (comparison.equal && !received.timedOut) return { passed: true };
  const longer = comparison.offset === expected.bytes.length && received.bytes.length > expected.bytes.length;
  if (options.allowTrailing && longer && !received.timedOut) return { passed: true };
  if (received.bytes.length === 0) {
    if (received.errorCode === 'ECONNREFUSED') return fail('the proxy refused the connection.', H.refused);
    if (received.errorCode)
      return fail(`the connection failed (${received.errorCode}) before any byte came.`, H.reset);
    if (received.timedOut) return fail(`no byte came within ${options.timeoutMs} ms.`, H.nothing);
    return fail('the proxy closed the connection without sending anything.', H.nothing);
  }
  if (comparison.equal) {
    return fail(
      `all ${expected.bytes.length} bytes came but the proxy did not close within ${options.timeoutMs} ms.`,
      H.noClose,
    );
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
        ? ' (inside the head)'
        : expected.bytes[at] === 0
          ? `, just before a NUL byte of the original`
          : '';
    return fail(`${comparison.summary}${where}${stopped}.`, hint);
  }
  if (at === expected.bytes.length)
    return describeTrailing(received.bytes.subarray(at), comparison.summary, options, fail);
  if (at < headEnd) return describeHeadChange(expected.bytes, received.bytes, at, fail);
  const other = options.others?.find((o) => o.bytes.equals(received.bytes));
  if (other && options.cacheHit) {
    return fail(
      `the bytes are exactly the response for ${other.url} (${other.bytes.length} bytes): a cache key collision between the two URLs.`,
      H.keyCollision,
    );
  }
  if (other) {
    return fail(
      `the bytes are exactly the response for ${other.url}: another request's answer, from a cache key collision or from threads sharing a descriptor or buffer (the evidence cannot tell which).`,
      H.mixedUp,
    );
  }
  if (options.cacheHit) {
    if (expected.bytes[at] === 0)
      return fail(
        `altered bytes: ${comparison.summary}, at a NUL byte of the original${stopped}.`,
        H.nulTruncation,
      );
    const hint = options.others ? H.cacheAltered : H.cacheChanged;
    return fail(`altered bytes: ${comparison.summary}${stopped}.`, hint);
  }
  const nul = expected.bytes[at] === 0 ? ' (a NUL byte in the original)' : '';
  return fail(`${comparison.summary}${nul}${stopped}.`, nul ? H.nulTruncation : H.bodyChanged);
}

/** Bytes after a whole response: a second HTTP response (a fall-through after answering) or trailing garbage. */
function describeTrailing(
  extra: Buffer,
  summary: string,
  options: JudgeOptions,
  fail: (detail: string, hint: Bilingual) => CheckOutcome,
): CheckOutcome {
  if (extra.subarray(0, 7).toString('latin1') === 'HTTP/1.') {
    const status = extra
      .subarray(0, Math.max(0, extra.indexOf('\r\n')))
      .toString('latin1')
      .slice(0, 60);
    return fail(
      `${summary}; they are a second HTTP response (${JSON.stringify(status)}), not garbage.`,
      options.cacheHit ? H.cacheSecondResponse : H.secondResponse,
    );
  }
  const nuls = extra.every((b) => b === 0) ? ' (all NUL bytes)' : '';
  return fail(
    `${summary}; they are not an HTTP response${nuls}: stale bytes of a buffer?`,
    options.cacheHit ? H.cacheTrailing : H.trailing,
  );
}

function describeStop(received: RawResponse, timeoutMs: number): string {
  if (received.timedOut) return `, then nothing more within ${timeoutMs} ms`;
  if (received.errorCode) return `, then the connection broke (${received.errorCode})`;
  return '';
}

function describeHeadChange(
  expected: Buffer,
  received: Buffer,
  offset: number,
  fail: (detail: string, hint: Bilingual) => CheckOutcome,
): CheckOutcome {
  const expectedLine = lineAt(expected, offset);
  const receivedLine = lineAt(received, offset);
  const expectedStatus = lineAt(expected, 0);
  const receivedStatus = lineAt(received, 0);
  if (expectedStatus !== receivedStatus) {
    const own = parseResponse(received)?.statusCode;
    const hint = own !== undefined && own >= 400 ? H.proxyAnswered : H.headChanged;
    return fail(
      `the status line is ${JSON.stringify(receivedStatus)}, the origin sent ${JSON.stringify(expectedStatus)}.`,
      hint,
    );
  }
  return fail(
    `the head differs at byte ${offset}: origin line ${JSON.stringify(expectedLine)}, received ${JSON.stringify(receivedLine)}.`,
    H.headChanged,
  );
}

/** The whole line (without CRLF) containing `offset`, cut to 120 characters. */
function lineAt(bytes: Buffer, offset: number): string {
  if (offset >= bytes.length) return excerpt(bytes, offset);
  const start = offset === 0 ? 0 : bytes.lastIndexOf('\n', offset - 1) + 1;
  let end = bytes.indexOf('\n', offset);
  if (end < 0) end = bytes.length;
  return bytes.subarray(start, end).toString('latin1').replace(/\r$/, '').slice(0, 120);
}
