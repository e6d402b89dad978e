import { BATCH_WALL_MARGIN_SECONDS } from '../defaults.js';
import type { NumberBounds } from './bounded-number.js';

// The bounds of every numeric option. They are chosen so that the longest timer derived from them stays below
// Node's limit (2^31 - 1 ms, about 24.8 days): the longest check limit (90 s) and the budget are multiplied by
// --timeout-scale, and a batch job's default wall time is make-timeout + budget × scale + 60 s.

/** --timeout-scale: 0.1 (a fast machine) to 100 (an emulator). */
export const TIMEOUT_SCALE: NumberBounds = { min: 0.1, max: 100 };
/** --budget: 1 s to 4 h per run (× 100 at most: 16.7 days). */
export const BUDGET_SECONDS: NumberBounds = { min: 1, max: 14_400, unit: 'seconds' };
/** --make-timeout: 1 s to 1 h. */
export const MAKE_TIMEOUT_SECONDS: NumberBounds = { min: 1, max: 3600, unit: 'seconds' };
/** --wall (batch): 1 s to 20 days per submission. */
export const WALL_SECONDS: NumberBounds = { min: 1, max: 1_728_000, unit: 'seconds' };
/** --jobs (batch): 1 to 256 submissions at once. */
export const JOBS: NumberBounds = { min: 1, max: 256, integer: true };
/** --shard I/N (batch): N up to 1000. */
export const MAX_SHARDS = 1000;
/** --fail-under: 0 to 10 000 points (a rubric file may weigh more than 100; the rubric's maximum is checked too). */
export const FAIL_UNDER_POINTS: NumberBounds = { min: 0, max: 10_000, unit: 'points' };

/** --memory: 16 MiB to 64 GiB of memory for jailed student code (make, the proxy). */
export const MEMORY_MIB: NumberBounds = { min: 16, max: 65_536, integer: true, unit: 'MiB' };
/** --pids: 8 to 65 536 processes for jailed student code. */
export const PIDS: NumberBounds = { min: 8, max: 65_536, integer: true };

/** The longest timer these bounds allow, in ms: a batch job's default wall time at every maximum. */
export function longestDerivedTimerMs(): number {
  const budget = BUDGET_SECONDS.max * TIMEOUT_SCALE.max;
  return (MAKE_TIMEOUT_SECONDS.max + budget + BATCH_WALL_MARGIN_SECONDS) * 1000;
}
