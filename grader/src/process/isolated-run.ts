import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareLoopbackUp } from './loopback.js';
import { findCommand } from './find-command.js';
import { onInterrupt } from './interrupt-cleanups.js';
import { rerunGrader } from './rerun-grader.js';
import { runQuick } from './run-quick.js';

/** Set on the grader re-run inside its own namespaces, so that it does not re-run itself again. */
export const ISOLATED_ENV = 'PROXYLAB_ISOLATED';

/** How long the inner grader gets after SIGTERM to stop what it started before it is killed. */
const STOP_GRACE_MS = 10_000;

/** True when lo is the only network interface here (a network namespace of its own). */
export function onlyLoopback(): boolean {
  try {
    const names = [...readFileSync('/proc/net/dev', 'utf8').matchAll(/^\s*([^\s:|]+):/gm)].map((m) => m[1]);
    return names.length > 0 && names.every((name) => name === 'lo');
  } catch {
    return false;
  }
}

/** How student code reaches the network in this process: 'isolated', or why it shares the host's. */
export function describeNetwork(missing: string | undefined): string | undefined {
  if (process.env[ISOLATED_ENV] !== '1') return missing;
  return onlyLoopback() ? 'isolated' : `${ISOLATED_ENV}=1, yet interfaces other than lo exist`;
}

export type IsolationPlan = { argv: string[] } | { missing: string };

/**
 * Whether a grading that runs student code can re-run itself in fresh network and PID namespaces (root on Linux,
 * util-linux unshare, a way to bring lo up): there, only loopback exists, and every process dies with the run.
 * Undefined when this process already is that re-run.
 */
export async function planIsolatedRun(): Promise<IsolationPlan | undefined> {
  if (process.env[ISOLATED_ENV] === '1') return undefined;
  if (process.platform !== 'linux')
    return { missing: `namespaces are Linux-only (this is ${process.platform})` };
  if (process.getuid?.() !== 0) return { missing: 'the grader is not running as root' };
  const unshare = findCommand('unshare');
  if (!unshare) return { missing: 'unshare (util-linux) is not installed' };
  const dir = await mkdtemp(join(tmpdir(), 'proxylab-isolate-'));
  try {
    const loopback = await prepareLoopbackUp(dir);
    if (!loopback) return { missing: 'nothing can bring lo up (no ip, no ifconfig, no C compiler)' };
    if (loopback.method === 'helper') return { missing: 'lo needs a compiled helper (no ip, no ifconfig)' };
    const argv = [unshare, '--net', '--pid', '--fork', '--mount-proc', '--kill-child'];
    const probe = await runQuick([...argv, '/bin/sh', '-c', loopback.command], { timeoutMs: 10_000 });
    if (probe.code !== 0) {
      const why = probe.output.trim().split('\n').pop() ?? `exit ${probe.code}`;
      return { missing: `unshare failed: ${why.slice(0, 160)}` };
    }
    return { argv: [...argv, '/bin/sh', '-c', `${loopback.command} || exit 97; exec "$0" "$@"`] };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Runs this grader again, with the same arguments, inside the plan's namespaces: it stays root (it is trusted),
 * writes every report where it was asked to, and its output is ours. Resolves with its exit code.
 */
export async function runIsolated(plan: { argv: string[] }): Promise<number> {
  const child = rerunGrader(plan.argv, process.argv.slice(2), {
    env: { ...process.env, [ISOLATED_ENV]: '1' },
    stdin: 'inherit',
    graceMs: STOP_GRACE_MS,
  });
  const forget = onInterrupt(() => child.stop());
  try {
    return await child.exit;
  } finally {
    forget();
  }
}
