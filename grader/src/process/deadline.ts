/** True when `promise` settles within `ms`, false when the time ran out first; the timer never outlives the race. */
export async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const over = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([
      promise.then(
        () => true,
        () => true,
      ),
      over,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
