/** Resource bounds of one jailed command, every one in an explicit unit. */
export interface JailLimits {
  /** memory cgroup limit (RLIMIT_AS when no memory cgroup is writable) */
  memoryBytes: number;
  /** pids cgroup limit and RLIMIT_NPROC (the jail's uid is its own, so only its tasks count) */
  pids: number;
  /** RLIMIT_CPU */
  cpuSeconds: number;
  /** RLIMIT_FSIZE */
  fileSizeBytes: number;
  /** RLIMIT_NOFILE */
  openFiles: number;
}

const MiB = 1024 * 1024;

/** The student's proxy. */
export const PROXY_JAIL_LIMITS: JailLimits = {
  memoryBytes: 1024 * MiB,
  pids: 256,
  cpuSeconds: 600,
  fileSizeBytes: 64 * MiB,
  openFiles: 4096,
};

/** `make` (the compiler needs more file size, less CPU). */
export const MAKE_JAIL_LIMITS: JailLimits = {
  ...PROXY_JAIL_LIMITS,
  cpuSeconds: 300,
  fileSizeBytes: 256 * MiB,
};

/** What `--memory MiB` and `--pids N` change. */
export interface JailLimitOverrides {
  memoryMiB?: number;
  pids?: number;
}

export function withOverrides(limits: JailLimits, overrides: JailLimitOverrides = {}): JailLimits {
  return {
    ...limits,
    ...(overrides.memoryMiB ? { memoryBytes: Math.round(overrides.memoryMiB * MiB) } : {}),
    ...(overrides.pids ? { pids: Math.round(overrides.pids) } : {}),
  };
}

/** '1024 MiB memory, 256 processes, 600 s CPU, 64 MiB per file, 4096 open files' */
export function describeLimits(limits: JailLimits): string {
  return [
    `${formatMiB(limits.memoryBytes)} memory`,
    `${limits.pids} processes`,
    `${limits.cpuSeconds} s CPU`,
    `${formatMiB(limits.fileSizeBytes)} per file`,
    `${limits.openFiles} open files`,
  ].join(', ');
}

export const formatMiB = (bytes: number): string =>
  bytes % (1024 * MiB) === 0 ? `${bytes / (1024 * MiB)} GiB` : `${Math.round(bytes / MiB)} MiB`;
