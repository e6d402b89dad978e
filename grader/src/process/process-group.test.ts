import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it, onTestFinished } from 'vitest';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isProcessGone } from './group-signal.js';
import { describeSignal, spawnGroup } from './process-group.js';

const alive = (pid: number) => !isProcessGone(pid);

describe('spawnGroup', () => {
  it('reports the signal that killed a process and its last output lines', async () => {
    const child = spawnGroup({ shell: `echo 'about to crash' >&2; kill -SEGV $$` });
    const info = await child.exit;
    expect(info.signal).toBe('SIGSEGV');
    expect(info.outputTail).toContain('about to crash');
    await child.kill();
  });

  it('kills the whole group, including a child that ignores SIGTERM', async () => {
    // the leader forks a grandchild that ignores TERM and prints its pid, then waits
    const child = spawnGroup({
      shell: `sh -c 'trap "" TERM; echo grandchild $$; while :; do sleep 1; done' & wait`,
    });
    let grandchild = 0;
    for (let i = 0; i < 200 && !grandchild; i++) {
      grandchild = Number(/grandchild (\d+)/.exec(child.output.tail().join('\n'))?.[1] ?? 0);
      if (!grandchild) await delay(10);
    }
    expect(grandchild).toBeGreaterThan(0);
    await child.kill(100);
    for (let i = 0; i < 100 && alive(grandchild); i++) await delay(10);
    expect(alive(grandchild)).toBe(false);
    expect(alive(child.pid)).toBe(false);
  });

  it('limits file size in MiB exactly, whatever unit the shell counts ulimit -f in', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'proxylab-fsize-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'big');
    const child = spawnGroup(
      { shell: `head -c 3000000 /dev/zero > ${file}` },
      { limits: { fileSizeMiB: 2 } },
    );
    const info = await child.exit;
    await child.kill();
    expect(info.signal ?? info.exitCode).toBeTruthy();
    expect(statSync(file).size).toBe(2 * 1024 * 1024);
  });

  it('keeps a bounded tail of a flood of output', async () => {
    const child = spawnGroup({ shell: 'yes flood | head -n 1000000; echo last-line' });
    await child.exit;
    await child.kill();
    expect(child.output.bytesSeen).toBeGreaterThanOrEqual(6_000_000);
    expect(child.output.tail().length).toBeLessThanOrEqual(40);
    expect(child.output.tail().at(-1)).toBe('last-line');
  });

  it('applies file size limits so a runaway write is stopped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'proxylab-fsize-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const redirected = spawnGroup(
      { shell: 'head -c 3000000 /dev/zero > big.bin' },
      { limits: { fileSizeMiB: 1 }, cwd: dir },
    );
    const info = await redirected.exit;
    await redirected.kill();
    expect(info.signal ?? `exit ${info.exitCode}`).toMatch(/SIGXFSZ|exit [1-9]/);
  });
});

describe('describeSignal', () => {
  it('explains SIGPIPE in the terms of the lab', () => {
    expect(describeSignal('SIGPIPE')).toMatch(/SIGPIPE \(13\): broken pipe/);
    expect(describeSignal(null)).toBe('');
  });
});
