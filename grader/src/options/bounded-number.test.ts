import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { clampTimerMs, setClampedTimeout } from '../harness/timer-limit.js';
import { MAX_TIMER_MS, parseBoundedNumber } from './bounded-number.js';
import {
  BUDGET_SECONDS,
  FAIL_UNDER_POINTS,
  JOBS,
  longestDerivedTimerMs,
  MAKE_TIMEOUT_SECONDS,
  TIMEOUT_SCALE,
  WALL_SECONDS,
} from './limits.js';
import { parseShardOption } from './shard-option.js';

describe('parseBoundedNumber', () => {
  const scale = (text: string) => parseBoundedNumber('--timeout-scale', text, TIMEOUT_SCALE);

  it('accepts plain decimal numbers within the bounds, the bounds included', () => {
    expect(scale('0.1')).toBe(0.1);
    expect(scale('100')).toBe(100);
    expect(scale(' 2.5 ')).toBe(2.5);
    expect(scale('1e1')).toBe(10);
    expect(scale('.5')).toBe(0.5);
  });

  it('refuses what would overflow a timer, with one sentence naming the option, the range and the input', () => {
    expect(() => scale('1e6')).toThrow(InvalidArgumentError);
    expect(() => scale('1e6')).toThrow('--timeout-scale must be a number from 0.1 to 100, got "1e6".');
  });

  it('refuses non-numbers that Number() would read as a number', () => {
    for (const bad of ['', ' ', '0x10', '0b1', 'Infinity', '-Infinity', 'NaN', '1_000', '1,5', '2s', 'abc']) {
      expect(() => scale(bad), bad).toThrow(InvalidArgumentError);
    }
  });

  it('refuses values below the minimum and fractions where a whole number is needed', () => {
    expect(() => scale('0.09')).toThrow(InvalidArgumentError);
    expect(() => parseBoundedNumber('--jobs', '0', JOBS)).toThrow(
      '--jobs must be a whole number from 1 to 256',
    );
    expect(() => parseBoundedNumber('--jobs', '1.5', JOBS)).toThrow(InvalidArgumentError);
    expect(parseBoundedNumber('--jobs', '4', JOBS)).toBe(4);
  });

  it('names the unit of the range', () => {
    expect(() => parseBoundedNumber('--budget', '0', BUDGET_SECONDS)).toThrow('from 1 to 14400 seconds');
  });
});

describe('option bounds', () => {
  it('keep every derived timer within what Node timers accept', () => {
    expect(longestDerivedTimerMs()).toBeLessThanOrEqual(MAX_TIMER_MS);
    expect(WALL_SECONDS.max * 1000).toBeLessThanOrEqual(MAX_TIMER_MS);
    expect(MAKE_TIMEOUT_SECONDS.max * 1000).toBeLessThanOrEqual(MAX_TIMER_MS);
    // the longest check limit (90 s) at the largest scale
    expect(90_000 * TIMEOUT_SCALE.max).toBeLessThanOrEqual(MAX_TIMER_MS);
    expect(FAIL_UNDER_POINTS.min).toBe(0);
  });

  it('--shard takes I/N with N up to 1000', () => {
    expect(parseShardOption('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShardOption('1000/1000')).toEqual({ index: 1000, count: 1000 });
    expect(() => parseShardOption('1/1001')).toThrow(InvalidArgumentError);
    expect(() => parseShardOption('3/2')).toThrow(InvalidArgumentError);
  });
});

describe('clampTimerMs', () => {
  it('caps a delay at 2^31 - 1 ms instead of letting Node turn it into 1 ms', () => {
    expect(clampTimerMs(1e12)).toBe(MAX_TIMER_MS);
    expect(clampTimerMs(Number.POSITIVE_INFINITY)).toBe(MAX_TIMER_MS);
    expect(clampTimerMs(0)).toBe(1);
    expect(clampTimerMs(1500.4)).toBe(1500);
    expect(() => clampTimerMs(Number.NaN)).toThrow(RangeError);
  });

  it('a clamped timer of a huge delay does not fire at once', async () => {
    let fired = false;
    const timer = setClampedTimeout(() => {
      fired = true;
    }, 1e12);
    // an unclamped setTimeout(…, 1e12) fires after 1 ms; one macrotask turn later it would have run
    await new Promise((resolve) => setTimeout(resolve, 20));
    clearTimeout(timer);
    expect(fired).toBe(false);
  });
});
