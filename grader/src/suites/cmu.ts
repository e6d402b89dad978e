// The CMU handout's driver.sh (2016), check for check: five bodies compared as curl saves them, one fetch
// while another request hangs on a nop server, and one fetch served from the cache after Tiny is stopped.
import net from 'node:net';
import { whenRequestLine } from '../harness/request-gate.js';
import { judgeResponse } from '../harness/judge-response.js';
import { deadlineOf } from '../harness/recording-origin.js';
import { curlLine, fetchViaProxy } from '../harness/raw-client.js';
import type { Bilingual, CheckContext, CheckDef, CheckOutcome } from '../types.js';
import { encodePath } from './basic/fetch-checks.js';
import { extractCurlBody, fetchLikeCurl } from './basic/curl-fetch.js';

const CURL_TIMEOUT_MS = 5000;

const BODY_HINT: Bilingual = {
  en: "Relay the origin's response unchanged until it closes, with read/write byte counts (binary files contain NUL bytes).",
  ko: '원 서버가 연결을 닫을 때까지 응답을 그대로 전달하세요. 바이너리 파일에는 NUL 바이트가 있으니 바이트 수로 read/write 하세요.',
};

/** Fetches a corpus object through the proxy like curl and compares the body with the one fetched directly. */
async function compareCurlBody(
  ctx: CheckContext,
  name: string,
  situation: Bilingual = { en: '', ko: '' },
): Promise<CheckOutcome> {
  const url = ctx.harness.tiny.url(encodePath(ctx.harness.object(name).path));
  const truth = extractCurlBody((await ctx.harness.expected(url)).bytes).body ?? Buffer.alloc(0);
  const timeoutMs = ctx.timeoutMs(CURL_TIMEOUT_MS);
  const response = await fetchLikeCurl(ctx.proxy, url, { timeoutMs, signal: ctx.signal });
  ctx.log(`${url}${situation.en}: ${response.bytes.length} bytes in ${response.durationMs} ms`);
  const { body, contentLength } = extractCurlBody(response.bytes);
  const reproduce = curlLine(ctx.proxy, url);
  if (body === undefined) {
    const code = response.errorCode ? ` (${response.errorCode})` : '';
    const why = response.timedOut
      ? { en: `within ${timeoutMs} ms`, ko: `${timeoutMs} ms 안에` }
      : { en: `before the connection ended${code}`, ko: `연결이 끝나기 전에${code}` };
    const got = response.bytes.length;
    return {
      passed: false,
      detail: {
        en: `${url}${situation.en}: no complete response head came ${why.en} (${got} bytes received).`,
        ko: `${url}${situation.ko}: ${why.ko} 완전한 응답 헤더가 오지 않았습니다(${got}바이트 받음).`,
      },
      hint: BODY_HINT,
      reproduce,
    };
  }
  const short =
    contentLength !== undefined && body.length < contentLength ? { timedOut: response.timedOut } : {};
  const outcome = judgeResponse(
    { bytes: truth, ended: true, timedOut: false, durationMs: 0 },
    { ...response, bytes: body, timedOut: false, ...short },
    {
      what: { en: `the body of ${url}${situation.en}`, ko: `${url}${situation.ko}의 본문` },
      timeoutMs,
      bodyOnly: true,
      reproduce,
    },
  );
  return outcome.passed ? { passed: true } : { ...outcome, hint: outcome.hint ?? BODY_HINT };
}

function bodyCheck(id: string, name: string, en: string, ko: string): CheckDef {
  return {
    id,
    title: { en, ko },
    timeoutMs: CURL_TIMEOUT_MS + 5000,
    hint: BODY_HINT,
    run: (ctx) => compareCurlBody(ctx, name),
  };
}

/** A listener that accepts connections and never reads or answers (driver.sh's nop-server.py). */
async function startNopListener(): Promise<{
  port: number;
  firstConnection: Promise<void>;
  close(): Promise<void>;
}> {
  const sockets = new Set<net.Socket>();
  let onFirst: () => void = () => {};
  const firstConnection = new Promise<void>((resolve) => {
    onFirst = resolve;
  });
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    // garbage sprayed at the port is not the proxy's connection
    whenRequestLine(socket, (request) => {
      onFirst();
      request.pause();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => resolve());
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    firstConnection,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const nopCheck: CheckDef = {
  id: 'concurrency.cmu-nop',
  title: {
    en: 'A fetch succeeds while another request hangs on a server that never answers',
    ko: '응답하지 않는 서버에 다른 요청이 걸려 있어도 가져오기가 성공한다',
  },
  timeoutMs: CURL_TIMEOUT_MS + 10_000,
  hint: {
    en: 'Serve each client in its own thread (or a thread pool), so one stuck origin never blocks the others.',
    ko: '클라이언트마다 스레드(또는 스레드 풀)로 처리해서, 멈춘 원 서버 하나가 다른 요청을 막지 않게 하세요.',
  },
  async run(ctx) {
    const nop = await startNopListener();
    const stopHanging = new AbortController();
    const hanging = fetchViaProxy(ctx.proxy, `http://127.0.0.1:${nop.port}/`, {
      timeoutMs: ctx.timeoutMs(60_000),
      signal: stopHanging.signal,
    });
    // Release the nop server first and let the proxy answer its still-connected client (bounded), so a proxy
    // that dies on SIGPIPE is not killed by this check's cleanup: driver.sh never tests that.
    ctx.defer(async () => {
      await nop.close();
      const settle = deadlineOf(ctx.timeoutMs(1000));
      await Promise.race([hanging, settle.expired]);
      settle.cancel();
      stopHanging.abort();
    });
    // Give the proxy a bounded moment to take the hanging request to the nop server first, as driver.sh does.
    const deadline = deadlineOf(ctx.timeoutMs(2000), ctx.signal);
    await Promise.race([nop.firstConnection, deadline.expired]);
    deadline.cancel();
    return compareCurlBody(ctx, 'cmu-home', {
      en: ' (while another request hangs on a nop server)',
      ko: ' (다른 요청이 nop 서버에 묶여 있는 동안)',
    });
  },
};

const originStoppedCheck: CheckDef = {
  id: 'cache.cmu-origin-stopped',
  title: {
    en: 'A cached page is still served after the origin is stopped',
    ko: '원 서버를 멈춘 뒤에도 캐시된 페이지가 제공된다',
  },
  timeoutMs: 4 * CURL_TIMEOUT_MS + 5000,
  hint: {
    en: 'Cache complete responses (up to MAX_OBJECT_SIZE) keyed by URL, and answer from the cache without contacting the origin.',
    ko: 'MAX_OBJECT_SIZE 이하의 완전한 응답을 URL을 키로 캐시하고, 적중하면 원 서버에 접속하지 말고 캐시에서 응답하세요.',
  },
  async run(ctx) {
    const tiny = ctx.harness.tiny;
    const timeoutMs = ctx.timeoutMs(CURL_TIMEOUT_MS);
    for (const name of ['cmu-source-2', 'cmu-home', 'cmu-source-1']) {
      const url = tiny.url(ctx.harness.object(name).path);
      await ctx.harness.expected(url);
      await fetchLikeCurl(ctx.proxy, url, { timeoutMs, signal: ctx.signal });
    }
    await tiny.stop();
    ctx.defer(() => tiny.start());
    return compareCurlBody(ctx, 'cmu-home', {
      en: ' (the origin was stopped: it must come from the cache)',
      ko: ' (서버가 멈춘 상태: 캐시에서 와야 함)',
    });
  },
};

/** The checks of `--rubric cmu`, scored as driver.sh scores them. */
export const cmuChecks: CheckDef[] = [
  bodyCheck(
    'basic.cmu-home',
    'cmu-home',
    'home.html comes through (body as curl saves it)',
    'home.html이 전달된다(curl이 저장하는 본문 기준)',
  ),
  bodyCheck(
    'basic.cmu-source-1',
    'cmu-source-1',
    'csapp.c comes through (body as curl saves it)',
    'csapp.c가 전달된다(curl이 저장하는 본문 기준)',
  ),
  bodyCheck(
    'basic.cmu-source-2',
    'cmu-source-2',
    'tiny.c comes through (body as curl saves it)',
    'tiny.c가 전달된다(curl이 저장하는 본문 기준)',
  ),
  bodyCheck(
    'basic.cmu-jpeg',
    'cmu-jpeg',
    'godzilla.jpg comes through (body as curl saves it)',
    'godzilla.jpg가 전달된다(curl이 저장하는 본문 기준)',
  ),
  bodyCheck(
    'basic.cmu-exe',
    'cmu-exe',
    'the tiny executable comes through (body as curl saves it)',
    'tiny 실행 파일이 전달된다(curl이 저장하는 본문 기준)',
  ),
  nopCheck,
  originStoppedCheck,
];
