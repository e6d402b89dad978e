import { type AddressInfo, createServer, type Socket } from 'node:net';
import { onTestFinished } from 'vitest';

export interface TestOrigin {
  readonly port: number;
  /** Every request head received (up to and including the blank line), in arrival order. */
  readonly heads: string[];
  /** Everything each connection received until it closed (latin1), one promise per connection. */
  readonly transcripts: Promise<string>[];
  /** Connections currently open. */
  readonly sockets: Set<Socket>;
  /** Resolves with the next connection's socket once it is accepted. */
  nextConnection(): Promise<Socket>;
  close(): Promise<void>;
}

/** What an origin does once it has read a request head (latin1 text ending in the blank line). */
export type Respond = (socket: Socket, head: string) => void;

/**
 * A raw `net` origin (on 127.0.0.1 unless told otherwise) that reads each request head and hands it to `respond`, which writes
 * exact bytes. Closed (with every connection destroyed) when the current test finishes.
 */
export async function startOrigin(respond: Respond, host = '127.0.0.1'): Promise<TestOrigin> {
  const heads: string[] = [];
  const transcripts: Promise<string>[] = [];
  const sockets = new Set<Socket>();
  let waiters: ((socket: Socket) => void)[] = [];
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {}); // the proxy may drop us at any moment; that is what some tests do
    for (const waiter of waiters) waiter(socket);
    waiters = [];
    let received = '';
    let answered = false;
    transcripts.push(new Promise((resolve) => socket.on('close', () => resolve(received))));
    // Reads for the connection's whole life, so anything sent after the head shows in the transcript.
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      const end = received.indexOf('\r\n\r\n');
      if (answered || end === -1) return;
      answered = true;
      const head = received.slice(0, end + 4);
      heads.push(head);
      respond(socket, head);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const close = (): Promise<void> =>
    new Promise((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
  onTestFinished(close);
  return {
    port: (server.address() as AddressInfo).port,
    heads,
    transcripts,
    sockets,
    nextConnection: () => new Promise((resolve) => waiters.push(resolve)),
    close,
  };
}

/** Answers every request with the same bytes and closes. */
export function startFixedOrigin(response: Buffer | string): Promise<TestOrigin> {
  return startOrigin((socket) => socket.end(response));
}

/** A 200 response with the given body and a correct Content-length, as Tiny writes it. */
export function okResponse(body: Buffer | string, contentType = 'text/plain'): Buffer {
  const bodyBytes = typeof body === 'string' ? Buffer.from(body, 'latin1') : body;
  const head =
    'HTTP/1.0 200 OK\r\nServer: Tiny Web Server\r\nConnection: close\r\n' +
    `Content-length: ${bodyBytes.length}\r\nContent-type: ${contentType}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), bodyBytes]);
}

/** Bytes that make the tests' binary payloads: every byte value, NULs included, in a repeatable order. */
export function binaryBytes(size: number, seed = 1): Buffer {
  const bytes = Buffer.alloc(size);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < size; i += 1) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = i % 7 === 0 ? 0 : state & 0xff;
  }
  return bytes;
}

/** Whether this machine can listen on the IPv6 loopback (containers often have IPv6 disabled). */
export async function canListenOnIpv6Loopback(): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(0, '::1', () => server.close(() => resolve(true)));
  });
}
