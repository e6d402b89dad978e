import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { buildJailedCommand } from './command.js';
import { describeLimitHits, mapJailExit } from './exit.js';
import { describeLimits, MAKE_JAIL_LIMITS, PROXY_JAIL_LIMITS, withOverrides } from './limits.js';
import { buildViewArgs } from './view.js';

const tools = { bwrap: '/usr/bin/bwrap', setpriv: '/usr/bin/setpriv', prlimit: '/usr/bin/prlimit' };
const view = { writable: ['/tmp/job/work'], readOnly: [], cwd: '/tmp/job/work/alice' };

describe('jail limits', () => {
  it('are stated in bytes and seconds, and --memory / --pids override them', () => {
    expect(PROXY_JAIL_LIMITS.fileSizeBytes).toBe(64 * 1024 * 1024);
    expect(MAKE_JAIL_LIMITS.fileSizeBytes).toBe(256 * 1024 * 1024);
    const limits = withOverrides(PROXY_JAIL_LIMITS, { memoryMiB: 512, pids: 64 });
    expect(limits.memoryBytes).toBe(512 * 1024 * 1024);
    expect(limits.pids).toBe(64);
    expect(describeLimits(PROXY_JAIL_LIMITS)).toBe(
      '1 GiB memory, 256 processes, 600 s CPU, 64 MiB per file, 4096 open files',
    );
  });
});

describe('buildJailedCommand', () => {
  it('joins the cgroups, then bwrap, setpriv and prlimit with explicit units, then the command', () => {
    const argv = buildJailedCommand(['./proxy', '8080'], {
      tools,
      uid: 1_600_000_123,
      view,
      limits: PROXY_JAIL_LIMITS,
      cgroupProcs: ['/sys/fs/cgroup/memory/x/cgroup.procs'],
      memoryCgroup: true,
    });
    expect(argv.slice(0, 2)).toEqual(['/bin/sh', '-c']);
    const script = argv[2] as string;
    expect(script).toMatch(
      /^echo \$\$ > '\/sys\/fs\/cgroup\/memory\/x\/cgroup.procs' \|\| exit 125; exec '\/usr\/bin\/bwrap' /,
    );
    const order = ["'/usr/bin/bwrap'", "'/usr/bin/setpriv'", "'/usr/bin/prlimit'", "'./proxy' '8080'"];
    const positions = order.map((word) => script.indexOf(word));
    expect(positions.every((p, i) => p > (positions[i - 1] ?? -1))).toBe(true);
    for (const word of ['--reuid=1600000123', '--inh-caps=-all', '--bounding-set=-all', '--no-new-privs']) {
      expect(script).toContain(word);
    }
    expect(script).toContain(`'--fsize=${64 * 1024 * 1024}'`);
    expect(script).toContain("'--nproc=256'");
    expect(script).toContain("'--core=0'");
    expect(script).not.toContain('--as=');
    for (const flag of ['--unshare-pid', '--die-with-parent', '--new-session', '--clearenv']) {
      expect(script).toContain(flag);
    }
  });

  it('bounds the address space instead when no memory cgroup does', () => {
    const script = buildJailedCommand(['make'], {
      tools,
      uid: 1_600_000_001,
      view,
      limits: MAKE_JAIL_LIMITS,
    })[2];
    expect(script).toContain(`'--as=${1024 * 1024 * 1024}'`);
    expect(script).not.toContain('cgroup.procs');
  });
});

describe('buildViewArgs', () => {
  it('binds the toolchain read-only, links what is a link, and gives fresh /tmp, /var/tmp and /dev/shm', () => {
    const root = mkdtempSync(join(tmpdir(), 'proxylab-view-'));
    onTestFinished(() => rmSync(root, { recursive: true, force: true }));
    symlinkSync('usr/bin', join(root, 'bin'));
    mkdirSync(join(root, 'lib64'));
    mkdirSync(join(root, 'etc'));
    const args = buildViewArgs(view, `${root}/`).join(' ');
    expect(args).toContain('--ro-bind /usr /usr');
    expect(args).toContain('--symlink usr/bin /bin');
    expect(args).toContain('--ro-bind /lib64 /lib64');
    expect(args).not.toContain('/sbin');
    expect(args).not.toMatch(/--ro-bind \/etc \/etc/);
    for (const dir of ['/tmp', '/var/tmp', '/dev/shm']) expect(args).toContain(`--tmpfs ${dir}`);
    expect(args).toContain(
      '--perms 0755 --dir /tmp --perms 0755 --dir /tmp/job --bind /tmp/job/work /tmp/job/work',
    );
    expect(args.indexOf('--tmpfs /tmp')).toBeLessThan(args.indexOf('--bind /tmp/job/work /tmp/job/work'));
    expect(args).toMatch(/--chdir \/tmp\/job\/work\/alice$/);
  });
});

describe('jail exits', () => {
  it("maps bwrap's 128 + N back to the signal, and names each limit that was hit", () => {
    expect(mapJailExit({ exitCode: 141, signal: null, outputTail: [] })).toMatchObject({ signal: 'SIGPIPE' });
    expect(mapJailExit({ exitCode: 139, signal: null, outputTail: [] })).toMatchObject({ signal: 'SIGSEGV' });
    expect(mapJailExit({ exitCode: 2, signal: null, outputTail: [] })).toMatchObject({
      exitCode: 2,
      signal: null,
    });
    const killed = { exitCode: null, signal: 'SIGKILL', outputTail: [] };
    expect(
      describeLimitHits('the proxy', killed, { oomKills: 1, pidsRefused: 3 }, PROXY_JAIL_LIMITS),
    ).toEqual([
      'the proxy hit the 1 GiB memory limit: the kernel killed a process out of memory.',
      'the proxy hit the 256-process limit: 3 forks were refused.',
    ]);
    const xfsz = { exitCode: null, signal: 'SIGXFSZ', outputTail: [] };
    expect(describeLimitHits('make', xfsz, { oomKills: 0, pidsRefused: 0 }, MAKE_JAIL_LIMITS)).toEqual([
      'make hit the 256 MiB file size limit (SIGXFSZ).',
    ]);
  });
});
