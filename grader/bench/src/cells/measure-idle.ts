import { setTimeout as sleep } from 'node:timers/promises';
import { holdIdleConnections } from '../load/hold-idle.js';
import { countGroupSockets, readGroupRssBytes } from '../proc-stats.js';
import type { BenchContext, BenchTarget } from '../targets/types.js';
import { SMALL_OBJECT_PATH } from '../workdir.js';
import type { CellSample } from './types.js';

const ACCEPT_WAIT_MS = 15_000;
const SETTLE_MS = 1000;

/** A request head missing its final empty line: the server must hold the connection and its state. */
function partialHead(target: BenchTarget, context: BenchContext): string {
  const host = `127.0.0.1:${context.origin.port}`;
  const requestTarget = target.isProxy ? `http://${host}${SMALL_OBJECT_PATH}` : SMALL_OBJECT_PATH;
  return `GET ${requestTarget} HTTP/1.0\r\nHost: ${host}\r\n`;
}

/** Starts the target fresh, opens `count` idle clients, and reads the group's RSS once they are accepted. */
export async function measureIdleCell(
  target: BenchTarget,
  context: BenchContext,
  count: number,
): Promise<CellSample> {
  const started = await target.start(context, { fresh: true });
  try {
    // Let the readiness probe's connection close before taking the baseline.
    await sleep(300);
    const restBytes = readGroupRssBytes(started.pid);
    const socketsBefore = countGroupSockets(started.pid);
    const idle = await holdIdleConnections(started.port, count, partialHead(target, context));
    try {
      // Wait until the server has accepted them all, or its count stops growing (a limit, a refusal).
      const deadline = Date.now() + ACCEPT_WAIT_MS;
      let sockets = countGroupSockets(started.pid) - socketsBefore;
      let unchangedPolls = 0;
      while (sockets < idle.opened && unchangedPolls < 10 && Date.now() < deadline) {
        await sleep(100);
        const now = countGroupSockets(started.pid) - socketsBefore;
        unchangedPolls = now === sockets ? unchangedPolls + 1 : 0;
        sockets = now;
      }
      await sleep(SETTLE_MS);
      const rssBytes = readGroupRssBytes(started.pid);
      sockets = countGroupSockets(started.pid) - socketsBefore;
      const notes: string[] = [];
      if (idle.failed > 0) notes.push(`${idle.failed} of ${count} connections failed to open`);
      if (sockets < count - 2) notes.push(`only ${sockets} of ${count} connections held by the server`);
      return {
        value: rssBytes / 1e6,
        extra: { restMB: restBytes / 1e6, sockets, perConnectionKB: (rssBytes - restBytes) / 1e3 / count },
        notes,
      };
    } finally {
      await idle.close();
    }
  } finally {
    await started.stop();
  }
}
