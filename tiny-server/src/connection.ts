import type { Socket } from 'node:net';
import { serveCgi } from './cgi.js';
import { Exchange, type ServerContext } from './exchange.js';
import { locateInsideRoot, routeUri } from './paths.js';
import { parseRequestLine, RequestHeadReader } from './request.js';
import { serveStatic } from './static.js';

/** How long a finished response waits for the client's FIN before the socket is closed outright. */
const LINGER_MS = 5_000;

export interface RequestInfo {
  method: string;
  uri: string;
  remoteAddress: string;
}

export interface ConnectionHooks {
  onRequest?: (request: RequestInfo) => void;
  /** Called once the request head is done with: parsed (after onRequest), refused, timed out or closed. */
  onHeadSettled?: () => void;
  log?: (line: string) => void;
}

/**
 * One connection, one request, then close — Tiny's loop body. Every socket error (EPIPE, ECONNRESET) ends
 * this exchange only; a client that never finishes its head is dropped after `headTimeoutMs`.
 */
export function handleConnection(socket: Socket, context: ServerContext, hooks: ConnectionHooks): void {
  const exchange = new Exchange(socket);
  const reader = new RequestHeadReader();
  let headDone = false;
  let lingerTimer: NodeJS.Timeout | undefined;
  socket.on('error', () => {});
  const headTimer = setTimeout(() => {
    exchange.requestLine ??= reader.firstLine;
    socket.destroy();
  }, context.headTimeoutMs);
  let settled = false;
  const settle = () => {
    if (settled) return;
    settled = true;
    hooks.onHeadSettled?.();
  };
  const finishHead = (): boolean => {
    if (headDone) return false;
    headDone = true;
    clearTimeout(headTimer);
    return true;
  };

  socket.on('data', (chunk: Buffer) => {
    if (headDone) return;
    const progress = reader.push(chunk);
    if (progress.kind === 'incomplete' || !finishHead()) return;
    if (progress.kind === 'too-large') {
      exchange.requestLine = reader.firstLine ?? '';
      exchange.sendError(400, progress.reason);
      settle();
      return;
    }
    answerRequest(exchange, context, hooks, progress.requestLine);
    settle();
  });
  socket.on('end', () => {
    if (!finishHead()) return;
    const requestLine = reader.firstLine;
    if (requestLine !== undefined) answerRequest(exchange, context, hooks, requestLine);
    else if (reader.hasPartialLine) exchange.sendError(400, 'The request ended before its request line did');
    else socket.end();
    settle();
  });
  socket.on('finish', () => {
    lingerTimer = setTimeout(() => socket.destroy(), LINGER_MS);
  });
  socket.once('close', () => {
    settle();
    clearTimeout(headTimer);
    clearTimeout(lingerTimer);
    if (hooks.log && (exchange.requestLine !== undefined || exchange.status !== 0)) {
      hooks.log(formatLogLine(exchange));
    }
  });
}

function answerRequest(
  exchange: Exchange,
  context: ServerContext,
  hooks: ConnectionHooks,
  requestLine: string,
): void {
  exchange.requestLine = requestLine;
  dispatchRequest(exchange, context, hooks, requestLine).catch(() => {
    if (exchange.status === 0) exchange.sendError(500, 'Tiny failed while answering');
    else exchange.socket.destroy();
  });
}

async function dispatchRequest(
  exchange: Exchange,
  context: ServerContext,
  hooks: ConnectionHooks,
  requestLine: string,
): Promise<void> {
  const parsed = parseRequestLine(requestLine);
  if (!parsed.ok) {
    exchange.sendError(400, parsed.reason);
    return;
  }
  hooks.onRequest?.({ method: parsed.method, uri: parsed.uri, remoteAddress: exchange.remoteAddress });
  // Tiny compares methods with strcasecmp, so `get` is served too.
  const method = parsed.method.toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') {
    exchange.sendError(501, 'Tiny does not implement this method');
    return;
  }
  const headOnly = method === 'HEAD';
  const route = routeUri(parsed.uri);
  if (!route.ok) {
    exchange.sendError(route.status, route.message, headOnly);
    return;
  }
  const located = await locateInsideRoot(context.rootReal, route.relativePath);
  if (!located.ok) {
    exchange.sendError(located.status, located.message, headOnly);
    return;
  }
  if (exchange.isGone) return;
  if (!route.dynamic) {
    await serveStatic(exchange, located.filePath, headOnly);
    return;
  }
  const cgiRequest = { filePath: located.filePath, scriptName: route.urlPath, query: route.query, method };
  await serveCgi(exchange, context, { ...cgiRequest, headOnly });
}

/** `127.0.0.1 "GET /home.html HTTP/1.0" 200 342` — status `-` when the client left before an answer. */
export function formatLogLine(exchange: Exchange): string {
  const requestLine = (exchange.requestLine ?? '').replace(
    /[^\x20-\x7e]|["\\]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
  const status = exchange.status === 0 ? '-' : String(exchange.status);
  return `${exchange.remoteAddress} "${requestLine}" ${status} ${exchange.socket.bytesWritten}`;
}
