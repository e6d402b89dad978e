import { cpus, loadavg } from 'node:os';
import { measureIdleCell } from './cells/measure-idle.js';
import { measureLoadCell, type RunLoad } from './cells/measure-load.js';
import { CELL_SPECS, DIRECT_LOAD_THREADS, loadShapeOf } from './cells/specs.js';
import type { CellName, CellRun, CellSample } from './cells/types.js';
import type { BenchOptions } from './options.js';
import { startBenchSetup } from './setup.js';
import { ALL_TARGETS, type BenchContext, type BenchTarget } from './targets/index.js';
import type { WorkDir } from './workdir.js';

export interface BenchRun {
  startedAt: string;
  durationMs: number;
  machine: {
    cpus: number;
    cpuModel: string;
    node: string;
    loadAverageBefore: number[];
    loadAverageAfter: number[];
  };
  loadTool: string;
  origin: string;
  repeats: number;
  skipped: Array<{ target: string; reason: string }>;
  cells: CellRun[];
}

type Progress = (line: string) => void;

function describeSetup(cell: CellName, options: BenchOptions, tool: string): string {
  if (cell === 'idle') {
    return `${options.idleConnections} client connections each holding a partial request head; VmRSS of the process group`;
  }
  const shape = loadShapeOf(cell, options.quick);
  const urls = cell === 'hit' ? 'one URL' : 'a new URL per request';
  const threads = tool.startsWith('wrk')
    ? `, ${DIRECT_LOAD_THREADS} threads against direct, 1 against proxies`
    : '';
  return `${tool}, ${shape.connections} connections${threads}, fresh connection per request, ${urls}, ${shape.durationS} s after ${shape.warmupS} s warm-up`;
}

async function measure(
  cell: CellName,
  target: BenchTarget,
  context: BenchContext,
  options: BenchOptions,
  runLoad: RunLoad,
): Promise<CellSample> {
  try {
    if (cell === 'idle') return await measureIdleCell(target, context, options.idleConnections);
    return await measureLoadCell(cell, target, context, loadShapeOf(cell, options.quick), runLoad);
  } catch (error) {
    return { value: Number.NaN, extra: {}, notes: [`failed: ${(error as Error).message}`] };
  }
}

/** Runs every selected cell for every selected target, repeat by repeat (so all targets share the noise). */
export async function runBench(
  options: BenchOptions,
  repoRoot: string,
  workDir: WorkDir,
  progress: Progress,
): Promise<BenchRun> {
  const startedAt = new Date();
  const loadAverageBefore = loadavg();
  const setup = await startBenchSetup(options, repoRoot, workDir, progress);
  const { context, load } = setup;
  try {
    const skipped: BenchRun['skipped'] = [];
    const targets: BenchTarget[] = [];
    for (const target of ALL_TARGETS.filter((t) => options.targets.includes(t.name))) {
      const reason = await target.prepare(context);
      if (reason === undefined) targets.push(target);
      else skipped.push({ target: target.name, reason });
    }
    for (const { target, reason } of skipped) progress(`skipped ${target}: ${reason}`);
    const cells: CellRun[] = options.cells.map((cell) => ({
      spec: CELL_SPECS[cell],
      setup: describeSetup(cell, options, load.tool),
      rows: targets
        .filter((target) => cell !== 'hit' || target.inHitCell)
        .filter((target) => target.onlyCells?.includes(cell) ?? true)
        .map((target) => ({ target: target.name, label: target.label, samples: [] })),
    }));
    for (let repeat = 1; repeat <= options.repeats; repeat++) {
      for (const cell of cells) {
        for (const row of cell.rows) {
          const target = targets.find((t) => t.name === row.target)!;
          const sample = await measure(cell.spec.name, target, context, options, load.run);
          row.samples.push(sample);
          const value = Number.isFinite(sample.value)
            ? `${sample.value.toFixed(1)} ${cell.spec.unit}`
            : 'failed';
          const notes = sample.notes.length > 0 ? ` (${sample.notes.join('; ')})` : '';
          progress(`[${cell.spec.name} ${repeat}/${options.repeats}] ${row.label}: ${value}${notes}`);
        }
      }
    }
    return {
      startedAt: startedAt.toISOString(),
      durationMs: Date.now() - startedAt.getTime(),
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        node: process.version,
        loadAverageBefore,
        loadAverageAfter: loadavg(),
      },
      loadTool: load.tool,
      origin: context.origin.label,
      repeats: options.repeats,
      skipped,
      cells,
    };
  } finally {
    await setup.stop();
  }
}
