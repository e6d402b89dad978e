// What a job launch needs to know about the isolation this host allows.
import type { SandboxInfo } from '../types.js';
import type { PidsCgroup } from './cgroup.js';

/** Everything a job launch needs to know about the isolation this host allows. */
export interface SandboxPlan {
  info: SandboxInfo;
  /** argv prefix that enters fresh net + pid + mount namespaces, when available */
  unshare?: string[];
  loopbackCommand?: string;
  /** run the child as an unprivileged uid (root only): util-linux setpriv */
  setpriv?: string;
  /** RLIMIT_NPROC for the job (util-linux prlimit) */
  prlimit?: string;
  cgroup?: PidsCgroup;
  /** the batch's memory cgroup folder (v1, with a jail): each job's child grader nests its jail's cgroups there */
  memoryCgroup?: string;
}
