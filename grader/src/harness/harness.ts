import type { RawResponse } from './clients/raw-client.js';

/** One file of the per-run corpus, served by the Tiny origin. */
export interface CorpusObject {
  /** Absolute URL path on the Tiny origin, e.g. '/text/sorter.c'. */
  path: string;
  /** Exact file bytes. */
  bytes: Buffer;
  contentType: string;
}

/**
 * Stable names of the corpus objects. Contents are random per run (from the seed), sizes fixed.
 * home: ~1-2 KB html, served as '/' too. text: C-like source ~24 KB. jpeg: JPEG-like binary ~12 KB with NULs.
 * exe: ELF-like binary ~40 KB with NULs. large: ≥ 1 MiB binary. huge: ≥ 8 MiB binary.
 * query: text file whose path needs escaping ('/q dir/file.txt', fetched with a query string).
 * under-limit: ~95 KB, over-limit: ~120 KB (cache size limit).
 * cache-text, cache-binary: objects only the cache suite fetches. lru-00..lru-11: 12 × 90,000 bytes.
 * distinct-00..distinct-49: 50 small objects, each different (concurrency).
 * cmu-home, cmu-source-1, cmu-source-2, cmu-jpeg, cmu-exe: the CMU rubric's five files.
 */
export type CorpusName = string;

export interface TinyOrigin {
  readonly host: string;
  readonly port: number;
  /** 'http://127.0.0.1:PORT' + path */
  url(path: string): string;
  /** Requests this origin received for `path` (query string ignored), counted since start. */
  hits(path: string): number;
  /**
   * Resolves once every connection made to this origin so far (accepted or still in the kernel's queue) has
   * had its request head read and counted, or was closed without one: read hits() after it, never on the
   * client's EOF. false when `timeoutMs` passed first. @default timeoutMs 2000
   */
  settle(options?: { timeoutMs?: number; signal?: AbortSignal }): Promise<boolean>;
  /** Stops answering (closes the listener); `start()` brings it back on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** What every check shares for one grading run. */
export interface Harness {
  /** Seed the corpus was generated from (reproduce a run with --seed). */
  readonly seed: string;
  /** Directory holding the generated corpus (removed by close()). */
  readonly rootDir: string;
  /** The main Tiny origin serving the corpus. */
  readonly tiny: TinyOrigin;
  /** A second Tiny origin on another port (and 127.0.0.2 when it can bind there) serving the same paths with
   *  different contents — for cache-key collisions. */
  readonly tinyAlt: TinyOrigin;
  object(name: CorpusName): CorpusObject;
  /** Ground truth: the exact bytes the origin sends for `url`, fetched directly (cached per URL per run). */
  expected(url: string): Promise<RawResponse>;
  /** The ground truths fetched so far this run, by URL (to recognise another URL's object in a response). */
  knownTruths?(): ReadonlyArray<{ url: string; bytes: Buffer }>;
  close(): Promise<void>;
}
