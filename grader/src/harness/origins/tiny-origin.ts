import { startTinyServer, type TinyServer } from '@proxylab/tiny-server';
import type { TinyOrigin } from '../harness.js';
import { traceOrigin } from '../timeline.js';

export interface TinyOriginOptions {
  root: string;
  /** @default '127.0.0.1' */
  host?: string;
  /** @default 0 (a free port) */
  port?: number;
  /** One line per request (verbose runs); silent when absent. */
  log?: (line: string) => void;
}

export interface StartedTinyOrigin extends TinyOrigin {
  /** Stops the server for good. */
  close(): Promise<void>;
}

/** The file path a request target names: no query string, percent-escapes decoded (as Tiny does). */
function toFilePath(target: string): string {
  const at = target.indexOf('?');
  const raw = at < 0 ? target : target.slice(0, at);
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * Runs the Tiny server on loopback and counts the requests it receives per path, so the cache suite can tell
 * a hit (no new origin request) from a miss. stop()/start() keep the same port.
 */
export async function startTinyOrigin(options: TinyOriginOptions): Promise<StartedTinyOrigin> {
  const host = options.host ?? '127.0.0.1';
  const counts = new Map<string, number>();
  const countRequest = (request: { uri: string }) => {
    const path = toFilePath(request.uri);
    counts.set(path, (counts.get(path) ?? 0) + 1);
    // Tiny reports each request as it arrives: an instant on the timeline
    traceOrigin(boundPort).close('request');
  };
  const launch = (port: number) =>
    startTinyServer({
      host,
      port,
      root: options.root,
      onRequest: countRequest,
      log: options.log ? (line) => options.log?.(`tiny ${host}:${port || boundPort}: ${line}`) : false,
      cgiTimeoutMs: 10_000,
      headTimeoutMs: 10_000,
    });
  let boundPort = 0;
  let server: TinyServer | undefined = await launch(options.port ?? 0);
  const port = server.port;
  boundPort = port;
  let pending: Promise<void> = Promise.resolve();
  const serialise = (step: () => Promise<void>): Promise<void> => {
    pending = pending.then(step, step);
    return pending;
  };
  return {
    host,
    port,
    url: (path) => `http://${host}:${port}${path}`,
    hits: (path) => counts.get(toFilePath(path)) ?? 0,
    settle: (settleOptions = {}) => settleOrigin(() => server, settleOptions),
    stop: () =>
      serialise(async () => {
        const running = server;
        server = undefined;
        await running?.close();
      }),
    start: () =>
      serialise(async () => {
        server ??= await launch(port);
      }),
    close: () =>
      serialise(async () => {
        const running = server;
        server = undefined;
        await running?.close();
      }),
  };
}

/**
 * True once every connection made to the origin so far has finished its head (see TinyOrigin.settle). A proxy
 * connects to the origin before it answers the client, so when the client has seen the answer, that connection is
 * at least in the kernel's accept queue: a few turns of the event loop (each polls the listening socket and
 * accepts everything queued) bring it into Tiny, and then its head is awaited.
 */
async function settleOrigin(
  server: () => TinyServer | undefined,
  options: { timeoutMs?: number; signal?: AbortSignal },
): Promise<boolean> {
  for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
  const deadline = performance.now() + (options.timeoutMs ?? 2000);
  for (;;) {
    const running = server();
    if (!running || running.connections().awaitingHead === 0) return true;
    if (performance.now() >= deadline || options.signal?.aborted) return false;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
