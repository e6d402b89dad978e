import { settlesWithin } from './deadline.js';

/** Async cleanups to run when the grader is interrupted (containers cannot be killed by a process-group signal). */
const cleanups = new Set<() => Promise<unknown>>();

/** Registers `cleanup` for Ctrl-C / SIGTERM; returns the function that unregisters it (call it once done). */
export function onInterrupt(cleanup: () => Promise<unknown>): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

/** Runs every registered cleanup at once, each bounded by `timeoutMs`; never throws. */
export async function runInterruptCleanups(timeoutMs = 30_000): Promise<void> {
  const pending = [...cleanups];
  cleanups.clear();
  if (pending.length === 0) return;
  await settlesWithin(Promise.allSettled(pending.map((cleanup) => cleanup())), timeoutMs);
}
