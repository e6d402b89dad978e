// The uid a batch hands its child grader for the jail, and the child failing closed when it cannot jail.
import { afterEach, describe, expect, it } from 'vitest';
import { TargetError } from '../errors.js';
import { batchJailUid, JAIL_UID_ENV, openRunJail } from './jailed.js';

const saved = process.env[JAIL_UID_ENV];
afterEach(() => {
  if (saved === undefined) delete process.env[JAIL_UID_ENV];
  else process.env[JAIL_UID_ENV] = saved;
});

describe('the batch job uid', () => {
  it('is honoured only as a plausible unprivileged uid', () => {
    expect(batchJailUid({ [JAIL_UID_ENV]: '1500000123' })).toBe(1_500_000_123);
    for (const bad of ['0', '1000', '-5', '1.5e9x', '2147483648', '']) {
      expect(batchJailUid({ [JAIL_UID_ENV]: bad }), bad).toBeUndefined();
    }
    expect(batchJailUid({})).toBeUndefined();
  });

  it.skipIf(process.getuid?.() !== 0)('makes a root grader refuse to run student code unjailed', () => {
    const support = { available: false as const, missing: 'bubblewrap (bwrap) is not installed' };
    process.env[JAIL_UID_ENV] = '1500000123';
    expect(() => openRunJail({ support })).toThrow(TargetError);
    delete process.env[JAIL_UID_ENV];
    expect(openRunJail({ support })).toEqual({ missing: support.missing });
  });
});
