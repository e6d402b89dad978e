import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findProgram, readVersion } from './find-program.js';
import { findFreePort, startListening } from './start-listening.js';
import type { BenchTarget } from './types.js';

// No cache_dir line: squid keeps its cache in memory only. Everything it writes stays in `dir`, which is
// world-writable because squid started as root drops to its unprivileged user.
function squidConfig(dir: string, port: number): string {
  return `# proxylab bench: squid -N (no daemon), loopback only, memory cache only, logs in ${dir}
http_port 127.0.0.1:${port}
acl bench_clients src 127.0.0.1/32
http_access allow bench_clients
http_access deny all
cache_mem 64 MB
maximum_object_size_in_memory 512 KB
max_filedescriptors 8192
pid_filename ${dir}/squid.pid
cache_log ${dir}/cache.log
access_log none
cache_store_log none
netdb_filename none
coredump_dir ${dir}
pinger_enable off
icp_port 0
htcp_port 0
dns_nameservers 127.0.0.1
shutdown_lifetime 0 seconds
visible_hostname proxylab-bench
via off
forwarded_for delete
`;
}

/** squid (event-driven, memory cache). */
export const squidTarget: BenchTarget = {
  name: 'squid',
  label: 'squid',
  isProxy: true,
  inHitCell: true,
  async prepare() {
    const program = findProgram('squid');
    if (!program) return 'not installed (apt-get install squid)';
    this.label = `squid ${readVersion(program, ['-v'], /Version (\S+)/) ?? ''}`.trim();
    return undefined;
  },
  async start(context) {
    const dir = context.workDir.makeDir('squid');
    const port = await findFreePort();
    const configFile = join(dir, 'squid.conf');
    writeFileSync(configFile, squidConfig(dir, port));
    return startListening({
      name: 'squid',
      dir,
      port,
      command: findProgram('squid') ?? 'squid',
      // -N: no daemon and no worker kids; -d 1: startup errors to stderr (our log file)
      args: ['-N', '-d', '1', '-f', configFile],
      readyTimeoutMs: 30_000,
    });
  },
};
