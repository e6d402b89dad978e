import { createHash } from 'node:crypto';

/** A small deterministic generator (sfc32): the same seed and label always give the same numbers. */
export interface Prng {
  /** Next unsigned 32-bit integer. */
  nextU32(): number;
  /** Integer in [0, maxExclusive). */
  int(maxExclusive: number): number;
  pick<T>(items: readonly T[]): T;
}

/** Seeds an sfc32 generator from SHA-256 of `seed` and `label`, so every object gets its own stream. */
export function createPrng(seed: string, label: string): Prng {
  const digest = createHash('sha256').update(`${seed}\0${label}`).digest();
  let a = digest.readUInt32LE(0);
  let b = digest.readUInt32LE(4);
  let c = digest.readUInt32LE(8);
  let d = digest.readUInt32LE(12) | 1;
  const nextU32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) nextU32();
  return {
    nextU32,
    int: (maxExclusive) => Math.floor((nextU32() / 0x1_0000_0000) * maxExclusive),
    pick: <T>(items: readonly T[]): T => items[Math.floor((nextU32() / 0x1_0000_0000) * items.length)] as T,
  };
}
