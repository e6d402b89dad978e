import { readdir } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';

/** Number of open file descriptors of process `pid` (/proc/<pid>/fd), or undefined when it can't be read. */
export async function countOpenFds(pid: number): Promise<number | undefined> {
  try {
    return (await readdir(`/proc/${pid}/fd`)).length;
  } catch {
    return undefined;
  }
}

export interface FdSettleResult {
  /** True once the count dropped to `atMost` or below. */
  settled: boolean;
  /** The last count read (undefined when /proc stopped answering: the process is gone). */
  count: number | undefined;
}

/**
 * Polls until process `pid` holds at most `atMost` descriptors. A proxy closes its sockets a little after the
 * client sees the end of a response, so the count is given `timeoutMs` to settle.
 */
export async function waitForFdCount(
  pid: number,
  atMost: number,
  options: { timeoutMs: number; pollMs?: number; signal?: AbortSignal },
): Promise<FdSettleResult> {
  const deadline = performance.now() + options.timeoutMs;
  for (;;) {
    const count = await countOpenFds(pid);
    if (count === undefined) return { settled: false, count };
    if (count <= atMost) return { settled: true, count };
    if (performance.now() >= deadline || options.signal?.aborted) return { settled: false, count };
    await delay(options.pollMs ?? 20);
  }
}

/** Polls until the count reads the same three times in a row (bounded); the count then, or undefined. */
export async function readSettledFdCount(
  pid: number,
  options: { timeoutMs: number; pollMs?: number; signal?: AbortSignal },
): Promise<number | undefined> {
  const deadline = performance.now() + options.timeoutMs;
  let last = await countOpenFds(pid);
  let same = 1;
  while (last !== undefined && same < 3 && performance.now() < deadline && !options.signal?.aborted) {
    await delay(options.pollMs ?? 20);
    const count = await countOpenFds(pid);
    same = count === last ? same + 1 : 1;
    last = count;
  }
  return last;
}
