import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findCommand } from '../../../src/process/find-command.js';
import { startGroup } from '../../../src/process/start-group.js';

/** The headless browser the overview test uses (Debian's `chromium`), or undefined. */
export function findChromium(): string | undefined {
  return findCommand('chromium') ?? findCommand('chromium-browser') ?? findCommand('google-chrome');
}

/**
 * Runs headless Chromium once with a fresh profile and no background networking (`--dump-dom` prints the DOM
 * after scripts ran; `--screenshot=FILE` saves a PNG), killing its whole process group afterwards.
 */
export async function runChromium(binary: string, args: string[], timeoutMs = 60_000): Promise<string> {
  const profile = await mkdtemp(join(tmpdir(), 'proxylab-chromium-'));
  const flags = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-dev-shm-usage',
    `--user-data-dir=${profile}`,
  ];
  const group = startGroup(binary, [...flags, ...args], {
    timeoutMs,
    graceMs: 0,
    maxBufferBytes: Number.MAX_SAFE_INTEGER,
  });
  try {
    const ended = await group.result;
    if (ended.exitCode !== 0) {
      const code = ended.startError ? 127 : (ended.exitCode ?? null);
      throw new Error(`chromium exited with ${code}: ${ended.stderr.slice(0, 20_000).slice(-2000)}`);
    }
    return ended.stdout;
  } finally {
    group.killNow();
    await rm(profile, { recursive: true, force: true, maxRetries: 3 });
  }
}
