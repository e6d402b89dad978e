import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findFreePort, waitForPort } from '../ports.js';
import { readLogTail, spawnGroup } from '../process-groups.js';
import type { WorkDir } from '../workdir.js';
import { findProgram, readVersion } from './find-program.js';
import type { BenchTarget, OriginInfo } from './types.js';

function nginxConfig(dir: string, www: string, port: number): string {
  return `# proxylab bench: one foreground process, nothing outside ${dir}
daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 8192; }
http {
  default_type application/octet-stream;
  access_log off;
  sendfile on;
  tcp_nopush on;
  open_file_cache max=16;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${port} backlog=4096;
    root ${www};
  }
}
`;
}

async function startNginx(program: string, workDir: WorkDir): Promise<OriginInfo> {
  const dir = workDir.makeDir('nginx');
  const port = await findFreePort();
  const configFile = join(dir, 'nginx.conf');
  writeFileSync(configFile, nginxConfig(dir, workDir.www, port));
  const logFile = join(dir, 'nginx.out.log');
  const child = spawnGroup(program, ['-p', dir, '-c', configFile, '-e', join(dir, 'error.log')], { logFile });
  try {
    await waitForPort(port, child, 10_000);
  } catch (error) {
    await child.stop();
    throw new Error(`nginx ${(error as Error).message}\n${readLogTail(join(dir, 'error.log'))}`);
  }
  const version = readVersion(program, ['-v'], /nginx\/(\S+)/) ?? '';
  return { kind: 'nginx', label: `nginx ${version}`.trim(), port, process: child };
}

async function startTiny(repoRoot: string, workDir: WorkDir): Promise<OriginInfo> {
  const main = join(repoRoot, 'tiny-server', 'dist', 'main.js');
  if (!existsSync(main)) throw new Error(`no origin: nginx is not installed and ${main} is not built`);
  const dir = workDir.makeDir('tiny');
  const port = await findFreePort();
  const logFile = join(dir, 'tiny.out.log');
  const args = [main, String(port), '--root', workDir.www, '--host', '127.0.0.1', '--quiet'];
  const child = spawnGroup(process.execPath, args, { logFile });
  try {
    await waitForPort(port, child, 10_000);
  } catch (error) {
    await child.stop();
    throw new Error(`tiny-server ${(error as Error).message}\n${readLogTail(logFile)}`);
  }
  return { kind: 'tiny', label: 'tiny-server', port, process: child };
}

/** The fastest static origin available: nginx when installed, else the project's Tiny. */
export async function startOrigin(
  repoRoot: string,
  workDir: WorkDir,
  preferTiny: boolean,
): Promise<OriginInfo> {
  const nginx = preferTiny ? undefined : findProgram('nginx');
  return nginx ? startNginx(nginx, workDir) : startTiny(repoRoot, workDir);
}

/** The origin measured without a proxy in front: the physical limit of every other row. */
export const directTarget: BenchTarget = {
  name: 'direct',
  label: 'direct',
  isProxy: false,
  inHitCell: true,
  async prepare(context) {
    this.label = `${context.origin.label} (direct)`;
    return undefined;
  },
  async start(context, options) {
    if (options?.fresh) {
      const origin = await startOrigin(context.repoRoot, context.workDir, context.origin.kind === 'tiny');
      return { port: origin.port, pid: origin.process.pid, stop: () => origin.process.stop() };
    }
    return { port: context.origin.port, pid: context.origin.process.pid, stop: async () => {} };
  },
};
