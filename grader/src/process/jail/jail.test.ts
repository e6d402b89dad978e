// The jail on this host (root with bubblewrap; skipped otherwise): who the command runs as, what it sees, its exit
// status, its pid, and the limits it hits.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { detectJail, type JailSupport } from './detect.js';
import { PROXY_JAIL_LIMITS, withOverrides } from './limits.js';
import { type Jail, type JailedProcess, spawnJailed } from './spawn.js';
import { pickJailUid, processesOf } from './uid.js';
import { createJailWorkspace } from './workspace.js';

let support: JailSupport;
beforeAll(async () => {
  support = await detectJail();
  if (!support.available) console.warn(`jail tests skipped: ${support.missing}`);
});

async function makeJail(): Promise<Jail | undefined> {
  if (!support.available) return undefined;
  const source = await mkdtemp(join(tmpdir(), 'proxylab-jail-src-'));
  onTestFinished(() => rm(source, { recursive: true, force: true }));
  await writeFile(join(source, 'Makefile'), 'all:\n\ttrue\n');
  const uid = pickJailUid();
  const workspace = await createJailWorkspace(source, uid);
  onTestFinished(() => workspace.remove());
  return { support, uid, view: { writable: [workspace.workDir], readOnly: [], cwd: workspace.cwd } };
}

async function run(jail: Jail, shell: string, limits = PROXY_JAIL_LIMITS): Promise<JailedProcess> {
  const child = await spawnJailed(jail, { shell }, { who: 'the command', limits });
  onTestFinished(() => child.kill(100));
  await child.exit;
  return child;
}

describe('the jail', () => {
  it('runs as its own uid with no capability, no new privileges, and cannot signal outside', async (ctx) => {
    const jail = await makeJail();
    if (!jail) return ctx.skip();
    const child = await run(
      jail,
      'id -u; grep -E "^(CapEff|CapBnd|NoNewPrivs)" /proc/self/status; kill -0 1 2>/dev/null && echo signal-ok; ls /',
    );
    const out = child.output.tail(40).join('\n');
    expect(out).toContain(String(jail.uid));
    expect(out).toMatch(/CapEff:\s+0+\n/);
    expect(out).toMatch(/CapBnd:\s+0+\n/);
    expect(out).toMatch(/NoNewPrivs:\s+1/);
    expect(out).not.toContain('signal-ok');
    expect(out).not.toMatch(/^(root|home|srv|work)$/m);
  });

  it('keeps its writes to /tmp, /var/tmp and /dev/shm inside, and cannot write outside its folder', async (ctx) => {
    const jail = await makeJail();
    if (!jail) return ctx.skip();
    const name = `proxylab-jail-unit-${process.pid}`;
    const child = await run(
      jail,
      `for d in /tmp /var/tmp /dev/shm; do echo x > $d/${name} && echo wrote $d; done; (echo x > ../../${name}) 2>/dev/null || echo refused`,
    );
    const out = child.output.tail(40).join('\n');
    expect(out).toContain('wrote /tmp');
    expect(out).toContain('refused');
    for (const dir of ['/tmp', '/var/tmp', '/dev/shm']) {
      await expect(stat(join(dir, name))).rejects.toThrow();
    }
  });

  it("reports a signal death by the signal's name and knows the command's own pid", async (ctx) => {
    const jail = await makeJail();
    if (!jail) return ctx.skip();
    const child = await spawnJailed(jail, ['/bin/sh', '-c', 'echo $$ > pid; exec sleep 30'], {
      who: 'the command',
      limits: PROXY_JAIL_LIMITS,
    });
    onTestFinished(() => child.kill(100));
    let pid: number | undefined;
    for (let i = 0; i < 200 && !pid; i++) {
      pid = child.commandPid();
      if (!pid) await new Promise((done) => setTimeout(done, 10));
    }
    expect(pid).toBeGreaterThan(0);
    expect(await readFile(`/proc/${pid}/cmdline`, 'latin1')).toContain('sleep');
    process.kill(pid as number, 'SIGSEGV');
    const crash = await child.exit;
    expect(crash).toMatchObject({ exitCode: null, signal: 'SIGSEGV' });
  });

  it('leaves no process of its uid behind, not even a setsid double-fork daemon', async (ctx) => {
    const jail = await makeJail();
    if (!jail) return ctx.skip();
    const child = await run(jail, `setsid sh -c 'sleep 60 & sleep 60' & sleep 0.2; exit 0`);
    await child.kill(100);
    expect((await child.exit).exitCode).toBe(0);
    expect(processesOf(jail.uid)).toEqual([]);
  });

  it('names the memory limit when the kernel kills it out of memory', async (ctx) => {
    const jail = await makeJail();
    if (!jail || !support.available || !support.cgroup?.memoryParent) return ctx.skip();
    const limits = withOverrides(PROXY_JAIL_LIMITS, { memoryMiB: 32 });
    const child = await run(jail, 'x=$(head -c 200000000 /dev/zero | tr "\\0" a); echo survived', limits);
    const crash = await child.exit;
    expect(crash.signal).toBe('SIGKILL');
    expect(child.limitHits().join('\n')).toContain('hit the 32 MiB memory limit');
    expect(crash.outputTail.join('\n')).not.toContain('survived');
  });

  it('bounds a fork bomb and counts the refused forks', async (ctx) => {
    const jail = await makeJail();
    if (!jail) return ctx.skip();
    const limits = withOverrides(PROXY_JAIL_LIMITS, { pids: 16 });
    const child = await run(jail, 'for i in $(seq 40); do sleep 5 & done', limits);
    await child.kill(100);
    expect(child.limitHits().join('\n')).toMatch(/hit the 16-process limit: \d+ forks were refused/);
    expect(processesOf(jail.uid)).toEqual([]);
  });
});
