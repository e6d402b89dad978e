import { MAX_TIMER_MS } from '../options/bounded-number.js';

/**
 * A delay Node's timers can hold: at most 2^31 - 1 ms (a longer one fires after 1 ms with a warning), at least
 * 1 ms. NaN is a grader bug, refused rather than turned into an instant timeout.
 */
export function clampTimerMs(ms: number): number {
  if (Number.isNaN(ms)) throw new RangeError('a timer delay is NaN');
  return Math.min(MAX_TIMER_MS, Math.max(1, Math.round(ms)));
}

/** setTimeout with the delay clamped by clampTimerMs, so a scaled limit never turns into an instant one. */
export function setClampedTimeout(callback: () => void, ms: number): NodeJS.Timeout {
  return setTimeout(callback, clampTimerMs(ms));
}
