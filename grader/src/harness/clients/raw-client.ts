import net from 'node:net';
import type { ProxyEndpoint } from '../endpoint.js';
import { traceClient } from '../timeline.js';

/** Everything a raw exchange produced. Network trouble is data here, never an exception. */
export interface RawResponse {
  /** Every byte received, in order, up to `maxBytes`. */
  bytes: Buffer;
  /** The peer closed its side (EOF) before the time limit. */
  ended: boolean;
  timedOut: boolean;
  /** Socket error code when the exchange broke, e.g. 'ECONNREFUSED', 'ECONNRESET'. */
  errorCode?: string;
  durationMs: number;
}

export interface ExchangeOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Stop reading (and close) after this many bytes. @default 64 MiB */
  maxBytes?: number;
  /** Called once connected, before the request is written. */
  onConnect?: (socket: net.Socket) => void;
  /**
   * Once `bytes` bytes have come, the peer gets at most `ms` more to close (never longer than `timeoutMs`): a
   * response that is complete but never closed is judged without waiting out the whole limit.
   */
  closeAfter?: { bytes: number; ms: number };
}

export type HeaderList = Array<[string, string]>;

/** Connects, writes `request`, reads until EOF, an error, the limit or the time limit. */
export function exchange(
  endpoint: ProxyEndpoint,
  request: string | Buffer,
  options: ExchangeOptions,
): Promise<RawResponse> {
  const started = performance.now();
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const socket = net.connect({ host: endpoint.host, port: endpoint.port });
    const trace = traceClient(endpoint.port);
    const finish = (extra: Partial<RawResponse>) => {
      if (settled) return;
      settled = true;
      trace.close(extra.timedOut ? 'timeout' : extra.errorCode ? 'reset' : 'eof');
      clearTimeout(timer);
      clearTimeout(closeTimer);
      options.signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve({
        bytes: Buffer.concat(chunks),
        ended: false,
        timedOut: false,
        durationMs: Math.round(performance.now() - started),
        ...extra,
      });
    };
    const onAbort = () => finish({ timedOut: true });
    const { closeAfter } = options;
    let closeTimer: NodeJS.Timeout | undefined;
    const timer = setTimeout(onAbort, options.timeoutMs);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) return onAbort();
    socket.on('connect', () => {
      options.onConnect?.(socket);
      socket.write(request);
    });
    socket.on('data', (chunk: Buffer) => {
      trace.firstByte();
      const room = maxBytes - received;
      chunks.push(room < chunk.length ? chunk.subarray(0, room) : chunk);
      received += Math.min(room, chunk.length);
      if (received >= maxBytes) finish({});
      else if (closeAfter && !closeTimer && received >= closeAfter.bytes) {
        closeTimer = setTimeout(onAbort, closeAfter.ms);
      }
    });
    socket.on('end', () => finish({ ended: true }));
    socket.on('error', (err: NodeJS.ErrnoException) => finish({ errorCode: err.code ?? err.message }));
    socket.on('close', () => finish({ ended: true }));
  });
}

/** The request head curl sends through a proxy, in absolute form. */
export function buildProxyRequest(
  url: string,
  options: { method?: string; version?: string; headers?: HeaderList; hostHeader?: string | null } = {},
): string {
  const { host } = new URL(url);
  const lines = [`${options.method ?? 'GET'} ${url} ${options.version ?? 'HTTP/1.1'}`];
  if (options.hostHeader !== null) lines.push(`Host: ${options.hostHeader ?? host}`);
  const headers = options.headers ?? [
    ['User-Agent', 'curl/7.88.1'],
    ['Accept', '*/*'],
    ['Proxy-Connection', 'Keep-Alive'],
  ];
  for (const [name, value] of headers) lines.push(`${name}: ${value}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** Fetches `url` through the proxy with a curl-like request, read to EOF. */
export function fetchViaProxy(
  proxy: ProxyEndpoint,
  url: string,
  options: ExchangeOptions & Parameters<typeof buildProxyRequest>[1] = { timeoutMs: 5000 },
): Promise<RawResponse> {
  return exchange(proxy, buildProxyRequest(url, options), options);
}

/** Ground truth: fetches `url` straight from its origin with an HTTP/1.0 origin-form request. */
export function fetchDirect(
  url: string,
  options: ExchangeOptions = { timeoutMs: 5000 },
): Promise<RawResponse> {
  const { hostname, port, pathname, search, host } = new URL(url);
  const request = `GET ${pathname}${search} HTTP/1.0\r\nHost: ${host}\r\nConnection: close\r\n\r\n`;
  return exchange({ host: hostname, port: Number(port || 80) }, request, options);
}

/** The one-line reproduction a student can paste. */
export function curlLine(proxy: ProxyEndpoint, url: string, extra = ''): string {
  return `curl -sS --max-time 10 -x ${proxy.host}:${proxy.port}${extra ? ` ${extra}` : ''} '${url}' -o out.bin`;
}
