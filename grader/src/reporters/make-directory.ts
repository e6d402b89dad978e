import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * `mkdir -p` that always ends. Node's `mkdir(path, { recursive: true })` never settles under /proc (procfs answers
 * ENOENT to a new name, so it creates the parent again and again); this one creates each missing folder once, from
 * the nearest existing one down, and fails with the first error.
 */
export async function makeDirectory(path: string): Promise<void> {
  const missing: string[] = [];
  let current = path;
  while (!(await stat(current).catch(() => undefined))) {
    missing.push(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const folder of missing.reverse()) {
    await mkdir(folder).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
}
