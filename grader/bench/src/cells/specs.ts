import type { CellName, CellSpec } from './types.js';

export const CELL_SPECS: Readonly<Record<CellName, CellSpec>> = {
  small: { name: 'small', title: '1 KiB object, cache bypassed', unit: 'req/s', higherIsBetter: true },
  hit: { name: 'hit', title: '1 KiB object, cache hit', unit: 'req/s', higherIsBetter: true },
  large: { name: 'large', title: '10 MiB object, cache bypassed', unit: 'MB/s', higherIsBetter: true },
  idle: { name: 'idle', title: 'RSS with idle client connections', unit: 'MB', higherIsBetter: false },
};

export const CELL_NAMES = Object.keys(CELL_SPECS) as CellName[];

/**
 * Load generator threads against the direct origin: one wrk thread is at ~100 % of a core before nginx
 * is, so the limit needs two; proxies are measured with one (the other core is theirs).
 */
export const DIRECT_LOAD_THREADS = 2;

/** Load shape of each load cell. Durations are whole seconds (wrk's unit). */
export interface LoadShape {
  connections: number;
  durationS: number;
  warmupS: number;
  timeoutMs: number;
}

export function loadShapeOf(cell: Exclude<CellName, 'idle'>, quick: boolean): LoadShape {
  const durationS = quick ? 2 : 5;
  const warmupS = 1;
  return cell === 'large'
    ? { connections: 4, durationS, warmupS, timeoutMs: 30_000 }
    : { connections: 32, durationS, warmupS, timeoutMs: 10_000 };
}
