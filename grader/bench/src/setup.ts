import type { RunLoad } from './cells/measure-load.js';
import { runNodeLoad } from './load/node-load.js';
import { runWrk } from './load/wrk.js';
import type { BenchOptions } from './options.js';
import { findProgram, readVersion } from './targets/find-program.js';
import { type BenchContext, startOrigin } from './targets/index.js';
import type { WorkDir } from './workdir.js';

export interface BenchSetup {
  context: BenchContext;
  load: { tool: string; run: RunLoad };
  stop(): Promise<void>;
}

function chooseLoad(options: BenchOptions, workDir: WorkDir): BenchSetup['load'] {
  const wrk = options.load === 'node' ? undefined : findProgram('wrk');
  if (options.load === 'wrk' && !wrk) throw new Error('--load wrk: wrk is not installed');
  if (!wrk) return { tool: 'node load generator', run: runNodeLoad };
  const scriptDir = workDir.makeDir('wrk');
  const version = readVersion(wrk, ['-v'], /wrk (\S+)/) ?? '';
  return { tool: `wrk ${version}`.trim(), run: (spec) => runWrk(wrk, spec, scriptDir) };
}

/** Picks the load tool and starts the shared origin (nginx when installed, else tiny-server). */
export async function startBenchSetup(
  options: BenchOptions,
  repoRoot: string,
  workDir: WorkDir,
  progress: (line: string) => void,
): Promise<BenchSetup> {
  const load = chooseLoad(options, workDir);
  if (options.origin === 'nginx' && !findProgram('nginx'))
    throw new Error('--origin nginx: nginx is not installed');
  const preferTiny = options.origin === 'tiny' || !findProgram('nginx');
  const origin = await startOrigin(repoRoot, workDir, preferTiny);
  progress(`origin: ${origin.label} on 127.0.0.1:${origin.port}; load: ${load.tool}`);
  const context = { repoRoot, workDir, origin, beforeRepo: options.beforeRepo };
  return { context, load, stop: () => origin.process.stop() };
}
