// The mark by which a batch job's processes are found again, whichever layer started them.

/** The environment variable every process of a job inherits; its value names the job (its folder). */
export const JOB_MARKER = 'PROXYLAB_BATCH_JOB';
