/** Resolves with `promise`'s value, or undefined when it has not settled within `limitMs` (or on abort). */
export function within<T>(
  promise: Promise<T>,
  limitMs: number,
  signal?: AbortSignal,
): Promise<T | undefined> {
  return new Promise((resolve) => {
    const done = (value: T | undefined) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(value);
    };
    const onAbort = () => done(undefined);
    const timer = setTimeout(onAbort, limitMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) onAbort();
    promise.then(done, () => done(undefined));
  });
}
