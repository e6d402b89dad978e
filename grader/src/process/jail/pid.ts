import { readdirSync, readFileSync } from 'node:fs';

/** Children of `pid` (from every /proc/N/stat: kernels without CONFIG_PROC_CHILDREN have no children file). */
function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'latin1');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === pid) found.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return found.sort((a, b) => a - b);
}

/**
 * The jailed command's own pid, seen from here: bwrap (`leaderPid`) forks the namespace's init, which forks the
 * command (setpriv and prlimit exec it, so the pid is the proxy's). Undefined when the chain is not (yet) there.
 */
export function findJailedPid(leaderPid: number): number | undefined {
  const init = childrenOf(leaderPid)[0];
  if (init === undefined) return undefined;
  return childrenOf(init)[0];
}
