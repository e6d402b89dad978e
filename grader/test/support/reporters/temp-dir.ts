import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A fresh directory, removed by the cleanup it hands to `registerCleanup` (pass vitest's `onTestFinished`;
 * taken as a parameter so that this helper does not depend on vitest).
 */
export async function tempDir(registerCleanup: (cleanup: () => Promise<void>) => void): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'proxylab-report-'));
  registerCleanup(() => rm(dir, { recursive: true, force: true }));
  return dir;
}
