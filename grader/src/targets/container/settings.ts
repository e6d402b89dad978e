/** Limits of every proxy container: generous for a correct proxy, fatal for a runaway one. */
export const CONTAINER_LIMITS = {
  memoryMiB: 512,
  cpus: 1,
  /** processes and threads together (cgroup pids.max) */
  pids: 256,
  /** RLIMIT_NOFILE, the same as a proxy run as a process gets */
  openFiles: 4096,
  /** RLIMIT_CPU */
  cpuSeconds: 600,
  /** RLIMIT_FSIZE, as for a proxy run as a process */
  fileSizeMiB: 64,
  /** memory of the build container (make) */
  buildMemoryMiB: 1024,
} as const;

/** Every container and image the grader creates carries this label (value '1'), so leftovers can be found. */
export const PROXYLAB_LABEL = 'org.proxylab';
/** Proxy containers: the id of the network holder they share a network with (the outer grader sweeps by it). */
export const HOLDER_LABEL = 'org.proxylab.holder';
/** Layers of a submission image built for one grading run (submission.Dockerfile puts it on every layer). */
export const BUILD_LABEL = 'org.proxylab.build';
export const ROLE_LABEL = 'org.proxylab.role';
/** Network holders started while PROXYLAB_SESSION is set (e.g. by docker/ci-stage.sh): its value, for a sweep. */
export const SESSION_LABEL = 'org.proxylab.session';
/** Network holders started by a batch job: the job's marker (PROXYLAB_BATCH_JOB), so the batch can sweep them. */
export const JOB_LABEL = 'org.proxylab.job';

/** Base image of submission.Dockerfile; the same variable docker-compose.yml reads. @default 'gcc:12' */
export const gccImage = (): string => process.env.GCC_IMAGE || 'gcc:12';

/** The image a student's submission is built into for one run (removed when the run ends). */
export const submissionImageTag = (holderId: string): string =>
  `proxylab-submission:${holderId.slice(0, 12)}`;

/** The flag the outer grader adds when it re-runs itself inside the holder's network namespace. */
export const INSIDE_FLAG = '--inside-netns';
