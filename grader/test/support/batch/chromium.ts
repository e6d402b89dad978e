import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findCommand } from '../../../src/batch/sandbox/commands.js';

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
  const child = spawn(binary, [...flags, ...args], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    if (stderr.length < 20_000) stderr += chunk.toString('utf8');
  });
  const kill = () => {
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {
      // gone
    }
  };
  const timer = setTimeout(kill, timeoutMs);
  try {
    const code = await new Promise<number | null>((done) => {
      child.once('error', () => done(127));
      child.once('close', done);
    });
    if (code !== 0) throw new Error(`chromium exited with ${code}: ${stderr.slice(-2000)}`);
    return stdout;
  } finally {
    clearTimeout(timer);
    kill();
    await rm(profile, { recursive: true, force: true, maxRetries: 3 });
  }
}
