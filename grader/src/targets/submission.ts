import { access, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { TargetError } from '../errors.js';
import { spawnGroup } from '../harness/process-group.js';
import { setClampedTimeout } from '../harness/timer-limit.js';
import { startProcessTarget } from './process-target.js';
import type { PrepareResult, Target } from './target.js';

export interface SubmissionOptions {
  /** Time allowed for `make`. @default 120000 */
  makeTimeoutMs?: number;
}

/** Limits on the student's proxy: generous for a correct program, fatal for runaway ones. */
export const STUDENT_LIMITS = { addressSpaceMiB: 8192, fileSizeMiB: 64, openFiles: 4096, cpuSeconds: 600 };

/** Checks that DIR exists and is a directory; a missing one is a grader usage error, not a 0. */
export async function assertSubmissionDir(dir: string): Promise<string> {
  const full = resolve(dir);
  const info = await stat(full).catch((cause: unknown) => {
    throw new TargetError(`Submission directory ${dir} does not exist.`, {
      cause,
      details: [`looked at ${full}`],
    });
  });
  if (!info.isDirectory()) throw new TargetError(`Submission path ${dir} is not a directory.`);
  return full;
}

/** Runs `make` in the directory; its output is kept for the report. */
export async function runMake(dir: string, timeoutMs: number): Promise<PrepareResult> {
  const started = performance.now();
  const make = spawnGroup(['make'], { cwd: dir, limits: { fileSizeMiB: 256, cpuSeconds: 300 } });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((done) => {
    timer = setClampedTimeout(() => done('timeout'), timeoutMs);
  });
  const first = await Promise.race([make.exit, timedOut]);
  clearTimeout(timer);
  await make.kill(200);
  const durationMs = Math.round(performance.now() - started);
  const outputTail = make.output.tail(40);
  if (first === 'timeout') {
    return { ok: false, durationMs, outputTail, reason: `make did not finish within ${timeoutMs} ms.` };
  }
  if (first.exitCode !== 0) {
    const how = first.signal ? `was killed by ${first.signal}` : `exited with code ${first.exitCode}`;
    return { ok: false, durationMs, outputTail, reason: `make ${how}: the submission does not build.` };
  }
  const built = await access(resolve(dir, 'proxy')).then(
    () => true,
    () => false,
  );
  if (!built) {
    return {
      ok: false,
      durationMs,
      outputTail,
      reason: 'make succeeded but produced no ./proxy executable.',
    };
  }
  return { ok: true, durationMs, outputTail };
}

/** `--submission DIR`: a student's C handout directory, built with make and run as ./proxy <port>. */
export function createSubmissionTarget(dir: string, options: SubmissionOptions = {}): Target {
  const full = resolve(dir);
  return {
    kind: 'submission',
    description: `submission ${dir} (make, then ./proxy <port>)`,
    restartable: true,
    notes: [],
    prepare: () => runMake(full, options.makeTimeoutMs ?? 120_000),
    start: (startOptions) =>
      startProcessTarget(
        { command: (port) => ['./proxy', String(port)], cwd: full, limits: STUDENT_LIMITS },
        startOptions,
      ),
  };
}
