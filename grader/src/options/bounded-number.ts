import { InvalidArgumentError } from 'commander';

/** The largest delay Node's timers accept; a longer one silently fires after 1 ms. */
export const MAX_TIMER_MS = 2_147_483_647;

export interface NumberBounds {
  min: number;
  max: number;
  /** Whole numbers only (counts, ports). @default false */
  integer?: boolean;
  /** The unit shown in the error, e.g. 'seconds'. */
  unit?: string;
}

/**
 * Reads a numeric option: a plain decimal number (no hex, no `Infinity`, no empty string) within `bounds`.
 * Throws commander's InvalidArgumentError with one sentence naming the option, the range and what was given,
 * so commander prints it and the CLI exits 2.
 */
export function parseBoundedNumber(name: string, text: string, bounds: NumberBounds): number {
  const { min, max, integer = false, unit } = bounds;
  const kind = integer ? 'a whole number' : 'a number';
  const range = `from ${min} to ${max}${unit ? ` ${unit}` : ''}`;
  const trimmed = text.trim();
  const value = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
    throw new InvalidArgumentError(`${name} must be ${kind} ${range}, got ${JSON.stringify(text)}.`);
  }
  return value;
}

/** A commander argument parser for `parseBoundedNumber`. */
export function boundedNumber(name: string, bounds: NumberBounds): (text: string) => number {
  return (text) => parseBoundedNumber(name, text, bounds);
}
