import { DEFAULT_MAKE_TIMEOUT_SECONDS } from '../defaults.js';
import { access, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { TargetError } from '../errors.js';
import { spawnGroup } from '../process/process-group.js';
import { setClampedTimeout } from '../harness/timer-limit.js';
import { createJailWorkspace, type JailWorkspace } from '../process/jail/index.js';
import { type JailSettings, notJailedNote, openRunJail, type StudentSpawner } from './jailed.js';
import { startProcessTarget } from './process-target.js';
import type { PrepareResult, Target } from './target.js';
import type { Text } from '../types.js';

export interface SubmissionOptions {
  /** Time allowed for `make`. @default 120000 */
  makeTimeoutMs?: number;
  /** Build and run a private copy jailed (root with bubblewrap); without, make and ./proxy run in DIR itself. */
  jail?: JailSettings;
}

/** Limits on the student's proxy when it is not jailed: generous for a correct program, fatal for runaway ones. */
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

/** The unjailed way: a process group under the shell's ulimits (its -f counts KiB in bash, 512-byte blocks in dash). */
const spawnPlain =
  (dir: string): StudentSpawner =>
  async (command, who) =>
    who === 'make'
      ? spawnGroup(command, { cwd: dir, limits: { fileSizeMiB: 256, cpuSeconds: 300 } })
      : spawnGroup(command, { cwd: dir, limits: STUDENT_LIMITS });

/** Runs `make` in the directory; its output is kept for the report. */
export async function runMake(
  dir: string,
  timeoutMs: number,
  spawn: StudentSpawner = spawnPlain(dir),
): Promise<PrepareResult> {
  const started = performance.now();
  const make = await spawn(['make'], 'make');
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
    return {
      ok: false,
      durationMs,
      outputTail,
      reason: {
        en: `make did not finish within ${timeoutMs} ms.`,
        ko: `make가 ${timeoutMs} ms 안에 끝나지 않았습니다.`,
      },
    };
  }
  if (first.exitCode !== 0) {
    const how = first.signal
      ? { en: `was killed by ${first.signal}`, ko: `${first.signal} 시그널로 종료되어` }
      : { en: `exited with code ${first.exitCode}`, ko: `종료 코드 ${first.exitCode}로 끝나` };
    const hits = make.limitHits?.() ?? [];
    const limit = hits.length > 0 ? ` (${hits.join(' ')})` : '';
    return {
      ok: false,
      durationMs,
      outputTail,
      reason: {
        en: `make ${how.en}${limit}: the submission does not build.`,
        ko: `make가 ${how.ko}${limit} 제출물이 빌드되지 않습니다.`,
      },
    };
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
      reason: {
        en: 'make succeeded but produced no ./proxy executable.',
        ko: 'make는 성공했지만 ./proxy 실행 파일이 만들어지지 않았습니다.',
      },
    };
  }
  return { ok: true, durationMs, outputTail };
}

/** `--submission DIR`: a student's C handout directory, built with make and run as ./proxy <port>. */
export function createSubmissionTarget(dir: string, options: SubmissionOptions = {}): Target {
  const full = resolve(dir);
  const jail = openRunJail(options.jail);
  const notes: Text[] = [];
  let workspace: JailWorkspace | undefined;
  let spawn = spawnPlain(full);
  let cwd = full;
  if (jail && 'missing' in jail) notes.push(notJailedNote(jail.missing));
  else if (jail) notes.push(jail.note({ en: 'make and ./proxy', ko: 'make와 ./proxy' }));
  return {
    kind: 'submission',
    // the reporters find the folder by this shape ('submission DIR (make'), in either language
    description: {
      en: `submission ${dir} (make, then ./proxy <port>)`,
      ko: `submission ${dir} (make 후 ./proxy <port>)`,
    },
    restartable: true,
    notes,
    async prepare() {
      if (jail && !('missing' in jail)) {
        // a private copy owned by the run's uid: the original folder and the grader's files stay out of reach
        workspace = await createJailWorkspace(full, jail.uid);
        cwd = workspace.cwd;
        spawn = jail.spawner({ writable: [workspace.workDir], readOnly: [], cwd });
      }
      return runMake(cwd, options.makeTimeoutMs ?? DEFAULT_MAKE_TIMEOUT_SECONDS * 1000, spawn);
    },
    start: (startOptions) =>
      startProcessTarget(
        { command: (port) => ['./proxy', String(port)], cwd, limits: STUDENT_LIMITS, spawn },
        startOptions,
      ),
    close: async () => {
      await workspace?.remove();
    },
  };
}
