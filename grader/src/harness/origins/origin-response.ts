import { randomBytes } from 'node:crypto';

/**
 * The response one of the grader's own origins sends for `path`: a complete HTTP/1.0 200 whose body names the
 * path and the origin's token, so a response that reached the wrong client is recognisable at a glance.
 */
export function buildOriginResponse(path: string, token: string, bodyBytes = 0): Buffer {
  const intro = `response for ${path} (origin ${token})\n`;
  const filler = bodyBytes > intro.length ? fillerText(path, bodyBytes - intro.length) : '';
  const body = Buffer.from(intro + filler, 'latin1');
  const head =
    'HTTP/1.0 200 OK\r\n' +
    'Server: proxylab-grader-origin\r\n' +
    'Content-type: text/plain\r\n' +
    `Content-length: ${body.length}\r\n` +
    'Connection: close\r\n\r\n';
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}

function fillerText(path: string, lengthBytes: number): string {
  const line = `${path} `;
  return line.repeat(Math.ceil(lengthBytes / line.length)).slice(0, lengthBytes);
}

/** A short random token naming one origin instance. */
export function makeOriginToken(): string {
  return randomBytes(4).toString('hex');
}

/** A body size over MAX_OBJECT_SIZE (102400): responses a correct cache never stores, for checks outside the
 *  cache suite that run many exchanges at once. */
export const UNCACHEABLE_BYTES = 104_000;
