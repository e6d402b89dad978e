import { cProxyTarget } from './c-proxy.js';
import { directTarget } from './origin.js';
import { referenceNoCacheTarget, referenceTarget } from './reference.js';
import { squidTarget } from './squid.js';
import { tinyproxyTarget } from './tinyproxy.js';
import type { BenchTarget, TargetName } from './types.js';

/** Every target, in table order: the limit first, then ours, then the C baseline, then the peers. */
export const ALL_TARGETS: readonly BenchTarget[] = [
  directTarget,
  referenceTarget,
  referenceNoCacheTarget,
  cProxyTarget,
  tinyproxyTarget,
  squidTarget,
];

export const TARGET_NAMES: readonly TargetName[] = ALL_TARGETS.map((target) => target.name);

export { startOrigin } from './origin.js';
export type { BenchContext, BenchTarget, OriginInfo, StartedTarget, TargetName } from './types.js';
