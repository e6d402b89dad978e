import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadSpecFor, type RunLoad } from '../cells/measure-load.js';
import { CELL_SPECS, loadShapeOf } from '../cells/specs.js';
import type { CellName } from '../cells/types.js';
import { startReference } from '../targets/reference.js';
import { referenceTarget } from '../targets/reference.js';
import type { BenchContext } from '../targets/types.js';
import { analyseProfile, type ProfileSummary } from './analyse-profile.js';

export interface CellProfile {
  cell: CellName;
  title: string;
  /** Requests served while profiled (warm-up included), for per-request costs. */
  requests: number;
  perSecond: number;
  unit: string;
  profileFile: string;
  summary: ProfileSummary;
}

/** Runs one load cell against the reference proxy under `node --cpu-prof` and analyses the profile. */
export async function profileCell(
  cell: Exclude<CellName, 'idle'>,
  context: BenchContext,
  runLoad: RunLoad,
  quick: boolean,
  outDir: string,
): Promise<CellProfile> {
  const profileDir = context.workDir.makeDir(`profile-${cell}`);
  // 250 µs sampling: fine enough for per-request costs of ~100 µs.
  const nodeArgs = ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--cpu-prof-interval=250'];
  const started = await startReference(context, [], nodeArgs);
  const shape = loadShapeOf(cell, quick);
  let result: Awaited<ReturnType<RunLoad>>;
  let warmupRequests = 0;
  try {
    const spec = loadSpecFor(cell, referenceTarget, started.port, context, shape);
    warmupRequests = (await runLoad({ ...spec, durationMs: shape.warmupS * 1000 })).requests;
    result = await runLoad(spec);
  } finally {
    // SIGTERM: the proxy closes and exits normally, which is when node writes the profile.
    await started.stop();
  }
  const written = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
  if (!written) throw new Error(`node wrote no .cpuprofile in ${profileDir}`);
  mkdirSync(outDir, { recursive: true });
  const profileFile = join(outDir, `reference-${cell}.cpuprofile`);
  copyFileSync(join(profileDir, written), profileFile);
  const seconds = result.durationMs / 1000;
  return {
    cell,
    title: CELL_SPECS[cell].title,
    requests: warmupRequests + result.requests,
    perSecond: cell === 'large' ? result.bytes / 1e6 / seconds : result.requests / seconds,
    unit: CELL_SPECS[cell].unit,
    profileFile,
    summary: analyseProfile(profileFile),
  };
}
