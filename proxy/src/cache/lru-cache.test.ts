import { describe, expect, it } from 'vitest';
import { LruCache, MAX_CACHE_SIZE, MAX_OBJECT_SIZE } from './lru-cache.js';

const bytes = (size: number, fill = 0x61): Buffer => Buffer.alloc(size, fill);

describe('LruCache', () => {
  it('uses the CS:APP handout limits by default', () => {
    const cache = new LruCache();
    expect([MAX_CACHE_SIZE, MAX_OBJECT_SIZE]).toEqual([1049000, 102400]);
    expect([cache.maxTotalBytes, cache.maxObjectBytes]).toEqual([1049000, 102400]);
  });

  it('returns what was stored and counts hits and misses', () => {
    const cache = new LruCache(100, 50);
    expect(cache.set('a', bytes(10))).toBe(true);
    expect(cache.get('a')).toEqual(bytes(10));
    expect(cache.get('b')).toBeUndefined();
    expect([cache.hits, cache.misses]).toEqual([1, 1]);
  });

  it('refuses an object over the object limit and stores nothing for it', () => {
    const cache = new LruCache(1000, 50);
    expect(cache.set('exact', bytes(50))).toBe(true);
    expect(cache.set('big', bytes(51))).toBe(false);
    expect(cache.has('big')).toBe(false);
    expect(cache.totalBytes).toBe(50);
  });

  it('evicts the least recently used objects until the new one fits', () => {
    const cache = new LruCache(30, 30);
    cache.set('a', bytes(10));
    cache.set('b', bytes(10));
    cache.set('c', bytes(10));
    cache.set('d', bytes(15));
    expect(cache.keys()).toEqual(['c', 'd']);
    expect(cache.totalBytes).toBe(25);
  });

  it('treats a read as a use, so a recently read object outlives older writes', () => {
    const cache = new LruCache(30, 30);
    cache.set('a', bytes(10));
    cache.set('b', bytes(10));
    cache.set('c', bytes(10));
    cache.get('a');
    cache.set('d', bytes(10));
    expect(cache.keys()).toEqual(['c', 'a', 'd']);
    expect(cache.has('b')).toBe(false);
  });

  it('keeps one copy per key: a second insert replaces the first and its bytes', () => {
    const cache = new LruCache(100, 100);
    cache.set('a', bytes(10, 1));
    cache.set('b', bytes(10));
    cache.set('a', bytes(20, 2));
    expect(cache.size).toBe(2);
    expect(cache.totalBytes).toBe(30);
    expect(cache.get('a')).toEqual(bytes(20, 2));
    expect(cache.keys()).toEqual(['b', 'a']);
  });

  it('drops the old copy when a replacement is too large to store', () => {
    const cache = new LruCache(100, 20);
    cache.set('a', bytes(10));
    expect(cache.set('a', bytes(30))).toBe(false);
    expect(cache.has('a')).toBe(false);
    expect(cache.totalBytes).toBe(0);
  });

  it('never holds more than its total limit whatever the sequence of inserts', () => {
    const cache = new LruCache(1000, 300);
    const lastSize = new Map<string, number>();
    for (let i = 0; i < 200; i += 1) {
      const key = `k${i % 37}`;
      const size = (i * 53) % 301;
      cache.set(key, bytes(size));
      lastSize.set(key, size);
      const heldBytes = cache.keys().reduce((sum, held) => sum + (lastSize.get(held) ?? Number.NaN), 0);
      expect(cache.totalBytes).toBe(heldBytes);
      expect(cache.totalBytes).toBeLessThanOrEqual(1000);
    }
  });

  it('keeps the same recency order as a plain list model through any mix of operations', () => {
    const cache = new LruCache(60, 25);
    let model: { key: string; size: number }[] = []; // least recently used first
    let state = 7;
    const next = (below: number): number => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state % below;
    };
    for (let step = 0; step < 5000; step += 1) {
      const key = `k${next(6)}`;
      const index = model.findIndex((entry) => entry.key === key);
      const operation = next(10);
      if (operation < 4) {
        const size = next(30);
        model = model.filter((entry) => entry.key !== key);
        if (size <= 25) {
          model.push({ key, size });
          while (model.reduce((sum, entry) => sum + entry.size, 0) > 60) model.shift();
        }
        cache.set(key, bytes(size));
      } else if (operation < 9) {
        const found = cache.get(key);
        expect(found?.length, `step ${step}`).toBe(index === -1 ? undefined : model[index]?.size);
        if (index !== -1) model.push(...model.splice(index, 1));
      } else {
        expect(cache.delete(key)).toBe(index !== -1);
        model = model.filter((entry) => entry.key !== key);
      }
      expect(cache.keys(), `step ${step}`).toEqual(model.map((entry) => entry.key));
    }
  });

  it('rejects negative or fractional limits', () => {
    expect(() => new LruCache(-1, 10)).toThrow(RangeError);
    expect(() => new LruCache(10, 1.5)).toThrow(RangeError);
  });
});
