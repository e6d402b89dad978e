import type { Socket } from 'node:net';
import { RequestError } from './errors.js';
import type { ExchangeContext } from './exchange-context.js';
import { HeadReader } from './http/head-reader.js';
import { parseRequestHead, type RequestHead } from './http/request-head.js';
import { ExchangeRecord } from './log.js';
import { relayFromOrigin } from './relay.js';
import { sendError } from './send-error.js';
import { endGracefully } from './socket/end-gracefully.js';

/**
 * Runs one client connection: read its request head (bounded in size and time), then answer it from the
 * cache, from the origin, or with an error. Whatever happens, only this connection and its origin
 * connection are affected.
 */
export function handleClient(client: Socket, context: ExchangeContext): void {
  const record =
    context.log === undefined
      ? new ExchangeRecord()
      : ExchangeRecord.forClient(client.remoteAddress, client.remotePort);
  const reader = new HeadReader();
  let readingHead = true;

  let headTimedOut = false;
  const headTimer = setTimeout(() => {
    headTimedOut = true;
    record.explain(`no complete request head within ${context.clientHeadTimeoutMs} ms`);
    client.destroy();
  }, context.clientHeadTimeoutMs);

  client.on('error', (error: NodeJS.ErrnoException) =>
    record.explain(`client ${error.code ?? error.message}`),
  );
  // 'close', 'end', 'connect' and 'finish' come at most once: plain listeners, without once()'s wrapper.
  client.on('close', () => {
    clearTimeout(headTimer);
    // A connection that sent nothing and went away is a port probe, not an exchange: it is not logged.
    record.silent = !reader.receivedAny && !headTimedOut;
    record.write(context.log);
    context.sockets.untrack(client);
  });
  client.on('end', () => {
    if (!readingHead) return; // a half-close after the head still gets its response
    record.explain('client closed before the end of its request head');
    client.destroy();
  });
  // One listener for the connection's whole life: bytes after the head are read and ignored.
  client.on('data', (chunk: Buffer) => {
    if (!readingHead) return;
    try {
      const result = reader.push(chunk);
      if (!result.done) return;
      readingHead = false;
      clearTimeout(headTimer);
      record.requestLine = result.lines[0] ?? '';
      serveRequest(client, parseRequestHead(result.lines), record, context);
    } catch (error) {
      readingHead = false;
      clearTimeout(headTimer);
      record.requestLine ||= reader.firstLine;
      if (error instanceof RequestError) {
        sendError(client, record, context, error.status, error.message);
      } else {
        record.explain(`internal error: ${error instanceof Error ? error.message : String(error)}`);
        client.destroy();
      }
    }
  });
}

function serveRequest(
  client: Socket,
  request: RequestHead,
  record: ExchangeRecord,
  context: ExchangeContext,
) {
  const cached = context.cache?.get(request.cacheKey);
  if (cached !== undefined) {
    record.cache = 'HIT';
    record.status = 200;
    record.bytesSent = cached.length;
    endGracefully(client, cached, context.originIdleTimeoutMs);
    return;
  }
  if (context.cache !== undefined) record.cache = 'MISS';
  relayFromOrigin(client, request, record, context);
}
