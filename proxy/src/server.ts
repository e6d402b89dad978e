import { type AddressInfo, createServer, type Socket } from 'node:net';
import { LruCache, MAX_CACHE_SIZE, MAX_OBJECT_SIZE } from './cache/lru-cache.js';
import { OptionError, ProxyError } from './errors.js';
import { handleClient } from './exchange.js';
import type { ExchangeContext } from './exchange-context.js';
import { type LogSink, logToStderr } from './log.js';
import { OriginPool, type SocketTracker } from './socket/origin-pool.js';

export interface ProxyOptions {
  /** Port to listen on; 0 picks a free one. @default 0 */
  port?: number;
  /** Address to listen on. @default '0.0.0.0' */
  host?: string;
  /** Total bytes the cache may hold. @default 1049000 */
  cacheSizeBytes?: number;
  /** Largest response (status line, headers and body) the cache stores. @default 102400 */
  objectSizeBytes?: number;
  /** @default true */
  cacheEnabled?: boolean;
  /** Time a client has to send its whole request head before it is disconnected. @default 10000 */
  clientHeadTimeoutMs?: number;
  /** Time an origin has to accept the connection (name lookup included) before the client gets 504. @default 10000 */
  originConnectTimeoutMs?: number;
  /** Longest silence of an origin (or stall of a client) tolerated during an exchange. @default 30000 */
  originIdleTimeoutMs?: number;
  /** Receives one line per exchange; `false` for none. @default one line to stderr */
  log?: ((line: string) => void) | false;
}

export interface ProxyServer {
  readonly host: string;
  readonly port: number;
  /** The response cache, or undefined when caching is disabled. */
  readonly cache: LruCache | undefined;
  /** Stops listening and destroys every open client and origin connection. */
  close(): Promise<void>;
}

export const DEFAULT_CLIENT_HEAD_TIMEOUT_MS = 10_000;
export const DEFAULT_ORIGIN_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_ORIGIN_IDLE_TIMEOUT_MS = 30_000;

/** Starts the proxy and resolves once it is listening. */
export async function startProxy(options: ProxyOptions = {}): Promise<ProxyServer> {
  const host = options.host ?? '0.0.0.0';
  const port = checkInteger('port', options.port ?? 0, 0, 65535);
  const cacheEnabled = options.cacheEnabled ?? true;
  const cacheSizeBytes = checkInteger('cacheSizeBytes', options.cacheSizeBytes ?? MAX_CACHE_SIZE, 0);
  const objectSizeBytes = checkInteger('objectSizeBytes', options.objectSizeBytes ?? MAX_OBJECT_SIZE, 0);
  const cache = cacheEnabled ? new LruCache(cacheSizeBytes, objectSizeBytes) : undefined;
  const log: LogSink | undefined = options.log === false ? undefined : (options.log ?? logToStderr);

  const sockets = new Set<Socket>();
  /** Set by close(): called once the last tracked socket has closed. */
  let onAllClosed: (() => void) | undefined;
  // Sockets leave the set in their own 'close' handlers (the exchange's, the origin pool's).
  const tracker: SocketTracker = {
    track: (socket) => sockets.add(socket),
    untrack(socket) {
      sockets.delete(socket);
      if (sockets.size === 0) onAllClosed?.();
    },
  };
  const context: ExchangeContext = {
    cache,
    log,
    sockets: tracker,
    origins: new OriginPool(tracker),
    clientHeadTimeoutMs: checkTimeout(
      'clientHeadTimeoutMs',
      options.clientHeadTimeoutMs,
      DEFAULT_CLIENT_HEAD_TIMEOUT_MS,
    ),
    originConnectTimeoutMs: checkTimeout(
      'originConnectTimeoutMs',
      options.originConnectTimeoutMs,
      DEFAULT_ORIGIN_CONNECT_TIMEOUT_MS,
    ),
    originIdleTimeoutMs: checkTimeout(
      'originIdleTimeoutMs',
      options.originIdleTimeoutMs,
      DEFAULT_ORIGIN_IDLE_TIMEOUT_MS,
    ),
  };

  // allowHalfOpen: a client that shuts down its sending side after the request still gets the response.
  const server = createServer({ allowHalfOpen: true }, (client) => {
    tracker.track(client);
    handleClient(client, context);
  });
  await listen(server, port, host);
  // Accept failures such as EMFILE must not kill the process; the listener stays open.
  server.on('error', (error: NodeJS.ErrnoException) =>
    log?.(`proxy: accept failed (${error.code ?? error.message})`),
  );

  let closing: Promise<void> | undefined;
  return {
    host,
    port: (server.address() as AddressInfo).port,
    cache,
    close() {
      // Resolves once the listener is closed and every connection has emitted 'close' (so every
      // exchange's log line is written): the server's own callback may come before the sockets' events.
      closing ??= new Promise((resolve) => {
        let listening = true;
        const resolveWhenDone = (): void => {
          if (!listening && sockets.size === 0) resolve();
        };
        onAllClosed = resolveWhenDone;
        server.close(() => {
          listening = false;
          resolveWhenDone();
        });
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}

function listen(server: ReturnType<typeof createServer>, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      const reason =
        error.code === 'EADDRINUSE' ? 'the port is already in use' : (error.code ?? error.message);
      reject(
        new ProxyError('PROXY_ERR_LISTEN', `cannot listen on ${host}:${port}: ${reason}`, { cause: error }),
      );
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function checkInteger(name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new OptionError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
  return value;
}

function checkTimeout(name: string, value: number | undefined, fallback: number): number {
  // Node timers cap at 2^31 - 1 ms (about 24.8 days).
  return checkInteger(name, value ?? fallback, 1, 2 ** 31 - 1);
}
