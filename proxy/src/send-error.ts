import type { Socket } from 'node:net';
import type { ExchangeContext } from './exchange-context.js';
import { buildErrorResponse, type ErrorStatus } from './http/error-response.js';
import type { ExchangeRecord } from './log.js';
import { endGracefully } from './socket/end-gracefully.js';

/** Answers with a small error page and closes; when response bytes already went out, it only closes. */
export function sendError(
  client: Socket,
  record: ExchangeRecord,
  context: ExchangeContext,
  status: ErrorStatus,
  detail: string,
): void {
  record.explain(detail);
  if (client.destroyed) return;
  if (record.bytesSent > 0) {
    endGracefully(client, undefined, context.originIdleTimeoutMs);
    return;
  }
  const response = buildErrorResponse(status, detail);
  record.status = status;
  record.bytesSent = response.length;
  endGracefully(client, response, context.originIdleTimeoutMs);
}
