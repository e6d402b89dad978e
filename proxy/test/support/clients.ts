import { connect } from 'node:net';

export interface RawReply {
  /** Everything the proxy sent before closing. */
  readonly bytes: Buffer;
  /** The socket error that ended the exchange, if any (e.g. ECONNRESET). */
  readonly errorCode: string | undefined;
}

export interface SendOptions {
  /** Half-close after writing, as `nc -N` does. @default false */
  halfClose?: boolean;
  /** Give up (and fail) after this long. @default 15000 */
  timeoutMs?: number;
}

/** Writes exact bytes (strings as latin1) to the proxy and collects everything it answers until it closes the connection. */
export function sendRaw(
  port: number,
  request: Buffer | string,
  options: SendOptions = {},
): Promise<RawReply> {
  const { halfClose = false, timeoutMs = 15_000 } = options;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect({ port, host: '127.0.0.1' }, () => {
      socket.write(typeof request === 'string' ? Buffer.from(request, 'latin1') : request);
      if (halfClose) socket.end();
    });
    const timer = setTimeout(() => {
      socket.destroy();
      const received = Buffer.concat(chunks).toString('latin1', 0, 200);
      reject(
        new Error(
          `the proxy did not close within ${timeoutMs} ms; received so far: ${JSON.stringify(received)}`,
        ),
      );
    }, timeoutMs);
    let errorCode: string | undefined;
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      errorCode = error.code ?? error.message;
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ bytes: Buffer.concat(chunks), errorCode });
    });
  });
}

/** Fetches an absolute URL through the proxy with an HTTP/1.0 request and optional extra header lines. */
export async function fetchViaProxy(
  proxyPort: number,
  url: string,
  headerLines: string[] = [],
): Promise<Buffer> {
  const request = `GET ${url} HTTP/1.0\r\n${headerLines.map((line) => `${line}\r\n`).join('')}\r\n`;
  const reply = await sendRaw(proxyPort, request);
  if (reply.errorCode !== undefined) throw new Error(`fetching ${url} failed with ${reply.errorCode}`);
  return reply.bytes;
}

/** The status line of a raw reply, or '' when the proxy sent nothing. */
export function statusLineOf(bytes: Buffer): string {
  const text = bytes.toString('latin1');
  const end = text.indexOf('\r\n');
  return end === -1 ? text : text.slice(0, end);
}
