import { connect, type Socket } from 'node:net';
import { ResponseCapture } from './cache/response-capture.js';
import type { ExchangeContext } from './exchange-context.js';
import type { ErrorStatus } from './http/error-response.js';
import { buildForwardHead } from './http/forward-head.js';
import type { RequestHead } from './http/request-head.js';
import { readStatusCode } from './http/status-code.js';
import type { ExchangeRecord } from './log.js';
import { sendError } from './send-error.js';
import { Deadline } from './socket/deadline.js';
import { endGracefully } from './socket/end-gracefully.js';

/**
 * Fetches the request from its origin and streams the response to the client unchanged, pausing the
 * origin whenever the client cannot keep up. A complete 200 response small enough is stored in the cache.
 * Failures before the first response byte become 502/504 pages; after it the client is simply closed.
 */
export function relayFromOrigin(
  client: Socket,
  request: RequestHead,
  record: ExchangeRecord,
  context: ExchangeContext,
): void {
  const { target } = request;
  // allowHalfOpen: when the origin has sent everything, the connection is closed outright (one close, a
  // FIN to the origin) instead of Node's half-close first, shutdown, then close once that finished.
  const origin = connect({ host: target.host, port: target.port, allowHalfOpen: true });
  context.track(origin);
  const capture = context.cache && new ResponseCapture(context.cache.maxObjectBytes);
  const idleMs = context.originIdleTimeoutMs;
  let settled = false; // the origin has ended, failed or been given up on
  let connected = false;

  // One deadline for the whole exchange: first the connect timeout, then the idle timeout, which every
  // chunk relayed (and every drain of the client) pushes back without touching a timer.
  const deadline = new Deadline(() => {
    if (!connected) {
      fail(504, `the origin did not accept a connection within ${context.originConnectTimeoutMs} ms`);
    } else if (record.bytesSent === 0) {
      fail(504, `the origin sent nothing for ${idleMs} ms`);
    } else if (origin.isPaused()) {
      record.explain(`client read nothing for ${idleMs} ms`);
      client.destroy();
    } else if (settle()) {
      record.explain(`origin stalled mid-response for ${idleMs} ms`);
      origin.destroy();
      endGracefully(client, undefined, idleMs);
    }
  });
  deadline.setIn(context.originConnectTimeoutMs);

  const settle = (): boolean => {
    if (settled) return false;
    settled = true;
    deadline.cancel();
    return true;
  };
  const fail = (status: ErrorStatus, detail: string): void => {
    if (!settle()) return;
    origin.destroy();
    sendError(client, record, context, status, detail);
  };

  client.on('close', () => {
    settle();
    origin.destroy();
  });
  client.on('drain', () => {
    if (connected && !settled) deadline.setIn(idleMs);
    origin.resume();
  });

  // Written once connected: a write before that would make Node queue it with listeners of its own.
  origin.on('connect', () => {
    connected = true;
    if (settled) return;
    origin.write(buildForwardHead(request), 'latin1');
    deadline.setIn(idleMs);
  });
  origin.on('data', (chunk: Buffer) => {
    if (settled || client.destroyed) return;
    deadline.setIn(idleMs);
    if (record.bytesSent === 0) record.status = readStatusCode(chunk);
    record.bytesSent += chunk.length;
    capture?.add(chunk);
    if (!client.write(chunk)) origin.pause();
  });
  origin.on('end', () => {
    if (record.bytesSent === 0) {
      fail(502, 'the origin closed the connection without sending a response');
      return;
    }
    if (!settle()) return;
    origin.destroy();
    const object = capture?.takeCacheable();
    if (object !== undefined) context.cache?.set(target.cacheKey, object);
    endGracefully(client, undefined, context.originIdleTimeoutMs);
  });
  origin.on('error', (error: NodeJS.ErrnoException) => {
    const code = errorCode(error);
    if (record.bytesSent === 0) {
      fail(code === 'ETIMEDOUT' ? 504 : 502, describeOriginError(code, target.host, target.port));
    } else if (settle()) {
      record.explain(`origin ${code} mid-response`);
      endGracefully(client, undefined, context.originIdleTimeoutMs);
    }
  });
}

function errorCode(error: Error): string {
  const { code } = error as NodeJS.ErrnoException;
  if (code !== undefined) return code;
  // With several addresses to try, Node reports an AggregateError holding one error per attempt.
  const first = (error as Partial<AggregateError>).errors?.[0] as NodeJS.ErrnoException | undefined;
  return first?.code ?? error.message;
}

function describeOriginError(code: string, host: string, port: number): string {
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
      return `the origin host name ${host} could not be resolved (${code})`;
    case 'ECONNREFUSED':
      return `the origin ${host}:${port} refused the connection`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `the origin ${host}:${port} is unreachable (${code})`;
    case 'ETIMEDOUT':
      return `the connection to the origin ${host}:${port} timed out`;
    default:
      return `the connection to the origin ${host}:${port} failed (${code})`;
  }
}
