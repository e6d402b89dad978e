/** Options of every bounded wait: the check's signal and a limit of its own. */
export interface WaitOptions {
  signal?: AbortSignal;
  /** Give up after this long. @default 10000 */
  timeoutMs?: number;
}

/** A counter that can be awaited: resolves true once it reaches n, false when the wait is given up. */
export class CountWaiter {
  private value = 0;
  private readonly waiters = new Set<{ target: number; resolve: (reached: boolean) => void }>();

  get count(): number {
    return this.value;
  }

  increment(): void {
    this.value++;
    for (const waiter of this.waiters) {
      if (this.value >= waiter.target) waiter.resolve(true);
    }
  }

  waitFor(target: number, options: WaitOptions = {}): Promise<boolean> {
    if (this.value >= target) return Promise.resolve(true);
    if (options.signal?.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const waiter = {
        target,
        resolve: (reached: boolean) => {
          clearTimeout(timer);
          options.signal?.removeEventListener('abort', onAbort);
          this.waiters.delete(waiter);
          resolve(reached);
        },
      };
      const onAbort = () => waiter.resolve(false);
      const timer = setTimeout(onAbort, options.timeoutMs ?? 10_000);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.add(waiter);
    });
  }
}
