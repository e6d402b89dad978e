import net from 'node:net';
import { whenRequestLine } from './request-gate.js';

/** What one connection from the proxy delivered. */
export interface Capture {
  /** Every byte the proxy sent on this connection, in order. */
  bytes: Buffer;
  /** False when no connection arrived within the wait. */
  connected: boolean;
  /** How the capture ended: the proxy closed its side, the linger after our response ran out, the wait ran out;
   *  'none': no connection, or still open when only the head was awaited. */
  end: 'closed' | 'linger' | 'timeout' | 'none';
}

export interface CaptureOptions {
  /** Longest wait for the connection and its end. @default 5000 */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** 'head': resolve once the blank line arrived; 'close' (default): wait for the proxy's close or the linger. */
  until?: 'head' | 'close';
}

export interface RecordingOrigin {
  readonly host: string;
  readonly port: number;
  url(path: string): string;
  /** Connections accepted so far. */
  readonly connectionCount: number;
  /** The exact bytes the proxy sent on the next connection not yet captured (empty when none came). */
  captured(options?: CaptureOptions): Promise<Buffer>;
  /** Like captured(), with how the connection ended. */
  nextCapture(options?: CaptureOptions): Promise<Capture>;
  close(): Promise<void>;
}

export interface RecordingOriginOptions {
  /** After our response is sent, how long to keep reading before giving up on the proxy's close. @default 1000 */
  lingerMs?: number;
}

interface Connection {
  chunks: Buffer[];
  end: Capture['end'];
  finished: Promise<void>;
  /** Settles once the head's blank line arrived (or the connection finished without one). */
  headArrived: Promise<void>;
}

/** True once `bytes` hold a blank line ending a head; bare LF line ends count too, as Tiny reads them. */
export function endsHead(bytes: Buffer): boolean {
  return /\r?\n\r?\n/.test(bytes.toString('latin1'));
}

/** A Tiny-like fixed answer: small text body with Content-length. */
export function buildFixedResponse(body: string): Buffer {
  const bytes = Buffer.from(body, 'latin1');
  return Buffer.concat([
    Buffer.from(
      `HTTP/1.0 200 OK\r\nServer: proxylab-recorder\r\nConnection: close\r\nContent-length: ${bytes.length}\r\n` +
        'Content-type: text/plain\r\n\r\n',
      'latin1',
    ),
    bytes,
  ]);
}

/**
 * An origin that records the exact bytes a proxy forwards. It answers `response` once the head's blank line
 * arrived, ends its side, and keeps reading until the proxy closes — so anything sent after the head is seen.
 */
export async function startRecordingOrigin(
  response: Buffer = buildFixedResponse('recorded\n'),
  options: RecordingOriginOptions = {},
): Promise<RecordingOrigin> {
  const lingerMs = options.lingerMs ?? 1000;
  const connections: Connection[] = [];
  const arrivals: Array<() => void> = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer({ allowHalfOpen: true }, (raw) => {
    sockets.add(raw);
    raw.on('close', () => sockets.delete(raw));
    whenRequestLine(raw, (socket) => record(socket));
  });
  const record = (socket: net.Socket) => {
    let headSeen: () => void = () => {};
    const headArrived = new Promise<void>((resolve) => {
      headSeen = resolve;
    });
    const connection: Connection = { chunks: [], end: 'none', finished: Promise.resolve(), headArrived };
    connection.finished = new Promise<void>((resolve) => {
      let answered = false;
      let linger: NodeJS.Timeout | undefined;
      const finish = (end: Capture['end']) => {
        if (connection.end !== 'none') return;
        connection.end = end;
        clearTimeout(linger);
        // a proxy that half-closed still gets the rest of our answer; every other ending drops the socket
        if (end !== 'closed' || !answered) socket.destroy();
        headSeen();
        resolve();
      };
      socket.on('data', (chunk: Buffer) => {
        connection.chunks.push(chunk);
        if (answered || !endsHead(Buffer.concat(connection.chunks))) return;
        answered = true;
        headSeen();
        socket.end(response);
        linger = setTimeout(() => finish('linger'), lingerMs);
      });
      socket.on('end', () => finish('closed'));
      socket.on('close', () => finish('closed'));
      socket.on('error', () => finish('closed'));
    });
    connections.push(connection);
    for (const wake of arrivals.splice(0)) wake();
  };
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  let taken = 0;

  const nextCapture = async (captureOptions: CaptureOptions = {}): Promise<Capture> => {
    const index = taken++;
    const deadline = deadlineOf(captureOptions.timeoutMs ?? 5000, captureOptions.signal);
    try {
      while (connections.length <= index) {
        const arrived = new Promise<void>((resolve) => arrivals.push(resolve));
        if ((await Promise.race([arrived, deadline.expired])) === 'expired') {
          return { bytes: Buffer.alloc(0), connected: false, end: 'none' };
        }
      }
      const connection = connections[index] as Connection;
      const awaited = captureOptions.until === 'head' ? connection.headArrived : connection.finished;
      const outcome = await Promise.race([awaited, deadline.expired]);
      return {
        bytes: Buffer.concat(connection.chunks),
        connected: true,
        end: outcome === 'expired' ? 'timeout' : connection.end,
      };
    } finally {
      deadline.cancel();
    }
  };

  let closing: Promise<void> | undefined;
  return {
    host: '127.0.0.1',
    port,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    get connectionCount() {
      return connections.length;
    },
    nextCapture,
    captured: async (captureOptions) => (await nextCapture(captureOptions)).bytes,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      });
      return closing;
    },
  };
}

/** A promise that settles with 'expired' after `timeoutMs` or on abort; cancel() releases the timer. */
export function deadlineOf(
  timeoutMs: number,
  signal?: AbortSignal,
): { expired: Promise<'expired'>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const expired = new Promise<'expired'>((resolve) => {
    timer = setTimeout(() => resolve('expired'), timeoutMs);
    onAbort = () => resolve('expired');
    if (signal?.aborted) resolve('expired');
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  return {
    expired,
    cancel() {
      clearTimeout(timer);
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    },
  };
}
