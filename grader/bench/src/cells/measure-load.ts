import type { LoadResult, LoadSpec } from '../load/types.js';
import { totalErrors } from '../load/types.js';
import { cpus } from 'node:os';
import {
  machineCpuPercent,
  readGroupCpuSeconds,
  readGroupCpuTimes,
  readMachineCpuTicks,
} from '../proc-stats.js';
import type { BenchContext, BenchTarget } from '../targets/types.js';
import { LARGE_OBJECT_BYTES, LARGE_OBJECT_PATH, SMALL_OBJECT_BYTES, SMALL_OBJECT_PATH } from '../workdir.js';
import { DIRECT_LOAD_THREADS, type LoadShape } from './specs.js';
import type { CellName, CellSample } from './types.js';

export type RunLoad = (spec: LoadSpec) => Promise<LoadResult>;

/** What to request for a cell through a target: absolute form via a proxy, origin form directly. */
export function loadSpecFor(
  cell: Exclude<CellName, 'idle'>,
  target: BenchTarget,
  port: number,
  context: BenchContext,
  shape: LoadShape,
): LoadSpec {
  const path = cell === 'large' ? LARGE_OBJECT_PATH : SMALL_OBJECT_PATH;
  const host = `127.0.0.1:${context.origin.port}`;
  return {
    port,
    target: target.isProxy ? `http://${host}${path}` : path,
    host,
    uniqueQuery: cell !== 'hit',
    connections: shape.connections,
    threads: target.isProxy ? 1 : DIRECT_LOAD_THREADS,
    durationMs: shape.durationS * 1000,
    timeoutMs: shape.timeoutMs,
    minResponseBytes: cell === 'large' ? LARGE_OBJECT_BYTES : SMALL_OBJECT_BYTES,
  };
}

/** Starts the target, warms it up, then measures one bounded load and the target's CPU time over it. */
export async function measureLoadCell(
  cell: Exclude<CellName, 'idle'>,
  target: BenchTarget,
  context: BenchContext,
  shape: LoadShape,
  runLoad: RunLoad,
): Promise<CellSample> {
  const started = await target.start(context);
  try {
    const spec = loadSpecFor(cell, target, started.port, context, shape);
    // Warm-up: JIT, thread stacks, and for the hit cell the cache entry itself. Discarded.
    await runLoad({ ...spec, durationMs: shape.warmupS * 1000 });
    const originPid = context.origin.process.pid;
    const before = readGroupCpuTimes(started.pid);
    const originBeforeS = originPid === started.pid ? 0 : readGroupCpuSeconds(originPid);
    const machineBefore = readMachineCpuTicks();
    const result = await runLoad(spec);
    const machineAfter = readMachineCpuTicks();
    const after = readGroupCpuTimes(started.pid);
    const originS = originPid === started.pid ? 0 : readGroupCpuSeconds(originPid) - originBeforeS;
    const userS = after.userS - before.userS;
    const systemS = after.systemS - before.systemS;
    const cpuS = userS + systemS;
    const seconds = result.durationMs / 1000;
    const errors = totalErrors(result);
    const notes: string[] = [];
    if (errors > 0)
      notes.push(`${errors} errors (${JSON.stringify(result.errors)}) in ${result.requests} requests`);
    if (result.requests === 0) notes.push('no request completed');
    const threads = result.tool === 'wrk' ? Math.min(spec.threads, spec.connections) : 1;
    const loadPercentPerThread = (result.loadCpuS / seconds / threads) * 100;
    if (loadPercentPerThread > 90) {
      notes.push(
        `the load generator's ${threads} thread(s) used ${Math.round(loadPercentPerThread)}% of a core each: it may be the limit`,
      );
    }
    if (result.closesWithoutNotice) {
      notes.push(
        'closes after each response without "Connection: close" (wrk retries on the closed connection)',
      );
    }
    return {
      value: cell === 'large' ? result.bytes / 1e6 / seconds : result.requests / seconds,
      extra: {
        p50Ms: result.p50Ms,
        p99Ms: result.p99Ms,
        cpuUsPerRequest: result.requests > 0 ? (cpuS * 1e6) / result.requests : Number.NaN,
        // user vs kernel: the kernel's share (sockets, copies) is much the same for every proxy
        userUsPerRequest: result.requests > 0 ? (userS * 1e6) / result.requests : Number.NaN,
        systemUsPerRequest: result.requests > 0 ? (systemS * 1e6) / result.requests : Number.NaN,
        cpuPercent: (cpuS / seconds) * 100,
        loadCpuPercent: (result.loadCpuS / seconds) * 100,
        loadThreads: threads,
        // Everything else the machine did meanwhile (other users' work): the noise behind this sample.
        otherCpuPercent:
          machineCpuPercent(machineBefore, machineAfter, cpus().length) -
          ((cpuS + originS + result.loadCpuS) / seconds) * 100,
        requests: result.requests,
        errors,
      },
      notes,
    };
  } finally {
    await started.stop();
  }
}
