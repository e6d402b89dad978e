import { pick } from '../i18n.js';
import type { CrashInfo, Lang, ProxyEndpoint, TargetInfo, TargetKind, Text } from '../types.js';

/** Outcome of a build step (make); a failed build is the student's result, not a grader error. */
export interface PrepareResult {
  ok: boolean;
  durationMs: number;
  outputTail: string[];
  /** One sentence when not ok, e.g. 'make exited with code 2'. */
  reason?: Text;
}

/** A proxy that is up and accepting connections. */
export interface StartedTarget {
  readonly endpoint: ProxyEndpoint;
  /** Pid on this machine when the grader started the process itself. */
  readonly pid: number | undefined;
  /** How the proxy ended, once it has; undefined while it runs. */
  exited(): CrashInfo | undefined;
  /** Liveness after a check: resolves true when the proxy still runs (or still accepts, for --address). */
  isAlive(): Promise<boolean>;
  /** Last lines of its output (stderr and stdout, interleaved). */
  outputTail(): string[];
  /** Stops the proxy and everything it started; idempotent. */
  stop(): Promise<void>;
}

export type StartResult =
  | { ok: true; started: StartedTarget }
  | { ok: false; reason: Text; crash?: CrashInfo; outputTail: string[] };

/** Something that can be graded: built once, started (and restarted after a crash) as often as needed. */
export interface Target {
  readonly kind: TargetKind;
  readonly description: Text;
  /** false for targets the grader cannot restart (--address). */
  readonly restartable: boolean;
  readonly notes: Text[];
  prepare(): Promise<PrepareResult>;
  start(options: { startupTimeoutMs: number; log: (line: string) => void }): Promise<StartResult>;
  /** Removes what prepare() made (a jailed submission's private copy), once grading is over. */
  close?(): Promise<void>;
}

export function describeTarget(target: Target, lang: Lang = 'en'): TargetInfo {
  const notes = target.notes.map((note) => pick(note, lang));
  return { kind: target.kind, description: pick(target.description, lang), notes };
}

export const NOTHING_TO_PREPARE: PrepareResult = { ok: true, durationMs: 0, outputTail: [] };
