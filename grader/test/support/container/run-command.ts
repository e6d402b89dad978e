import { fileURLToPath } from 'node:url';
import { startGroup } from '../../../src/process/start-group.js';
import type { RunReport } from '../../../src/types.js';

/** The repository's root (this file sits in grader/{src,dist}/targets/container/testing). */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
/** The built CLI (`npm run build` first). */
export const CLI = fileURLToPath(new URL('../../../dist/cli.js', import.meta.url));

/** A test command's output is kept whole (what the old string concatenation did). */
const UNBOUNDED = Number.MAX_SAFE_INTEGER;

export interface CommandRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunningCommand {
  readonly done: Promise<CommandRun>;
  /** Resolves with the first stderr line matching `pattern` (rejects if the command ends first). */
  waitForStderr(pattern: RegExp): Promise<string>;
  /** Signals the command's process group (it runs in a group of its own). */
  signal(signal: NodeJS.Signals): void;
}

/** Starts `argv` in its own process group; SIGKILLed (group) after `timeoutMs`. */
export function startCommand(
  argv: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs: number },
): RunningCommand {
  let stderr = '';
  const waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];
  const [file, ...args] = argv as [string, ...string[]];
  const group = startGroup(file, args, {
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    timeoutMs: options.timeoutMs,
    graceMs: 0,
    maxBufferBytes: UNBOUNDED,
    onOutput: (stream, chunk) => {
      if (stream !== 'stderr') return;
      stderr += chunk.toString('utf8');
      for (const waiter of [...waiters]) {
        const line = stderr.split('\n').find((l) => waiter.pattern.test(l));
        if (line !== undefined) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    },
  });
  const done = group.result.then(
    (ended): CommandRun => ({
      code: ended.startError ? 127 : (ended.exitCode ?? null),
      signal: ended.signal ?? null,
      stdout: ended.stdout,
      stderr: `${ended.stderr}${ended.startError ?? ''}`,
    }),
  );
  return {
    done,
    signal: (name) => group.signal(name),
    waitForStderr: (pattern) =>
      new Promise((resolve, reject) => {
        waiters.push({ pattern, resolve });
        void done.then(() => reject(new Error(`ended before printing ${pattern}:\n${stderr.slice(-2000)}`)));
      }),
  };
}

/** Runs a command to its end. */
export function runCommand(
  argv: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<CommandRun> {
  return startCommand(argv, { ...options, timeoutMs: options.timeoutMs ?? 120_000 }).done;
}

/** Runs the grader CLI with `--format json` and parses its report (throws with its output when there is none). */
export async function gradeToReport(
  args: string[],
  timeoutMs = 240_000,
): Promise<{ report: RunReport; run: CommandRun }> {
  const run = await runCommand([process.execPath, CLI, ...args, '--format', 'json'], { timeoutMs });
  try {
    return { report: JSON.parse(run.stdout) as RunReport, run };
  } catch {
    throw new Error(
      `no JSON report (exit ${run.code ?? run.signal}):\n${run.stderr.slice(-3000)}\n${run.stdout.slice(0, 2000)}`,
    );
  }
}

/** Ids of the checks a report lost (failed and not skipped), sorted. */
export function lostChecks(report: RunReport): string[] {
  return report.suites
    .flatMap((suite) => suite.checks)
    .filter((check) => !check.passed && !check.skipped)
    .map((check) => check.id)
    .sort();
}
