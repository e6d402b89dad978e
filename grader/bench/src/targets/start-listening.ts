import { join } from 'node:path';
import { findFreePort, waitForPort, waitForPortClosed } from '../ports.js';
import { readLogTail, spawnGroup } from '../process-groups.js';
import type { StartedTarget } from './types.js';

export interface ListeningProgram {
  /** Used in messages. */
  name: string;
  /** Directory for the log file (and whatever the program writes). */
  dir: string;
  port: number;
  command: string;
  args: readonly string[];
  cwd?: string;
  /** @default 15000 */
  readyTimeoutMs?: number;
}

/** Starts a server in its own process group and resolves once its port accepts connections. */
export async function startListening(program: ListeningProgram): Promise<StartedTarget> {
  const logFile = join(program.dir, `${program.name}.out.log`);
  const child = spawnGroup(program.command, program.args, { cwd: program.cwd ?? program.dir, logFile });
  try {
    await waitForPort(program.port, child, program.readyTimeoutMs ?? 15_000);
  } catch (error) {
    await child.stop();
    const tail = readLogTail(logFile);
    throw new Error(`${program.name} ${(error as Error).message}${tail ? `\n${tail}` : ''}`);
  }
  return {
    port: program.port,
    pid: child.pid,
    async stop() {
      await child.stop();
      await waitForPortClosed(program.port, 2000);
    },
  };
}

export { findFreePort };
