import { cProxyTarget } from './c-proxy.js';
import { directTarget } from './origin.js';
import { nodeRelayTarget } from './node-relay.js';
import { referenceBeforeTarget, referenceNoCacheTarget, referenceTarget } from './reference.js';
import { squidTarget } from './squid.js';
import { tinyproxyTarget } from './tinyproxy.js';
import type { BenchTarget, TargetName } from './types.js';

/**
 * Every target, in table order: the limit first, then the floor of a relay in Node, then ours (and ours
 * before a change, when asked), then the C baseline, then the peers.
 */
export const ALL_TARGETS: readonly BenchTarget[] = [
  directTarget,
  nodeRelayTarget,
  referenceTarget,
  referenceBeforeTarget,
  referenceNoCacheTarget,
  cProxyTarget,
  tinyproxyTarget,
  squidTarget,
];

export const TARGET_NAMES: readonly TargetName[] = ALL_TARGETS.map((target) => target.name);

export { startOrigin } from './origin.js';
export type { BenchContext, BenchTarget, OriginInfo, StartedTarget, TargetName } from './types.js';
