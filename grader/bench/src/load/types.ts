/** One bounded load: `connections` loops, each opening a fresh connection per request, for `durationMs`. */
export interface LoadSpec {
  port: number;
  /** Request target: "/1k.bin" to an origin, "http://127.0.0.1:PORT/1k.bin" (absolute form) to a proxy. */
  target: string;
  /** Host header value. */
  host: string;
  /** Append "?<run>-<n>" so no two requests share a URL (no cache hit anywhere). */
  uniqueQuery: boolean;
  connections: number;
  /** Load generator threads (wrk); at most `connections`. The node generator always uses one. */
  threads: number;
  durationMs: number;
  /** Per-request limit; a request still unanswered then counts as a timeout. */
  timeoutMs: number;
  /** Smallest correct response (the object alone): shorter responses are counted as errors. */
  minResponseBytes: number;
}

export interface LoadResult {
  tool: 'wrk' | 'node';
  requests: number;
  bytes: number;
  durationMs: number;
  /** connect, read, write, non-2xx/3xx status, timeouts, short responses. */
  errors: { connect: number; read: number; write: number; status: number; timeout: number; short: number };
  /** Request written → response complete (wrk's definition: the TCP connect is not included). */
  p50Ms: number;
  p99Ms: number;
  /** CPU seconds the load generator itself used (polled; a busy generator caps what it can measure). */
  loadCpuS: number;
  /**
   * wrk only: the server closed every connection after its response without saying "Connection: close", so wrk
   * tried its next request on the closed connection and counted one read error per response (tinyproxy does
   * this). Those read errors are moved here: no response was lost.
   */
  closesWithoutNotice?: number;
}

export function totalErrors(result: LoadResult): number {
  const { connect, read, write, status, timeout, short } = result.errors;
  return connect + read + write + status + timeout + short;
}
