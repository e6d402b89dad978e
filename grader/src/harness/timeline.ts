// What happened on the wire during one check, on a time axis: each client connection the grader opened (through
// the proxy, or straight to an origin for ground truth) and each connection the proxy made to a grader origin.
// Checks run one at a time, so one recorder at a time collects from every client and origin of the process.

/** One connection: from its start to its close, in ms since the check began. */
export interface TimelineSpan {
  kind: 'client' | 'direct' | 'origin';
  /** 'client 3', 'origin :41234 #2' */
  lane: string;
  startMs: number;
  /** the first response byte (clients) */
  firstByteMs?: number;
  /** closed, reset or given up; absent while still open when the check ended */
  endMs?: number;
  /** how it ended: 'eof', 'reset', 'timeout', 'closed' */
  end?: string;
}

export interface Timeline {
  durationMs: number;
  spans: TimelineSpan[];
  /** spans left out past MAX_SPANS */
  omitted: number;
}

const MAX_SPANS = 400;

export interface SpanHandle {
  firstByte(): void;
  close(how: string): void;
}

interface Recorder {
  started: number;
  proxyPort: number;
  spans: TimelineSpan[];
  omitted: number;
  counts: Map<string, number>;
}

let current: Recorder | undefined;
const NOOP: SpanHandle = { firstByte() {}, close() {} };

/** Starts collecting (replacing any recorder left open); `stop` returns the timeline. */
export function startTimeline(proxyPort: number): { stop(): Timeline } {
  const recorder: Recorder = {
    started: performance.now(),
    proxyPort,
    spans: [],
    omitted: 0,
    counts: new Map(),
  };
  current = recorder;
  return {
    stop() {
      if (current === recorder) current = undefined;
      const durationMs = Math.round(performance.now() - recorder.started);
      return { durationMs, spans: recorder.spans, omitted: recorder.omitted };
    },
  };
}

function open(kind: TimelineSpan['kind'], lane: string): SpanHandle {
  const recorder = current;
  if (!recorder) return NOOP;
  if (recorder.spans.length >= MAX_SPANS) {
    recorder.omitted++;
    return NOOP;
  }
  const at = () => Math.round((performance.now() - recorder.started) * 10) / 10;
  const span: TimelineSpan = { kind, lane, startMs: at() };
  recorder.spans.push(span);
  return {
    firstByte() {
      span.firstByteMs ??= at();
    },
    close(how) {
      if (span.endMs !== undefined) return;
      span.endMs = at();
      span.end = how;
    },
  };
}

function next(recorder: Recorder, key: string): number {
  const n = (recorder.counts.get(key) ?? 0) + 1;
  recorder.counts.set(key, n);
  return n;
}

/** A client connection the grader opens to `port` (the proxy's, or an origin's for ground truth). */
export function traceClient(port: number): SpanHandle {
  const recorder = current;
  if (!recorder) return NOOP;
  const direct = port !== recorder.proxyPort;
  return open(
    direct ? 'direct' : 'client',
    `${direct ? 'direct' : 'client'} ${next(recorder, direct ? 'd' : 'c')}`,
  );
}

/** A connection the proxy made to the grader's origin listening on `port`. */
export function traceOrigin(port: number): SpanHandle {
  const recorder = current;
  if (!recorder) return NOOP;
  return open('origin', `origin :${port} #${next(recorder, `o${port}`)}`);
}
