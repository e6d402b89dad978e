import type { ProcessResult } from './process-result.js';
import { startGroup } from './start-group.js';

export interface QuickRun extends ProcessResult {
  /** the exit code; null after a signal, 127 when it never started */
  code: number | null;
  /** stdout and stderr interleaved, the first 64 KiB (and why it never started, if so) */
  output: string;
}

const OUTPUT_CAP = 65_536;

/** Runs a short command in its own process group, SIGKILLed with it after `timeoutMs`; output capped at 64 KiB. */
export async function runQuick(
  argv: string[],
  options: { timeoutMs?: number; input?: string } = {},
): Promise<QuickRun> {
  const [file, ...args] = argv as [string, ...string[]];
  const group = startGroup(file, args, {
    input: options.input ?? '',
    timeoutMs: options.timeoutMs ?? 10_000,
    graceMs: 0,
    maxBufferBytes: OUTPUT_CAP,
  });
  const result = await group.result;
  if (result.startError) return { ...result, code: 127, output: `${result.all}${result.startError}` };
  return { ...result, code: result.exitCode ?? null, output: result.all };
}

/**
 * The stdout of a short command that exited 0 (run in a group of its own, like every child), or undefined
 * when it failed, could not start or outlived `timeoutMs`.
 */
export async function readCommand(
  argv: string[],
  options: { timeoutMs: number; maxBufferBytes?: number },
): Promise<string | undefined> {
  const [file, ...args] = argv as [string, ...string[]];
  const group = startGroup(file, args, {
    timeoutMs: options.timeoutMs,
    graceMs: 0,
    maxBufferBytes: options.maxBufferBytes ?? 1 << 20,
  });
  const result = await group.result;
  return result.failed ? undefined : result.stdout;
}
