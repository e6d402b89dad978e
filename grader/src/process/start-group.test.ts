import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { describe, expect, it, onTestFinished } from 'vitest';
import { isProcessGone, killAllGroups } from './group-signal.js';
import { shellExitCode } from './process-result.js';
import { type StartedGroup, startGroup } from './start-group.js';

const alive = (pid: number) => !isProcessGone(pid);

/** True once `pid` is gone (a SIGKILLed process takes a moment to die), false if it still runs after `ms`. */
async function goneWithin(pid: number, ms: number): Promise<boolean> {
  const deadline = performance.now() + ms;
  while (alive(pid) && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  return !alive(pid);
}

type Shell = StartedGroup & {
  /** resolves with the first output line matching `pattern` (the child prints it when it is ready) */
  line(pattern: RegExp): Promise<string>;
};

/** Starts `script` under /bin/sh in a group of its own, SIGKILLed with its group when the test ends. */
function startShell(script: string, options: Parameters<typeof startGroup>[2] = {}): Shell {
  const printed = new EventEmitter();
  const group = startGroup('/bin/sh', ['-c', script], {
    ...options,
    onOutput: () => printed.emit('output'),
  });
  onTestFinished(() => group.killNow());
  const find = (pattern: RegExp) => group.output.tail().find((l) => pattern.test(l));
  const line = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const found = find(pattern);
        if (found === undefined) return;
        printed.off('output', check);
        resolve(found);
      };
      printed.on('output', check);
      check();
      void group.result.then(() => {
        printed.off('output', check);
        reject(new Error(`ended before printing ${pattern}`));
      });
    });
  return Object.assign(group, { line });
}

/** The process group id of `pid` (field 5 of /proc/<pid>/stat). */
function processGroupOf(pid: number | 'self'): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
}

describe('startGroup', () => {
  it('kills at the deadline a leader and a grandchild that both ignore SIGTERM, the whole group', async () => {
    const group = startShell(
      `trap "" TERM; sh -c 'trap "" TERM; echo grandchild $$; while :; do sleep 1; done' & while :; do sleep 1; done`,
      { timeoutMs: 300, graceMs: 100 },
    );
    const grandchild = Number((await group.line(/^grandchild \d+$/)).split(' ')[1]);
    const ended = await group.exit;
    expect(ended).toMatchObject({ timedOut: true, failed: true, signal: 'SIGKILL', isTerminated: true });
    expect(ended.exitCode).toBeUndefined();
    // SIGTERM at 300 ms was ignored; SIGKILL came after the 100 ms grace
    expect(ended.durationMs).toBeGreaterThanOrEqual(390);
    expect(ended.durationMs).toBeLessThan(5000);
    await group.stop();
    expect(await goneWithin(grandchild, 2000)).toBe(true);
    expect(alive(group.pid)).toBe(false);
  });

  it('lets a child that obeys SIGTERM exit by itself within the grace', async () => {
    const group = startShell(`trap 'echo bye; exit 7' TERM; echo ready; while :; do sleep 0.05; done`, {
      timeoutMs: 200,
      graceMs: 5000,
    });
    await group.line(/^ready$/);
    const ended = await group.exit;
    expect(ended).toMatchObject({ timedOut: true, failed: true, exitCode: 7, isTerminated: false });
    expect(ended.durationMs).toBeLessThan(4000);
    expect(group.output.tail()).toContain('bye');
  });

  it('reports exit codes, signals and a command that never started in execa’s shapes', async () => {
    const ok = await startShell('exit 0').result;
    expect(ok).toMatchObject({ failed: false, timedOut: false, exitCode: 0, signal: undefined });
    const three = await startShell('exit 3').exit;
    expect(three).toMatchObject({ failed: true, exitCode: 3, isTerminated: false });
    expect(shellExitCode(three)).toBe(3);
    const segv = await startShell('kill -SEGV $$').exit;
    expect(segv).toMatchObject({ failed: true, exitCode: undefined, signal: 'SIGSEGV', isTerminated: true });
    expect(shellExitCode(segv)).toBe(139);
    const missing = startGroup('/nonexistent/proxylab-no-such-program', []);
    expect(missing.pid).toBe(-1);
    const never = await missing.result;
    expect(never).toMatchObject({ failed: true, exitCode: undefined, signal: undefined });
    expect(never.startError).toMatch(/ENOENT/);
    expect(shellExitCode(never)).toBe(127);
  });

  it('keeps a bounded tail of a flood and only the head it was asked to keep', async () => {
    const group = startShell('yes flood | head -n 200000; echo last-line >&2', { maxBufferBytes: 1000 });
    const ended = await group.result;
    expect(group.output.bytesSeen).toBeGreaterThanOrEqual(1_200_000);
    expect(group.output.tail().length).toBeLessThanOrEqual(40);
    expect(group.output.tail().at(-1)).toBe('last-line');
    expect(ended.stdout.length).toBe(1000);
    expect(ended.stdout.startsWith('flood\nflood\n')).toBe(true);
    expect(ended.all.length).toBe(1000);
    expect(ended.stderr).toBe('last-line\n');
  });

  it('resolves `exit` when the leader exits though a grandchild holds the pipes, and stop releases them', async () => {
    const group = startShell(`sh -c 'echo grandchild $$; exec sleep 30' & sleep 0.05; exit 4`);
    const ended = await group.exit;
    expect(ended.exitCode).toBe(4);
    const grandchild = Number((await group.line(/^grandchild \d+$/)).split(' ')[1]);
    expect(alive(grandchild)).toBe(true);
    await group.stop(100);
    expect((await group.result).exitCode).toBe(4);
    expect(await goneWithin(grandchild, 2000)).toBe(true);
  });

  it('gives a child the environment it was given, not ours merged in', async () => {
    const ended = await startShell('echo "[$PROXYLAB_PROBE][$HOME]"', {
      env: { PATH: process.env.PATH, PROXYLAB_PROBE: 'x' },
      maxBufferBytes: 100,
    }).result;
    expect(ended.stdout).toBe('[x][]\n');
  });

  it('writes `input` to stdin and closes it', async () => {
    const ended = await startShell('cat', { input: 'to stdin', maxBufferBytes: 100 }).result;
    expect(ended.stdout).toBe('to stdin');
  });

  it('SIGKILLs on interrupt only the groups started with killOnInterrupt', async () => {
    const kept = startShell('echo up; exec sleep 30');
    const killed = startShell('echo up; exec sleep 30', { killOnInterrupt: true });
    await Promise.all([kept.line(/^up$/), killed.line(/^up$/)]);
    killAllGroups();
    expect((await killed.exit).signal).toBe('SIGKILL');
    expect(kept.exited()).toBeUndefined();
    expect((await kept.stop(0)).signal).toBe('SIGKILL');
  });

  it('leaves a sameGroup child in our process group and signals its pid alone', async () => {
    const group = startShell('echo up; exec sleep 30', { sameGroup: true });
    await group.line(/^up$/);
    expect(processGroupOf(group.pid)).toBe(processGroupOf('self'));
    expect((await group.stop(1000)).signal).toBe('SIGTERM');
  });
});
