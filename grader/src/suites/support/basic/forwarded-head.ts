import type { Capture } from '../../../harness/origins/recording-origin.js';
import { buildFixedResponse, startRecordingOrigin } from '../../../harness/origins/recording-origin.js';
import {
  buildProxyRequest,
  curlLine,
  exchange,
  type HeaderList,
  type RawResponse,
} from '../../../harness/clients/raw-client.js';
import { parseResponse } from '../../../harness/parse-response.js';
import { excerpt } from '../../../harness/compare.js';
import { createPrng } from '../../../harness/corpus/prng.js';
import type { Bilingual, CheckContext, CheckOutcome } from '../../../types.js';

/** A request head as the origin received it from the proxy. */
export interface ForwardedHead {
  /** A blank line ended the head. */
  complete: boolean;
  /** Some line ended with a bare LF instead of CRLF. */
  bareLf: boolean;
  requestLine: string;
  /** Header lines exactly as received (without the line ending). */
  headerLines: string[];
  headers: HeaderList;
  /** Bytes after the blank line. */
  after: Buffer;
}

/** Splits captured bytes into request line, header lines and whatever followed the blank line. */
export function parseForwardedHead(bytes: Buffer): ForwardedHead {
  const text = bytes.toString('latin1');
  const crlfEnd = text.indexOf('\r\n\r\n');
  const lfEnd = /\r?\n\r?\n/.exec(text);
  const end = crlfEnd >= 0 ? crlfEnd : (lfEnd?.index ?? -1);
  const headLength = crlfEnd >= 0 ? crlfEnd + 4 : lfEnd ? lfEnd.index + lfEnd[0].length : text.length;
  const headText = end >= 0 ? text.slice(0, end) : text;
  const lines = headText.split(/\r?\n/);
  const headerLines = lines.slice(1).filter((line) => line !== '');
  const headers: HeaderList = [];
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
  }
  return {
    complete: end >= 0,
    bareLf: /(^|[^\r])\n/.test(text.slice(0, headLength)),
    requestLine: lines[0] ?? '',
    headerLines,
    headers,
    after: bytes.subarray(Math.min(headLength, bytes.length)),
  };
}

export interface RecordedExchange {
  url: string;
  request: string;
  capture: Capture;
  head: ForwardedHead;
  response: RawResponse;
}

export interface RecordOptions {
  path: string;
  headers?: HeaderList;
  /** The client's Host header, built from the recording origin's port; null: the client sends none. */
  hostHeader?: ((originPort: number) => string) | null;
  /** Wait for the proxy to close its origin connection (to see bytes after the head). @default false */
  untilClose?: boolean;
}

/** Sends one request through the proxy to a fresh recording origin and returns what the origin received. */
export async function recordForwarded(ctx: CheckContext, options: RecordOptions): Promise<RecordedExchange> {
  const origin = await startRecordingOrigin(buildFixedResponse(`recorded ${options.path}\n`));
  ctx.defer(() => origin.close());
  const url = origin.url(options.path);
  const request = buildProxyRequest(url, {
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.hostHeader !== undefined
      ? { hostHeader: options.hostHeader === null ? null : options.hostHeader(origin.port) }
      : {}),
  });
  const timeoutMs = ctx.timeoutMs(5000);
  ctx.log(`→ ${request.split('\r\n')[0]} via ${ctx.proxy.host}:${ctx.proxy.port}`);
  // A proxy connects to the origin before it answers: once the client's exchange is over and a few turns of
  // the event loop (each accepts whatever is queued) brought no connection, none is coming.
  const noOrigin = new AbortController();
  const signal = AbortSignal.any([ctx.signal, noOrigin.signal]);
  const capturing = origin.nextCapture({ timeoutMs, signal, until: options.untilClose ? 'close' : 'head' });
  const response = await exchange(ctx.proxy, request, { timeoutMs, signal: ctx.signal });
  if (!response.timedOut && origin.connectionCount === 0) {
    for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
    if (origin.connectionCount === 0) noOrigin.abort();
  }
  const capture = await capturing;
  const head = parseForwardedHead(capture.bytes);
  ctx.log(`origin received: ${JSON.stringify(head.requestLine)} + ${head.headerLines.length} header lines`);
  return { url, request, capture, head, response };
}

/** The failed outcome when the origin never got a complete head; undefined when it did. */
export function describeMissingHead(ctx: CheckContext, recorded: RecordedExchange): CheckOutcome | undefined {
  const { capture, head, response } = recorded;
  const timeoutMs = ctx.timeoutMs(5000);
  const reproduce = curlLine(ctx.proxy, recorded.url);
  if (capture.connected && head.complete) return undefined;
  const answer = parseResponse(response.bytes)?.statusLine ?? excerpt(response.bytes, 0);
  const answered =
    response.bytes.length > 0 ? `; the proxy answered the client ${JSON.stringify(answer)}` : '';
  const answeredKo =
    response.bytes.length > 0 ? `. 프록시가 클라이언트에게 보낸 응답: ${JSON.stringify(answer)}` : '';
  if (!capture.connected) {
    return {
      passed: false,
      detail: response.timedOut
        ? {
            en: `The origin received no connection within ${timeoutMs} ms${answered}.`,
            ko: `${timeoutMs} ms 안에 서버로 연결이 오지 않았습니다${answeredKo}.`,
          }
        : {
            en: `The origin received no connection before the proxy closed the client's connection${answered}.`,
            ko: `프록시가 클라이언트 연결을 닫을 때까지 서버로 연결이 오지 않았습니다${answeredKo}.`,
          },
      hint: {
        en: 'Connect to the host and port in the URI and send the request head there.',
        ko: 'URI의 호스트와 포트로 접속해 요청 헤더를 보내세요.',
      },
      reproduce,
    };
  }
  return {
    passed: false,
    detail: {
      en: `The origin received ${capture.bytes.length} bytes but no blank line ending the head${answered}.`,
      ko: `서버가 ${capture.bytes.length}바이트를 받았지만 헤더를 끝내는 빈 줄은 받지 못했습니다${answeredKo}.`,
    },
    received: excerpt(capture.bytes, 0, 80),
    reproduce,
    hint: {
      en: 'End the request head with an empty line: "\\r\\n" after the last header.',
      ko: '요청 헤더는 빈 줄로 끝나야 합니다. 마지막 헤더 뒤에 "\\r\\n"을 보내세요.',
    },
  };
}

/** A short token from the run's seed, so a rerun with --seed sends the same requests. */
export function tokenFor(ctx: CheckContext, label: string): string {
  return createPrng(ctx.harness.seed, label).nextU32().toString(36);
}

/** A failed outcome about a forwarded head, quoting what the origin received. */
export function failedForward(
  recorded: RecordedExchange,
  ctx: CheckContext,
  detail: Bilingual,
  hint: Bilingual,
  extra = '',
): CheckOutcome {
  return {
    passed: false,
    detail,
    received: recorded.head.headerLines.length
      ? [recorded.head.requestLine, ...recorded.head.headerLines].join(' | ').slice(0, 400)
      : excerpt(recorded.capture.bytes, 0, 80),
    hint,
    reproduce: curlLine(ctx.proxy, recorded.url, extra),
  };
}
