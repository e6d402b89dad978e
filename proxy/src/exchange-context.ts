import type { LruCache } from './cache/lru-cache.js';
import type { LogSink } from './log.js';
import type { OriginPool, SocketTracker } from './socket/origin-pool.js';

/** What every exchange shares with the server that accepted it. */
export interface ExchangeContext {
  readonly cache: LruCache | undefined;
  readonly clientHeadTimeoutMs: number;
  readonly originConnectTimeoutMs: number;
  readonly originIdleTimeoutMs: number;
  readonly log: LogSink | undefined;
  /** Client sockets are registered while open (so that closing the server can destroy them). */
  readonly sockets: SocketTracker;
  /** Where origin connections come from (sockets reused once closed, registered while open). */
  readonly origins: OriginPool;
}
