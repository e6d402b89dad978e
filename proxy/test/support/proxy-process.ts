import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';

/** The built bin; the tests run against what `tsc -b proxy` produced. */
export const PROXY_BIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

export interface ProxyProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly port: number;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  /** Resolves with the exit code (or signal name) once the process has exited. */
  readonly exited: Promise<number | string>;
}

export interface RunResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

function requireBuiltBin(): void {
  if (!existsSync(PROXY_BIN)) throw new Error(`${PROXY_BIN} is missing: run "npx tsc -b proxy" first`);
}

/** Runs the bin to completion (for --help and argument errors). */
export function runProxyBin(args: string[], timeoutMs = 15_000): Promise<RunResult> {
  requireBuiltBin();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [PROXY_BIN, ...args], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data: Buffer) => {
      stdout += data.toString();
    });
    child.stderr.on('data', (data: Buffer) => {
      stderr += data.toString();
    });
    const timer = setTimeout(() => {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      reject(
        new Error(`proxylab-proxy ${args.join(' ')} did not exit within ${timeoutMs} ms; stderr: ${stderr}`),
      );
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/**
 * Starts the bin on an ephemeral 127.0.0.1 port in its own process group, waits for its "listening" line,
 * and kills the group when the current test finishes.
 */
export async function startProxyProcess(extraArgs: string[] = []): Promise<ProxyProcess> {
  requireBuiltBin();
  const child = spawn(process.execPath, [PROXY_BIN, '0', '--host', '127.0.0.1', ...extraArgs], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start the proxy process');
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) process.kill(-pid, 'SIGKILL');
  });
  let stderr = '';
  child.stderr?.on('data', (data: Buffer) => {
    stderr += data.toString();
  });
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  const port = await new Promise<number>((resolve, reject) => {
    let stdout = '';
    child.stdout?.on('data', (data: Buffer) => {
      stdout += data.toString();
      const match = /listening on \S+:(\d+)\n/.exec(stdout);
      if (match) resolve(Number(match[1]));
    });
    void exited.then((how) =>
      reject(new Error(`the proxy exited (${how}) before listening; stderr: ${stderr}`)),
    );
  });
  return { child, pid, port, stderr: () => stderr, exited };
}
