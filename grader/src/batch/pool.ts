/**
 * Runs `work` over `items` with at most `jobs` at a time, in order of the items. Each worker has a slot number
 * (0 ≤ slot < jobs) that no other running item shares, so per-slot resources (a uid) are never used twice at once.
 */
export async function runPool<T, R>(
  items: readonly T[],
  jobs: number,
  work: (item: T, slot: number, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (slot: number) => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, slot, index);
    }
  };
  const count = Math.max(1, Math.min(jobs, items.length));
  await Promise.all(Array.from({ length: count }, (_, slot) => worker(slot)));
  return results;
}
