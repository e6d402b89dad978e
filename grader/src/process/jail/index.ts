export {
  type CgroupHits,
  type CgroupSupport,
  createRunCgroup,
  findCgroupSupport,
  removeRunCgroupsSync,
  type RunCgroup,
} from './cgroup.js';
export { buildJailedCommand, type JailedCommandOptions, type JailTools } from './command.js';
export { detectJail, type JailSupport } from './detect.js';
export { describeLimitHits, mapJailExit } from './exit.js';
export {
  describeLimits,
  type JailLimitOverrides,
  type JailLimits,
  MAKE_JAIL_LIMITS,
  PROXY_JAIL_LIMITS,
  withOverrides,
} from './limits.js';
export { findJailedPid } from './pid.js';
export { type Jail, type JailedProcess, spawnJailed } from './spawn.js';
export { JAIL_UID_BASE, pickJailUid, processesOf } from './uid.js';
export { buildViewArgs, type JailView } from './view.js';
export { createJailWorkspace, type JailWorkspace, removeJailWorkspacesSync } from './workspace.js';
