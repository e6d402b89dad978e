import { fileURLToPath } from 'node:url';
import { followGroupCpu } from '../proc-stats.js';
import { spawnGroup } from '../process-groups.js';
import type { LoadResult, LoadSpec } from './types.js';

const WORKER = fileURLToPath(new URL('./node-load-worker.js', import.meta.url));

/** Runs the Node load generator in a child process and returns its result. */
export async function runNodeLoad(spec: LoadSpec): Promise<LoadResult> {
  const child = spawnGroup(process.execPath, [WORKER, JSON.stringify(spec)]);
  let stdout = '';
  child.child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  const guard = setTimeout(() => void child.stop(), spec.durationMs + spec.timeoutMs + 15_000);
  const cpu = followGroupCpu(child.pid);
  const exit = await child.exited;
  cpu.stop();
  clearTimeout(guard);
  await child.stop();
  const line = stdout.split('\n').find((text) => text.startsWith('BENCH '));
  if (!line) throw new Error(`the node load generator exited (${exit}) without a result`);
  return { ...(JSON.parse(line.slice('BENCH '.length)) as LoadResult), loadCpuS: cpu.last() };
}
