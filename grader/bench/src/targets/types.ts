import type { CellName } from '../cells/types.js';
import type { GroupChild } from '../process-groups.js';
import type { WorkDir } from '../workdir.js';

export type TargetName =
  | 'direct'
  | 'node-relay'
  | 'reference'
  | 'reference-before'
  | 'reference-nocache'
  | 'c'
  | 'tinyproxy'
  | 'squid';

export interface OriginInfo {
  readonly kind: 'nginx' | 'tiny';
  readonly label: string;
  readonly port: number;
  readonly process: GroupChild;
}

export interface BenchContext {
  readonly repoRoot: string;
  readonly workDir: WorkDir;
  readonly origin: OriginInfo;
  /** Another checkout whose built proxy is measured as `reference-before` (--before). */
  readonly beforeRepo: string | undefined;
}

/** One running program under measurement. */
export interface StartedTarget {
  readonly port: number;
  /** Leader of the target's process group: CPU and RSS are read for the whole group. */
  readonly pid: number;
  stop(): Promise<void>;
}

export interface BenchTarget {
  readonly name: TargetName;
  /** Shown in tables, e.g. "tinyproxy 1.11.1". */
  label: string;
  /** False for the origin measured directly. */
  readonly isProxy: boolean;
  /** Measured in the cache-hit cell: targets with a cache, and the direct origin as the limit. */
  readonly inHitCell: boolean;
  /** When set, the only cells this target is measured in. */
  readonly onlyCells?: readonly CellName[];
  /** Why this target cannot run here (not installed, build failed), or undefined when it can. */
  prepare(context: BenchContext): Promise<string | undefined>;
  /**
   * `fresh`: a new process even where one is shared (the direct origin), for memory figures that must
   * not carry over from earlier cells.
   */
  start(context: BenchContext, options?: { fresh?: boolean }): Promise<StartedTarget>;
}
