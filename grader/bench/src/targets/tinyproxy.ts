import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findProgram, readVersion } from './find-program.js';
import { findFreePort, startListening } from './start-listening.js';
import type { BenchTarget } from './types.js';

function tinyproxyConfig(dir: string, port: number): string {
  return `# proxylab bench: foreground (-d), loopback only, logs in ${dir}
Port ${port}
Listen 127.0.0.1
Timeout 600
MaxClients 4096
Allow 127.0.0.1
LogFile "${dir}/tinyproxy.log"
LogLevel Error
PidFile "${dir}/tinyproxy.pid"
DisableViaHeader Yes
`;
}

/** tinyproxy (thread per connection, no cache). */
export const tinyproxyTarget: BenchTarget = {
  name: 'tinyproxy',
  label: 'tinyproxy',
  isProxy: true,
  inHitCell: false,
  async prepare() {
    const program = findProgram('tinyproxy');
    if (!program) return 'not installed (apt-get install tinyproxy)';
    this.label = `tinyproxy ${readVersion(program, ['-v'], /tinyproxy (\S+)/) ?? ''}`.trim();
    return undefined;
  },
  async start(context) {
    const dir = context.workDir.makeDir('tinyproxy');
    const port = await findFreePort();
    const configFile = join(dir, 'tinyproxy.conf');
    writeFileSync(configFile, tinyproxyConfig(dir, port));
    return startListening({
      name: 'tinyproxy',
      dir,
      port,
      command: findProgram('tinyproxy') ?? 'tinyproxy',
      args: ['-d', '-c', configFile],
    });
  },
};
