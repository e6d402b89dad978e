import type { Socket } from 'node:net';
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
import type { OriginConnection, OriginListener } from './socket/origin-pool.js';

/**
 * Fetches the request from its origin and streams the response to the client unchanged, reading no
 * further from the origin while the client has bytes queued. A complete 200 response small enough is
 * stored in the cache.
 * Failures before the first response byte become 502/504 pages; after it the client is simply closed.
 */
export function relayFromOrigin(
  client: Socket,
  request: RequestHead,
  record: ExchangeRecord,
  context: ExchangeContext,
): void {
  new Relay(client, request, record, context).start();
}

/** One exchange's origin side; it hears the origin connection's events through OriginListener. */
class Relay implements OriginListener {
  /** Until its 'close': afterwards the socket may already carry another exchange's connection. */
  private origin: OriginConnection | undefined;
  private readonly capture: ResponseCapture | undefined;
  /** First the connect timeout, then the idle timeout, which every chunk and every flush push back. */
  private readonly deadline = new Deadline(() => this.onDeadline());
  private settled = false; // the origin has ended, failed or been given up on
  private connected = false;
  /** Reading from the origin stopped until the client has taken what was written to it. */
  private waitingForClient = false;

  constructor(
    private readonly client: Socket,
    private readonly request: RequestHead,
    private readonly record: ExchangeRecord,
    private readonly context: ExchangeContext,
  ) {
    this.capture = context.cache && new ResponseCapture(context.cache.maxObjectBytes);
  }

  start(): void {
    const { target } = this.request;
    this.origin = this.context.origins.open(target.host, target.port, this);
    this.deadline.setIn(this.context.originConnectTimeoutMs);
    this.client.on('close', () => {
      this.settle();
      this.origin?.destroy();
    });
  }

  onOriginConnect(): void {
    this.connected = true;
    if (this.settled) return;
    this.origin?.socket.write(buildForwardHead(this.request), 'latin1');
    this.deadline.setIn(this.context.originIdleTimeoutMs);
  }

  /**
   * The chunk lives in the origin connection's read buffer, which the next read overwrites. A write the
   * kernel took whole is done with it; a write still queued holds a view of it, so reading stops until
   * the client has taken everything (exact backpressure, and no copy of the chunk).
   */
  onOriginData(chunk: Buffer): boolean {
    const { client, record } = this;
    if (this.settled || client.destroyed) return true;
    this.deadline.setIn(this.context.originIdleTimeoutMs);
    if (record.bytesSent === 0) record.status = readStatusCode(chunk);
    record.bytesSent += chunk.length;
    this.capture?.add(chunk);
    client.write(chunk, this.onClientWritten);
    if (client.writableLength === 0) return true;
    this.waitingForClient = true;
    return false;
  }

  /** After each write: once the client has taken every queued byte, the origin is read again. */
  private readonly onClientWritten = (error?: Error | null): void => {
    if (!this.waitingForClient || error || this.client.writableLength > 0) return;
    this.waitingForClient = false;
    if (this.settled) return;
    this.deadline.setIn(this.context.originIdleTimeoutMs);
    this.origin?.resume();
  };

  onOriginEnd(): void {
    if (this.record.bytesSent === 0) {
      this.fail(502, 'the origin closed the connection without sending a response');
      return;
    }
    if (!this.settle()) return;
    this.origin?.finish();
    const object = this.capture?.takeCacheable();
    if (object !== undefined) this.context.cache?.set(this.request.cacheKey, object);
    endGracefully(this.client, undefined, this.context.originIdleTimeoutMs);
  }

  onOriginError(error: Error): void {
    const code = errorCode(error);
    const { target } = this.request;
    if (this.record.bytesSent === 0) {
      this.fail(code === 'ETIMEDOUT' ? 504 : 502, describeOriginError(code, target.host, target.port));
    } else if (this.settle()) {
      this.record.explain(`origin ${code} mid-response`);
      endGracefully(this.client, undefined, this.context.originIdleTimeoutMs);
    }
  }

  onOriginClose(): void {
    this.origin = undefined;
  }

  private onDeadline(): void {
    const { client, record } = this;
    const idleMs = this.context.originIdleTimeoutMs;
    if (!this.connected) {
      this.fail(
        504,
        `the origin did not accept a connection within ${this.context.originConnectTimeoutMs} ms`,
      );
    } else if (record.bytesSent === 0) {
      this.fail(504, `the origin sent nothing for ${idleMs} ms`);
    } else if (this.waitingForClient) {
      record.explain(`client read nothing for ${idleMs} ms`);
      client.destroy();
    } else if (this.settle()) {
      record.explain(`origin stalled mid-response for ${idleMs} ms`);
      this.origin?.destroy();
      endGracefully(client, undefined, idleMs);
    }
  }

  private settle(): boolean {
    if (this.settled) return false;
    this.settled = true;
    this.deadline.cancel();
    return true;
  }

  private fail(status: ErrorStatus, detail: string): void {
    if (!this.settle()) return;
    this.origin?.destroy();
    sendError(this.client, this.record, this.context, status, detail);
  }
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
