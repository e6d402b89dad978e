// `--image`: the reference proxy image graded in a container that shares only the grader's loopback; the
// network holder has no interface but lo; nothing is left afterwards. Needs root, Docker and proxylab/proxy.
import { readFile } from 'node:fs/promises';
import { describe, expect, it, onTestFinished } from 'vitest';
import { connectDocker } from '../src/targets/container/docker.js';
import { startNetworkHolder } from '../src/targets/container/holder.js';
import { HOLDER_LABEL } from '../src/targets/container/settings.js';
import { removeRunLeftovers } from '../src/targets/container/sweep.js';
import { gradeToReport, lostChecks } from './support/container/run-command.js';

const IMAGE = process.env.PROXYLAB_PROXY_IMAGE ?? 'proxylab/proxy';

/** Containers still carrying a label that starts with this holder id (prefix as printed by -v). */
async function containersOfHolder(holderPrefix: string): Promise<string[]> {
  const { docker } = await connectDocker();
  const all = await docker.listContainers({ all: true });
  return all
    .filter((c) => c.Id.startsWith(holderPrefix) || c.Labels[HOLDER_LABEL]?.startsWith(holderPrefix))
    .map((c) => `${c.Id.slice(0, 12)} ${c.Image} ${c.State}`);
}

describe('--image', () => {
  it('grading the reference proxy image scores full marks, fd-leak included, and leaves no container', async () => {
    const { report, run } = await gradeToReport(['--image', IMAGE, '--verbose']);
    expect(run.code, run.stderr.slice(-2000)).toBe(0);
    expect(report.target.kind).toBe('image');
    expect(lostChecks(report)).toEqual([]);
    expect(report.suites.flatMap((s) => s.checks).filter((c) => c.skipped)).toEqual([]);
    expect([report.score, report.maxScore]).toEqual([100, 100]);
    const holder = /network holder ([0-9a-f]{12})/.exec(run.stderr)?.[1];
    expect(holder, 'the -v line naming the holder').toBeDefined();
    expect(run.stderr).toMatch(/started container [0-9a-f]{12} \(node proxy\/dist\/main\.js \d+\)/);
    expect(await containersOfHolder(holder as string)).toEqual([]);
  });

  it('the network holder has no interface but loopback, and the sweep removes it', async () => {
    const holder = await startNetworkHolder(IMAGE);
    onTestFinished(() => removeRunLeftovers(holder.id));
    const dev = await readFile(`/proc/${holder.pid}/net/dev`, 'latin1');
    const interfaces = [...dev.matchAll(/^\s*([^\s:|]+):/gm)].map((m) => m[1]);
    expect(interfaces).toEqual(['lo']);
    await removeRunLeftovers(holder.id);
    expect(await containersOfHolder(holder.id)).toEqual([]);
  });
});
