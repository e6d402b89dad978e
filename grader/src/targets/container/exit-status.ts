import { constants } from 'node:os';
import type { CrashInfo } from '../../types.js';
import { CONTAINER_LIMITS } from './settings.js';

/** The part of `docker inspect` → State that says how a container ended. */
export interface ContainerState {
  Running: boolean;
  ExitCode: number;
  OOMKilled: boolean;
}

const signalNames = new Map(Object.entries(constants.signals).map(([name, n]) => [n as number, name]));

/**
 * How the proxy ended, from its container's state. The proxy runs under an init (docker-init), which exits with
 * 128 + n when the proxy was killed by signal n; the memory cgroup's OOM kill is a SIGKILL.
 */
export function crashFromState(state: ContainerState, outputTail: string[]): CrashInfo {
  if (state.OOMKilled) {
    return {
      exitCode: null,
      signal: 'SIGKILL',
      outputTail: [
        ...outputTail,
        `[container] killed: out of memory (limit ${CONTAINER_LIMITS.memoryMiB} MiB)`,
      ],
    };
  }
  const signal = state.ExitCode > 128 ? signalNames.get(state.ExitCode - 128) : undefined;
  if (signal) return { exitCode: null, signal, outputTail };
  return { exitCode: state.ExitCode, signal: null, outputTail };
}
