// The probe fetch at the start of each suite: does this proxy answer at all, and how fast?
import { freshUrl } from '../harness/corpus/fresh-url.js';
import type { Harness } from '../harness/harness.js';
import { fetchViaProxy } from '../harness/clients/raw-client.js';
import type { StartedTarget } from '../targets/target.js';
import { type HangFacts, markCpu, readHangFacts } from './hang-facts.js';

/** How long a fresh proxy may take to send the first byte of a small page (scaled by --timeout-scale). */
export const PROBE_TIMEOUT_MS = 2500;
/** The same, once an earlier suite's fresh process of this proxy answered nothing at all. */
export const REPROBE_TIMEOUT_MS = 1000;

export interface ProbeResult {
  url: string;
  /** at least one byte came back, or the proxy closed the connection, within the limit */
  answered: boolean;
  /** the proxy died during the probe */
  died: boolean;
  durationMs: number;
  limitMs: number;
  /** what the proxy was doing when it answered nothing */
  hang?: HangFacts;
}

/** Fetches a small page through `proxy` with a short limit; never throws. */
export async function probeProxy(
  proxy: StartedTarget,
  harness: Harness,
  timeoutScale: number,
  /** an earlier probe of this proxy got nothing */
  silentBefore = false,
): Promise<ProbeResult> {
  const url = freshUrl(harness, 'home');
  const baseMs = silentBefore ? REPROBE_TIMEOUT_MS : PROBE_TIMEOUT_MS;
  const limitMs = Math.max(1, Math.round(baseMs * timeoutScale));
  const mark = await markCpu(proxy.pid);
  const response = await fetchViaProxy(proxy.endpoint, url, { timeoutMs: limitMs });
  const answered = response.bytes.length > 0 || !response.timedOut;
  const died = !(await proxy.isAlive());
  const hang = answered || died ? undefined : await readHangFacts(mark, proxy.endpoint.port);
  return { url, answered, died, durationMs: response.durationMs, limitMs, hang };
}
