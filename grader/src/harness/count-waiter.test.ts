import { describe, expect, it } from 'vitest';
import { CountWaiter } from './count-waiter.js';
import { within } from './within.js';

describe('bounded waits', () => {
  it('a count waiter resolves once the count is reached, or false when the wait runs out', async () => {
    const waiter = new CountWaiter();
    const two = waiter.waitFor(2, { timeoutMs: 5000 });
    waiter.increment();
    waiter.increment();
    expect(await two).toBe(true);
    expect(await waiter.waitFor(1)).toBe(true);
    expect(await waiter.waitFor(3, { timeoutMs: 10 })).toBe(false);
  });

  it('within gives a promise a time limit without rejecting', async () => {
    expect(await within(Promise.resolve(7), 1000)).toBe(7);
    expect(await within(new Promise(() => {}), 10)).toBeUndefined();
    expect(await within(Promise.reject(new Error('x')), 1000)).toBeUndefined();
  });
});
