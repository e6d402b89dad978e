import { execa, type Result } from 'execa';
import { settlesWithin } from './deadline.js';
import { forgetGroup, rememberGroup, signalGroup } from './group-signal.js';
import { OutputTail } from './output-tail.js';
import type { ProcessResult } from './process-result.js';

export interface StartOptions {
  cwd?: string;
  /** the child's whole environment, not merged with ours. @default process.env */
  env?: NodeJS.ProcessEnv;
  /** written to stdin, which is then closed (instead of `stdin`) */
  input?: string;
  /** @default 'ignore' (/dev/null) */
  stdin?: 'ignore' | 'inherit';
  /** 'inherit': stdout and stderr are ours (nothing is captured). @default 'pipe' */
  stdio?: 'pipe' | 'inherit';
  /** past this, the group is stopped (SIGTERM, `graceMs`, SIGKILL) and the result says `timedOut` */
  timeoutMs?: number;
  /** time from SIGTERM to SIGKILL when the deadline stops the group; 0 sends SIGKILL at once. @default 1000 */
  graceMs?: number;
  /** characters of stdout, stderr and `all` kept in the result (the head; the tail is in `output`). @default 0 */
  maxBufferBytes?: number;
  /** called with each chunk of piped output, as it comes */
  onOutput?: (stream: 'stdout' | 'stderr', chunk: Buffer) => void;
  /** SIGKILLed by `killAllGroups()` (Ctrl-C) until it is stopped. @default false */
  killOnInterrupt?: boolean;
  /**
   * Stays in our process group, so that a terminal's Ctrl-C reaches it as it reaches us (the grader `--watch`
   * runs); signals then go to its pid alone. @default false
   */
  sameGroup?: boolean;
}

/** A child started as the leader of a process group of its own. */
export interface StartedGroup {
  /** the leader's pid, which is the group id; -1 when it could not start */
  readonly pid: number;
  /** the last lines of stdout and stderr, interleaved, bounded whatever the child floods */
  readonly output: OutputTail;
  /** resolves when the leader exited (its group may still hold the pipes) */
  readonly exit: Promise<ProcessResult>;
  /** resolves when the leader exited and the pipes closed, with the captured output */
  readonly result: Promise<ProcessResult>;
  /** the exit, once the leader exited */
  exited(): ProcessResult | undefined;
  /** sends `signal` to the whole group; false when it is gone */
  signal(signal: NodeJS.Signals): boolean;
  /** SIGKILL to the whole group now (synchronous, for exit paths) */
  killNow(): void;
  /**
   * SIGTERM to the group, SIGKILL after `graceMs` (at once when 0); resolves once the leader is gone. With
   * `until: 'close'` the grace lasts until the pipes close (the whole group is done) and so does the wait.
   */
  stop(graceMs?: number, until?: 'exit' | 'close'): Promise<ProcessResult>;
}

const DEFAULT_GRACE_MS = 1000;
/** how long a stopped group's pipes may still drain before we stop reading them */
const DRAIN_MS = 200;

/** Starts `file args` detached, as the leader of a new process group, on execa. */
export function startGroup(file: string, args: readonly string[], options: StartOptions = {}): StartedGroup {
  const piped = options.stdio !== 'inherit';
  const startedAt = performance.now();
  const subprocess = execa(file, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    extendEnv: false,
    detached: !options.sameGroup,
    cleanup: false,
    reject: false,
    buffer: false,
    forceKillAfterDelay: false,
    ...(options.input !== undefined ? { input: options.input } : { stdin: options.stdin ?? 'ignore' }),
    stdout: piped ? 'pipe' : 'inherit',
    stderr: piped ? 'pipe' : 'inherit',
  });
  const pid = subprocess.pid ?? -1;
  const send = (signal: NodeJS.Signals) => {
    if (!options.sameGroup) return signalGroup(pid, signal);
    return pid > 0 && subprocess.kill(signal);
  };
  if (options.killOnInterrupt && !options.sameGroup) rememberGroup(pid);
  const output = new OutputTail();
  const limit = options.maxBufferBytes ?? 0;
  const kept = { stdout: '', stderr: '', all: '' };
  const keep = (key: keyof typeof kept, text: string) => {
    if (kept[key].length < limit) kept[key] += text.slice(0, limit - kept[key].length);
  };
  for (const stream of ['stdout', 'stderr'] as const) {
    subprocess[stream]?.on('data', (chunk: Buffer) => {
      output.push(chunk);
      if (limit > 0) {
        const text = chunk.toString('utf8');
        keep(stream, text);
        keep('all', text);
      }
      options.onOutput?.(stream, chunk);
    });
  }
  let timedOut = false;
  let info: ProcessResult | undefined;
  const finish = (fields: Pick<ProcessResult, 'exitCode' | 'signal' | 'startError'>): ProcessResult => {
    info ??= {
      command: subprocess.spawnargs.join(' ') || [file, ...args].join(' '),
      ...fields,
      failed: fields.exitCode !== 0 || timedOut,
      timedOut,
      isTerminated: fields.signal !== undefined,
      durationMs: performance.now() - startedAt,
      stdout: '',
      stderr: '',
      all: '',
    };
    return info;
  };
  const settled: Promise<Result> = subprocess.then(
    (result) => result,
    (error: Result) => error,
  );
  const exit = new Promise<ProcessResult>((resolve) => {
    subprocess.once('exit', (code, signal) =>
      resolve(finish({ exitCode: code ?? undefined, signal: signal ?? undefined })),
    );
    // a child that never started has no exit event: execa's result says why
    void settled.then((result) =>
      resolve(
        finish({
          exitCode: result.exitCode,
          signal: result.signal,
          startError: result.exitCode === undefined && !result.signal ? result.originalMessage : undefined,
        }),
      ),
    );
  });
  const result = Promise.all([exit, settled]).then(([ended, done]) => ({
    ...ended,
    ...kept,
    durationMs: done.durationMs,
  }));
  const stop = async (
    graceMs = DEFAULT_GRACE_MS,
    until: 'exit' | 'close' = 'exit',
  ): Promise<ProcessResult> => {
    if (graceMs > 0) {
      send('SIGTERM');
      await settlesWithin(until === 'exit' ? exit : result, graceMs);
    }
    // SIGKILL the group even when the leader obeyed: children it forked may still hold ports
    send('SIGKILL');
    forgetGroup(pid);
    const ended = await exit;
    if (until === 'close') return result;
    // a process that left the group may still hold the pipes: stop reading them so nothing keeps us waiting
    if (!(await settlesWithin(result, DRAIN_MS))) {
      subprocess.stdout?.destroy();
      subprocess.stderr?.destroy();
    }
    return ended;
  };
  const deadline =
    options.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          void stop(options.graceMs ?? DEFAULT_GRACE_MS);
        }, options.timeoutMs);
  void exit.then(() => clearTimeout(deadline));
  return {
    pid,
    output,
    exit,
    result,
    exited: () => info,
    signal: (signal) => send(signal),
    killNow: () => send('SIGKILL'),
    stop,
  };
}
