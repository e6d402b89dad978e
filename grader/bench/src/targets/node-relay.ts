import { fileURLToPath } from 'node:url';
import { findFreePort, startListening } from './start-listening.js';
import type { BenchTarget } from './types.js';

const RELAY_MAIN = fileURLToPath(new URL('./node-relay-main.js', import.meta.url));

/**
 * A minimal `net` relay with `pipe()` in front of the origin: what Node itself costs for relaying,
 * without any parsing. Cache-less and without the proxy's per-connection state, so it is measured in the
 * load cells that bypass the cache only.
 */
export const nodeRelayTarget: BenchTarget = {
  name: 'node-relay',
  label: 'node pipe() relay (floor)',
  isProxy: true,
  inHitCell: false,
  onlyCells: ['small', 'large'],
  prepare: async () => undefined,
  async start(context) {
    const port = await findFreePort();
    return startListening({
      name: 'node-relay',
      dir: context.workDir.makeDir('node-relay'),
      port,
      command: process.execPath,
      args: [RELAY_MAIN, String(port), String(context.origin.port)],
    });
  },
};
