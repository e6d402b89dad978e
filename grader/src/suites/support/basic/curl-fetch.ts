// Fetching the way driver.sh's `curl --max-time 5 --proxy` does, and keeping what curl would save: the body.
import type net from 'node:net';
import { headerValues, parseResponse } from '../../../harness/parse-response.js';
import { buildProxyRequest, exchange, type RawResponse } from '../../../harness/clients/raw-client.js';
import type { ProxyEndpoint } from '../../../types.js';

export interface CurlBody {
  /** What curl would write to its output file (undefined when no response head came). */
  body: Buffer | undefined;
  /** Content-length the response announced, if any. */
  contentLength: number | undefined;
}

/** The body as curl saves it: the bytes after the head, cut at Content-length when the response has one. */
export function extractCurlBody(bytes: Buffer): CurlBody {
  const parsed = parseResponse(bytes);
  if (!parsed) return { body: undefined, contentLength: undefined };
  const announced = headerValues(parsed.headers, 'content-length')[0];
  const contentLength = announced !== undefined && /^\d+$/.test(announced) ? Number(announced) : undefined;
  const body = contentLength === undefined ? parsed.body : parsed.body.subarray(0, contentLength);
  return { body, contentLength };
}

/**
 * Fetches `url` through the proxy like curl: it stops reading once Content-length bytes of body arrived
 * (it does not need the proxy to close), otherwise reads to EOF or the time limit.
 */
export function fetchLikeCurl(
  proxy: ProxyEndpoint,
  url: string,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<RawResponse> {
  const onConnect = (socket: net.Socket) => {
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const bytes = Buffer.concat(chunks);
      const { body, contentLength } = extractCurlBody(bytes);
      if (body !== undefined && contentLength !== undefined && body.length >= contentLength) socket.destroy();
    });
  };
  return exchange(proxy, buildProxyRequest(url), { ...options, onConnect });
}
