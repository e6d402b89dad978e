import { InvalidArgumentError } from 'commander';
import { parseShard } from '../batch/discover.js';
import type { ShardSpec } from '../batch/types.js';
import { MAX_SHARDS } from './limits.js';

/** `--shard I/N` as a commander parser: 1 ≤ I ≤ N ≤ MAX_SHARDS, or a one-sentence usage error. */
export function parseShardOption(text: string): ShardSpec {
  let shard: ShardSpec;
  try {
    shard = parseShard(text);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
  if (shard.count > MAX_SHARDS) {
    throw new InvalidArgumentError(
      `--shard ${JSON.stringify(text)} splits into more than ${MAX_SHARDS} shards.`,
    );
  }
  return shard;
}
