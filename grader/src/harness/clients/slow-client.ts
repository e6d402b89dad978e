import net from 'node:net';
import type { ProxyEndpoint } from '../../types.js';
import type { WaitOptions } from '../count-waiter.js';

/** How a held connection to the proxy stands when a wait ends. */
export interface ClientState {
  /** 'head': a whole response head arrived; 'closed': the proxy closed or reset; 'timeout': neither in time. */
  kind: 'head' | 'closed' | 'timeout';
  /** Status code of the response head, when one arrived. */
  statusCode?: number;
  /** Socket error (ECONNRESET, ECONNREFUSED...) when the connection broke rather than ended. */
  errorCode?: string;
  /** Every byte received so far. */
  received: Buffer;
}

/**
 * A client that writes part of a request and then holds its connection open, or goes on later: the slow and
 * early-closing clients of the concurrency and robustness suites, and the sender of malformed requests.
 */
export interface HeldClient {
  readonly socket: net.Socket;
  /** Resolves once connected (false when the connection failed). */
  readonly connected: Promise<boolean>;
  write(bytes: string | Buffer): void;
  /** Half-closes: the proxy reads EOF, and we still read what it sends. */
  end(): void;
  /** Waits for a response head or the end of the connection. */
  waitForReply(options?: WaitOptions): Promise<ClientState>;
  /** Waits for the proxy to close the connection (a response head alone is not enough). */
  waitForClose(options?: WaitOptions): Promise<ClientState>;
  /**
   * Half-closes, lets the proxy finish what it is writing and close (bounded), then destroys: leaving never
   * makes the proxy write to a reset connection, so a proxy that dies of SIGPIPE dies only where that is tested.
   */
  leave(options?: WaitOptions): Promise<void>;
  destroy(): void;
}

/** Connects to the proxy and writes `firstBytes` (may be empty) once connected. */
export function openSlowClient(endpoint: ProxyEndpoint, firstBytes: string | Buffer = ''): HeldClient {
  const socket = net.connect({ host: endpoint.host, port: endpoint.port });
  const chunks: Buffer[] = [];
  let closed = false;
  let errorCode: string | undefined;
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of listeners) listener();
  };
  const connected = new Promise<boolean>((resolve) => {
    socket.once('connect', () => resolve(true));
    socket.once('close', () => resolve(false));
  });
  socket.on('connect', () => {
    if (firstBytes.length > 0) socket.write(firstBytes);
  });
  socket.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    notify();
  });
  socket.on('error', (error: NodeJS.ErrnoException) => {
    errorCode ??= error.code ?? error.message;
  });
  socket.on('end', () => {
    closed = true;
    notify();
  });
  socket.on('close', () => {
    closed = true;
    notify();
  });

  const state = (): ClientState | undefined => {
    const received = Buffer.concat(chunks);
    const headEnd = received.indexOf('\r\n\r\n');
    const code = /^HTTP\/\d\.\d (\d{3})/.exec(received.toString('latin1', 0, 64))?.[1];
    const statusCode = code === undefined ? undefined : Number(code);
    if (closed) return { kind: 'closed', statusCode, errorCode, received };
    if (headEnd >= 0) return { kind: 'head', statusCode, received };
    return undefined;
  };
  const waitUntil = (accept: (s: ClientState) => boolean, options: WaitOptions = {}) =>
    new Promise<ClientState>((resolve) => {
      const check = (timedOut = false) => {
        const current = state();
        if (!timedOut && (current === undefined || !accept(current))) return;
        listeners.delete(onChange);
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onTimeout);
        resolve(timedOut ? { kind: 'timeout', errorCode, received: Buffer.concat(chunks) } : current!);
      };
      const onChange = () => check();
      const onTimeout = () => check(true);
      const timer = setTimeout(onTimeout, options.timeoutMs ?? 10_000);
      options.signal?.addEventListener('abort', onTimeout, { once: true });
      listeners.add(onChange);
      if (options.signal?.aborted) onTimeout();
      else check();
    });

  return {
    socket,
    connected,
    write: (bytes) => {
      if (!socket.destroyed) socket.write(bytes);
    },
    end: () => {
      if (!socket.destroyed) socket.end();
    },
    waitForReply: (options) => waitUntil(() => true, options),
    waitForClose: (options) => waitUntil((s) => s.kind === 'closed', options),
    leave: async (options) => {
      if (!socket.destroyed) socket.end();
      await waitUntil((s) => s.kind === 'closed', { timeoutMs: 1000, ...options });
      socket.destroy();
    },
    destroy: () => socket.destroy(),
  };
}
