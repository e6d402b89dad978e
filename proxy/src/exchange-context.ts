import type { Socket } from 'node:net';
import type { LruCache } from './cache/lru-cache.js';
import type { LogSink } from './log.js';

/** What every exchange shares with the server that accepted it. */
export interface ExchangeContext {
  readonly cache: LruCache | undefined;
  readonly clientHeadTimeoutMs: number;
  readonly originConnectTimeoutMs: number;
  readonly originIdleTimeoutMs: number;
  readonly log: LogSink | undefined;
  /** Registers a socket so that closing the server can destroy it. */
  readonly track: (socket: Socket) => void;
}
