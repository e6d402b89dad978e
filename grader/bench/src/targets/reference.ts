import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findFreePort, startListening } from './start-listening.js';
import type { BenchContext, BenchTarget, StartedTarget } from './types.js';

const mainIn = (repo: string) => join(repo, 'proxy', 'dist', 'main.js');
const mainOf = (context: BenchContext) => mainIn(context.repoRoot);

async function prepareReference(context: BenchContext): Promise<string | undefined> {
  return existsSync(mainOf(context)) ? undefined : `${mainOf(context)} is not built (npm run build)`;
}

/** Starts proxy/dist/main.js on a free loopback port; `nodeArgs` go to node itself (e.g. --cpu-prof). */
export async function startReference(
  context: BenchContext,
  proxyArgs: readonly string[],
  nodeArgs: readonly string[] = [],
  main = mainOf(context),
): Promise<StartedTarget> {
  const port = await findFreePort();
  return startListening({
    name: 'reference',
    dir: context.workDir.makeDir('reference'),
    port,
    command: process.execPath,
    args: [...nodeArgs, main, String(port), '--host', '127.0.0.1', '--quiet', ...proxyArgs],
  });
}

/** The project's reference proxy as a student would run it: cache on, no per-exchange log. */
export const referenceTarget: BenchTarget = {
  name: 'reference',
  label: 'reference (node)',
  isProxy: true,
  inHitCell: true,
  prepare: prepareReference,
  start: (context) => startReference(context, []),
};

/** The reference proxy with --no-cache: shows what filling the cache costs on every miss. */
export const referenceNoCacheTarget: BenchTarget = {
  name: 'reference-nocache',
  label: 'reference --no-cache',
  isProxy: true,
  inHitCell: false,
  prepare: prepareReference,
  start: (context) => startReference(context, ['--no-cache']),
};

/** The reference proxy built in another checkout (`--before DIR`): before and after a change, paired per repeat. */
export const referenceBeforeTarget: BenchTarget = {
  name: 'reference-before',
  label: 'reference before',
  isProxy: true,
  inHitCell: true,
  async prepare(context) {
    if (context.beforeRepo === undefined) return 'no --before checkout given';
    const main = mainIn(context.beforeRepo);
    this.label = `reference before (${context.beforeRepo})`;
    return existsSync(main) ? undefined : `${main} is not built (npm run build there)`;
  },
  start: (context) => startReference(context, [], [], mainIn(context.beforeRepo ?? '')),
};
