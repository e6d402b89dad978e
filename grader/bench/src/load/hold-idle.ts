import { fileURLToPath } from 'node:url';
import { spawnGroup } from '../process-groups.js';

const WORKER = fileURLToPath(new URL('./idle-holder-worker.js', import.meta.url));

export interface IdleConnections {
  opened: number;
  failed: number;
  close(): Promise<void>;
}

/** Opens `count` idle client connections from a separate Node process and resolves once all are open. */
export async function holdIdleConnections(
  port: number,
  count: number,
  payload: string,
): Promise<IdleConnections> {
  const child = spawnGroup(process.execPath, [WORKER, String(port), String(count), payload]);
  const ready = await new Promise<{ opened: number; failed: number }>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`idle connections not open after 30 s`)), 30_000);
    child.child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const line = stdout.split('\n').find((text) => text.startsWith('READY '));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line.slice('READY '.length)));
      }
    });
    void child.exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the idle-connection holder exited (${code})`));
    });
  }).catch(async (error: unknown) => {
    await child.stop();
    throw error;
  });
  return { ...ready, close: () => child.stop(500) };
}
