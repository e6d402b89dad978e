import { expect } from 'vitest';

/**
 * Byte-exact comparison that stays fast for megabytes (deep equality walks Buffers element by element)
 * and, on failure, says where the bytes first differ.
 */
export function expectSameBytes(actual: Buffer, expected: Buffer): void {
  if (actual.equals(expected)) return;
  let offset = 0;
  while (offset < actual.length && offset < expected.length && actual[offset] === expected[offset])
    offset += 1;
  const around = (bytes: Buffer): string =>
    JSON.stringify(bytes.toString('latin1', Math.max(0, offset - 20), offset + 20));
  expect.fail(
    `got ${actual.length} bytes, expected ${expected.length}; first difference at byte ${offset}: ` +
      `got ${around(actual)}, expected ${around(expected)}`,
  );
}
