import { constants } from 'node:os';

/** How a child process ended, in execa's shapes (`failed`, `timedOut`, `signal`, `exitCode`, `durationMs`). */
export interface ProcessResult {
  /** the command line, for messages */
  command: string;
  /** its exit code; undefined when a signal ended it or it never started */
  exitCode: number | undefined;
  /** the signal that ended it, e.g. 'SIGSEGV' */
  signal: NodeJS.Signals | undefined;
  /** it did not exit 0 by itself: an exit code, a signal, the deadline, or it never started */
  failed: boolean;
  /** the deadline passed and the group was stopped */
  timedOut: boolean;
  /** a signal ended it */
  isTerminated: boolean;
  /** from start to the leader's exit (to the pipes' close for `StartedGroup.result`) */
  durationMs: number;
  /** why it could not start (e.g. `spawn nsenter ENOENT`), when it could not */
  startError?: string;
  /** the head of each piped stream and of both interleaved, up to `maxBufferBytes` each ('' otherwise) */
  stdout: string;
  stderr: string;
  all: string;
}

/** A shell's view of a result: the exit code, 128 + n after signal n, 127 when it never started. */
export function shellExitCode(result: ProcessResult): number {
  if (result.exitCode !== undefined) return result.exitCode;
  if (result.signal) return 128 + ((constants.signals as Record<string, number>)[result.signal] ?? 0);
  return 127;
}
