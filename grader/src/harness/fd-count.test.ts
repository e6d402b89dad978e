import { open } from 'node:fs/promises';
import { describe, expect, it, onTestFinished } from 'vitest';
import { countOpenFds, readSettledFdCount, waitForFdCount } from './fd-count.js';

const hasProc = (await countOpenFds(process.pid)) !== undefined;

describe.runIf(hasProc)('file descriptor counting', () => {
  it('counts a descriptor more while a file is open, and settles back once it is closed', async () => {
    const before = (await readSettledFdCount(process.pid, { timeoutMs: 500 }))!;
    const file = await open(import.meta.filename, 'r');
    onTestFinished(() => file.close().catch(() => {}));
    expect(await countOpenFds(process.pid)).toBeGreaterThanOrEqual(before + 1);
    await file.close();
    expect(await waitForFdCount(process.pid, before, { timeoutMs: 2000 })).toMatchObject({ settled: true });
  });

  it('reports a process that does not exist as unreadable', async () => {
    expect(await countOpenFds(2 ** 22 + 12_345)).toBeUndefined();
    expect(await waitForFdCount(2 ** 22 + 12_345, 10, { timeoutMs: 100 })).toEqual({
      settled: false,
      count: undefined,
    });
  });
});
