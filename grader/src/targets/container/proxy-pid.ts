import { readdir, readFile } from 'node:fs/promises';

/**
 * The proxy's pid on this machine: the first child of the container's init (docker-init runs the image's command
 * as its only child). Containers share the host's PID namespace view from here, so /proc/<pid>/fd can be counted.
 */
export async function findProxyPid(initPid: number): Promise<number | undefined> {
  const children = await readFile(`/proc/${initPid}/task/${initPid}/children`, 'latin1').catch(
    () => undefined,
  );
  if (children !== undefined) {
    const first = Number(children.trim().split(/\s+/)[0]);
    return Number.isInteger(first) && first > 0 ? first : undefined;
  }
  // kernels without CONFIG_PROC_CHILDREN: look for the process whose parent is the init
  for (const entry of await readdir('/proc').catch(() => [])) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'latin1').catch(() => '');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === initPid) return Number(entry);
  }
  return undefined;
}
