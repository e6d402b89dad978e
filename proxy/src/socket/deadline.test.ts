import { describe, expect, it } from 'vitest';
import { Deadline } from './deadline.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A deadline whose expiries are counted, with a promise for the first one. */
function watchedDeadline() {
  let expired!: () => void;
  const firstExpiry = new Promise<number>((resolve) => {
    expired = () => resolve(performance.now());
  });
  let count = 0;
  const deadline = new Deadline(() => {
    count += 1;
    expired();
  });
  return { deadline, firstExpiry, count: () => count };
}

describe('Deadline', () => {
  it('runs its action once the deadline has passed, never before, and only once', async () => {
    const { deadline, firstExpiry, count } = watchedDeadline();
    const start = performance.now();
    deadline.setIn(50);
    expect(await firstExpiry).toBeGreaterThanOrEqual(start + 50);
    await sleep(100);
    expect(count()).toBe(1);
  });

  it('postpones the action when the deadline moves later, however often it moves', async () => {
    const { deadline, firstExpiry, count } = watchedDeadline();
    deadline.setIn(40);
    let lastMoveAt = performance.now();
    for (let i = 0; i < 5; i += 1) {
      await sleep(15);
      lastMoveAt = performance.now();
      deadline.setIn(40);
    }
    expect(await firstExpiry).toBeGreaterThanOrEqual(lastMoveAt + 40);
    expect(count()).toBe(1);
  });

  it('runs the action early when the deadline moves earlier', async () => {
    const { deadline, firstExpiry } = watchedDeadline();
    const start = performance.now();
    deadline.setIn(60_000);
    deadline.setIn(30);
    expect(await firstExpiry).toBeGreaterThanOrEqual(start + 30);
  });

  it('never runs the action once cancelled, and can be set again afterwards', async () => {
    const { deadline, firstExpiry, count } = watchedDeadline();
    deadline.setIn(20);
    deadline.cancel();
    await sleep(100);
    expect(count()).toBe(0);
    deadline.setIn(10);
    await firstExpiry;
    expect(count()).toBe(1);
  });
});
