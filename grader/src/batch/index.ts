export { type Submission, discoverSubmissions, parseShard, selectShard, shardOf } from './discover.js';
export { type MergeOptions, mergeOutputs } from './merge.js';
export { type BatchRecord, OUTPUT_FILES } from './outputs.js';
export { renderSummary } from './summary.js';
export { resolveCliPath, runBatch } from './run-batch.js';
export type {
  BatchOptions,
  BatchSummary,
  SandboxInfo,
  SandboxMode,
  ShardSpec,
  StudentOutcome,
  StudentStatus,
} from './types.js';
