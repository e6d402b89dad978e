import { createHash } from 'node:crypto';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { findSiblingReferences } from '../process/sibling-references.js';
import type { ShardSpec } from './types.js';

export interface Submission {
  /** folder name = student id in every output */
  student: string;
  /** real path of the folder (symlinks to folders are followed once, here) */
  dir: string;
  /** sibling folders of the batch DIR that the submission's build reaches as ../NAME, by name → real path */
  siblings: Map<string, string>;
}

/** Every subdirectory of `dir` is a submission, except names starting with '.' or '_' (shared or hidden folders). */
export async function discoverSubmissions(dir: string): Promise<Submission[]> {
  const root = await realpath(dir).catch((cause: unknown) => {
    throw new UsageError(`Batch directory ${dir} does not exist.`, [String((cause as Error).message)]);
  });
  const entries = await readdir(root, { withFileTypes: true });
  const submissions: Submission[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name.startsWith('_')) continue;
    const path = join(root, entry.name);
    const info = await stat(path).catch(() => undefined);
    if (!info?.isDirectory()) continue;
    const real = await realpath(path);
    submissions.push({ student: entry.name, dir: real, siblings: await findSiblingReferences(real, root) });
  }
  return submissions.sort((a, b) => (a.student < b.student ? -1 : a.student > b.student ? 1 : 0));
}

/** 'I/N' → { index: I, count: N } with 1 ≤ I ≤ N. */
export function parseShard(text: string): ShardSpec {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard ${JSON.stringify(text)} is not I/N with 1 ≤ I ≤ N, e.g. --shard 2/4.`);
  }
  return { index, count };
}

/**
 * The shard a student belongs to depends on the name only (sha256 of it, mod N), so a late submission never moves
 * anyone else to another shard, and every runner computes the same slice.
 */
export function shardOf(student: string, count: number): number {
  return (createHash('sha256').update(student).digest().readUInt32BE(0) % count) + 1;
}

export function selectShard<T extends { student: string }>(items: T[], shard: ShardSpec | undefined): T[] {
  return shard ? items.filter((item) => shardOf(item.student, shard.count) === shard.index) : items;
}
