// The vocabulary of class-scale grading: what a batch is asked to do, what each student got, what the run was.
import type { Lang } from '../types.js';

/** How each submission is isolated: see grader/src/batch/README.md. */
export type SandboxMode = 'auto' | 'namespace' | 'none' | 'docker';

export interface ShardSpec {
  /** 1-based */
  index: number;
  count: number;
}

export interface BatchOptions {
  /** Folder whose subdirectories are the submissions (named by folder; names starting with . or _ are not students). */
  dir: string;
  /** @default './grade-out' */
  outDir?: string;
  /** Submissions graded at the same time. @default os.availableParallelism() */
  jobs?: number;
  /** Extra report formats per student (`junit`, `markdown:feedback.md`, ...); json is always written. */
  formats?: string[];
  /** @default 'default' */
  rubric?: string;
  /** @default 1 */
  timeoutScale?: number;
  /** Grading budget per submission, seconds (the child's --budget). @default 180 */
  budgetSeconds?: number;
  /** @default 120 */
  makeTimeoutSeconds?: number;
  /** Hard wall budget per submission, seconds; the sandbox is killed after it. @default make + budget×scale + 60 */
  wallSeconds?: number;
  lang?: Lang;
  /** Same corpus seed for every student (default: a fresh one each). */
  seed?: string;
  /** @default 'auto' */
  sandbox?: SandboxMode;
  /** Regrade even when a submission's content hash is unchanged. @default false */
  force?: boolean;
  shard?: ShardSpec;
  /** Canvas assignment column name. @default 'Proxy Lab' */
  assignment?: string;
  /** Gradescope: when students see the tests and the autograder's log. */
  gradescope?: import('../reporters/types.js').GradescopeVisibilityOptions;
  /** Roster CSV (folder → name, login, SIS id; or GitHub Classroom's export) for the gradebooks and overview. */
  roster?: string;
  /** Progress and summary go here; false for silence. @default process.stderr */
  progress?: NodeJS.WriteStream | NodeJS.WritableStream | false;
}

export type StudentStatus =
  /** graded; the score counts (it may be 0) */
  | 'graded'
  /** make failed or timed out: 0 */
  | 'build-failed'
  /** the proxy never listened on its port: 0 */
  | 'not-started'
  /** the sandbox was killed at the wall budget: 0 */
  | 'wall-timeout'
  /** the grader itself failed for this submission: no score, regraded on the next run */
  | 'grader-error';

export interface StudentOutcome {
  student: string;
  status: StudentStatus;
  /** null only for grader-error */
  score: number | null;
  maxScore: number;
  /** suite id → points */
  suites: Record<string, number>;
  /** check id → points */
  checks: Record<string, number>;
  /** true when the previous run's result was kept (content hash and settings unchanged) */
  resumed: boolean;
  durationMs: number;
  /** sha256 of the submission's files (and the sibling folders its Makefile reaches) */
  hash: string;
  /** One-line reason for anything but a clean grading. */
  reason?: string;
  /** Sandbox observations, e.g. 'the process limit (512) was reached 37 times'. */
  notes: string[];
}

export interface SandboxInfo {
  mode: 'namespace' | 'none' | 'docker';
  /** 'root': real root; 'userns': unprivileged user namespace (--map-root-user) */
  flavor?: 'root' | 'userns';
  /** how `lo` is brought up inside the namespace */
  loopback?: 'ip' | 'ifconfig' | 'helper';
  /** the pids cgroup folder holding one sub-cgroup per job, when cgroups are writable */
  pidsCgroup?: string;
  /** the memory cgroup folder (v1) holding one folder per job, where the jail's cgroups nest */
  memoryCgroup?: string;
  /** per-job process limit (cgroup pids.max and RLIMIT_NPROC) */
  maxProcesses: number;
  /** first uid of the unprivileged uids the jobs' student code runs as (root only), one per slot */
  uidBase?: number;
  /**
   * true: each child grader runs as root inside the job's namespaces and jails make and ./proxy (bubblewrap) as
   * the job's uid; false/absent: no jail here, the child grader itself runs as the job's uid (root) or as ours
   */
  jail?: boolean;
  /** what is and is not isolated, in sentences */
  notes: string[];
}

export interface BatchSummary {
  outDir: string;
  students: StudentOutcome[];
  graded: number;
  resumed: number;
  errors: number;
  maxScore: number;
  meanScore: number | null;
  medianScore: number | null;
  wallMs: number;
  jobs: number;
  shard?: ShardSpec;
  sandbox: SandboxInfo;
  /** the temporary folder the jobs ran in (removed before runBatch resolves) */
  tempRoot: string;
  files: { gradebook: string; canvas: string; overview: string; summary: string };
}
