/** The CS:APP handout's limits: total bytes held, and the largest single object. */
export const MAX_CACHE_SIZE = 1049000;
export const MAX_OBJECT_SIZE = 102400;

/**
 * A byte-bounded least-recently-used cache of whole responses. A Map keeps keys in recency order
 * (oldest first): a read or a write moves the key to the end, eviction takes from the front.
 * Node runs one exchange callback at a time, so readers never see a half-written entry and any number
 * of clients can be served the same stored Buffer at once.
 */
export class LruCache {
  private readonly entries = new Map<string, Buffer>();
  /** The key last in `entries` (the most recently used), when known: reading it again changes nothing. */
  private newestKey: string | undefined;
  private storedBytes = 0;
  private hitCount = 0;
  private missCount = 0;

  constructor(
    readonly maxTotalBytes = MAX_CACHE_SIZE,
    readonly maxObjectBytes = MAX_OBJECT_SIZE,
  ) {
    for (const [name, value] of [
      ['maxTotalBytes', maxTotalBytes],
      ['maxObjectBytes', maxObjectBytes],
    ] as const) {
      if (!Number.isSafeInteger(value) || value < 0) {
        throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
      }
    }
  }

  /** The stored object, marked as most recently used; counts a hit or a miss. */
  get(key: string): Buffer | undefined {
    const value = this.entries.get(key);
    if (value === undefined) {
      this.missCount += 1;
      return undefined;
    }
    this.hitCount += 1;
    if (key !== this.newestKey) {
      this.entries.delete(key);
      this.entries.set(key, value);
      this.newestKey = key;
    }
    return value;
  }

  /** Whether the key is stored, without touching its recency or the counters. */
  has(key: string): boolean {
    return this.entries.has(key);
  }

  /**
   * Stores the object as most recently used, replacing any earlier copy under the same key, and evicts
   * least recently used objects until everything fits. Returns false (storing nothing, and dropping
   * any earlier copy) when the object alone is over either limit.
   */
  set(key: string, value: Buffer): boolean {
    this.delete(key);
    if (value.length > this.maxObjectBytes || value.length > this.maxTotalBytes) return false;
    while (this.storedBytes + value.length > this.maxTotalBytes) this.evictOldest();
    this.entries.set(key, value);
    this.newestKey = key;
    this.storedBytes += value.length;
    return true;
  }

  delete(key: string): boolean {
    const value = this.entries.get(key);
    if (value === undefined) return false;
    this.entries.delete(key);
    if (key === this.newestKey) this.newestKey = undefined;
    this.storedBytes -= value.length;
    return true;
  }

  clear(): void {
    this.entries.clear();
    this.newestKey = undefined;
    this.storedBytes = 0;
  }

  /** Keys from least to most recently used. */
  keys(): string[] {
    return [...this.entries.keys()];
  }

  /** Number of stored objects. */
  get size(): number {
    return this.entries.size;
  }

  /** Sum of the stored objects' sizes in bytes. */
  get totalBytes(): number {
    return this.storedBytes;
  }

  get hits(): number {
    return this.hitCount;
  }

  get misses(): number {
    return this.missCount;
  }

  private evictOldest(): void {
    const oldest = this.entries.keys().next();
    if (oldest.done) return;
    this.delete(oldest.value);
  }
}
