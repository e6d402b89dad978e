// The per-run corpus: which objects exist, where they live and how big they are. Contents come from the seed,
// so two runs with the same seed serve the same bytes and no proxy can hard-code an answer.
import { copyFile, chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { BUNDLED_ROOT } from '@proxylab/tiny-server';
import { makeBinary, makeCSource, makeElfLike, makeHtml, makeJpegLike, makeProse } from './corpus-content.js';
import type { CorpusObject } from '../harness.js';
import { createPrng, type Prng } from './prng.js';

type ContentKind = 'html' | 'prose' | 'c' | 'jpeg' | 'elf' | 'binary';

export interface CorpusSpec {
  name: string;
  path: string;
  kind: ContentKind;
  sizeBytes: number;
  /** Serve the bytes of this (earlier) object under another path: a URL of its own, no new content. */
  sameBytesAs?: string;
}

/** Objects that exist besides the names in harness.ts. */
export const LRU_OBJECT_BYTES = 90_000;
export const ADDER_PATH = '/cgi-bin/adder';

const numbered = (prefix: string, count: number, make: (id: string, i: number) => CorpusSpec): CorpusSpec[] =>
  Array.from({ length: count }, (_, i) => make(`${prefix}-${String(i).padStart(2, '0')}`, i));

/**
 * Every corpus object. Besides the names listed in harness.ts, the cache suite owns: cache-shared (concurrent
 * fetches), keys-same, keys-dir-a, keys-dir-b (distinct keys), one-copy-00..10 (one copy per object); the basic
 * suite owns basic-html, basic-large, basic-huge and port-check (fetched from the alt origin only), so no other
 * fetch of a run shares a URL with a basic check and no basic check can meet a cache hit.
 * Every object the cache suite fetches is printable text except cache-binary: only hit-binary tests NUL bytes.
 */
export const CORPUS_SPECS: readonly CorpusSpec[] = [
  { name: 'home', path: '/home.html', kind: 'html', sizeBytes: 1_500 },
  { name: 'text', path: '/src/sorter.c', kind: 'c', sizeBytes: 24_000 },
  { name: 'jpeg', path: '/img/photo.jpg', kind: 'jpeg', sizeBytes: 12_000 },
  { name: 'exe', path: '/bin/server', kind: 'elf', sizeBytes: 40_000 },
  { name: 'large', path: '/blob/large.bin', kind: 'binary', sizeBytes: 1_300_000 },
  { name: 'huge', path: '/blob/huge.bin', kind: 'binary', sizeBytes: 8_400_000 },
  { name: 'query', path: '/q dir/file.txt', kind: 'prose', sizeBytes: 3_000 },
  { name: 'basic-html', path: '/basic/page.html', kind: 'html', sizeBytes: 1_600 },
  {
    name: 'basic-large',
    path: '/basic/large.bin',
    kind: 'binary',
    sizeBytes: 1_300_000,
    sameBytesAs: 'large',
  },
  { name: 'basic-huge', path: '/basic/huge.bin', kind: 'binary', sizeBytes: 8_400_000, sameBytesAs: 'huge' },
  { name: 'port-check', path: '/port/page.html', kind: 'html', sizeBytes: 1_800 },
  { name: 'under-limit', path: '/limit/under.txt', kind: 'prose', sizeBytes: 95_000 },
  { name: 'over-limit', path: '/limit/over.txt', kind: 'prose', sizeBytes: 120_000 },
  { name: 'cache-text', path: '/cache/notes.txt', kind: 'prose', sizeBytes: 20_000 },
  { name: 'cache-binary', path: '/cache/picture.jpg', kind: 'jpeg', sizeBytes: 30_000 },
  { name: 'cache-shared', path: '/cache/shared.txt', kind: 'prose', sizeBytes: 50_000 },
  { name: 'keys-same', path: '/keys/same.html', kind: 'html', sizeBytes: 2_000 },
  { name: 'keys-dir-a', path: '/keys/a/obj.txt', kind: 'prose', sizeBytes: 2_100 },
  { name: 'keys-dir-b', path: '/keys/b/obj.txt', kind: 'prose', sizeBytes: 2_100 },
  ...numbered('lru', 12, (name, i) => ({
    name,
    path: `/lru/obj-${name.slice(4)}.${i % 2 === 0 ? 'c' : 'txt'}`,
    kind: i % 2 === 0 ? 'c' : 'prose',
    sizeBytes: LRU_OBJECT_BYTES,
  })),
  ...numbered('one-copy', 11, (name) => ({
    name,
    path: `/one-copy/fill-${name.slice(9)}.txt`,
    kind: 'prose',
    sizeBytes: LRU_OBJECT_BYTES,
  })),
  ...numbered('distinct', 50, (name, i) => ({
    name,
    path: `/distinct/obj-${name.slice(9)}.txt`,
    kind: 'prose',
    // over MAX_OBJECT_SIZE: 40 simultaneous clients must never make 40 simultaneous cache insertions, or a
    // cache flaw (no lock) would cost concurrency points
    sizeBytes: 104_000 + 97 * i,
  })),
  { name: 'cmu-home', path: '/cmu/home.html', kind: 'html', sizeBytes: 120 },
  { name: 'cmu-source-1', path: '/cmu/csapp.c', kind: 'c', sizeBytes: 24_200 },
  { name: 'cmu-source-2', path: '/cmu/tiny.c', kind: 'c', sizeBytes: 9_100 },
  { name: 'cmu-jpeg', path: '/cmu/godzilla.jpg', kind: 'jpeg', sizeBytes: 11_300 },
  { name: 'cmu-exe', path: '/cmu/tiny', kind: 'elf', sizeBytes: 40_100 },
];

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  html: 'text/html',
  txt: 'text/plain',
  c: 'text/plain',
  jpg: 'image/jpeg',
};

/** The Content-type Tiny sends for `path` (the extensions the corpus uses). */
export function contentTypeOf(path: string): string {
  const match = /\.([a-z]+)$/.exec(path);
  return CONTENT_TYPES[match?.[1] ?? ''] ?? 'application/octet-stream';
}

const GENERATORS: Readonly<Record<ContentKind, (prng: Prng, sizeBytes: number) => Buffer>> = {
  html: makeHtml,
  prose: makeProse,
  c: makeCSource,
  jpeg: makeJpegLike,
  elf: makeElfLike,
  binary: (prng, sizeBytes) => makeBinary(prng, sizeBytes, 2),
};

/** Builds one object's bytes; `variant` separates the main origin's contents from the alt origin's. */
export function buildCorpusObject(spec: CorpusSpec, seed: string, variant: string): CorpusObject {
  const prng = createPrng(seed, `${variant}:${spec.name}`);
  return {
    path: spec.path,
    bytes: GENERATORS[spec.kind](prng, spec.sizeBytes),
    contentType: contentTypeOf(spec.path),
  };
}

/** Builds every object of the corpus in memory. */
export function buildCorpus(seed: string, variant: string): Map<string, CorpusObject> {
  const objects = new Map<string, CorpusObject>();
  for (const spec of CORPUS_SPECS) {
    const twin = spec.sameBytesAs === undefined ? undefined : objects.get(spec.sameBytesAs);
    objects.set(
      spec.name,
      twin
        ? { path: spec.path, bytes: twin.bytes, contentType: contentTypeOf(spec.path) }
        : buildCorpusObject(spec, seed, variant),
    );
  }
  return objects;
}

/** Writes `objects` below `rootDir`, plus the bundled `cgi-bin/adder` (mode 755). */
export async function writeCorpus(
  rootDir: string,
  objects: ReadonlyMap<string, CorpusObject>,
): Promise<void> {
  const dirs = new Set([...objects.values()].map((object) => dirname(join(rootDir, object.path))));
  dirs.add(join(rootDir, 'cgi-bin'));
  for (const dir of dirs) await mkdir(dir, { recursive: true });
  await Promise.all(
    [...objects.values()].map((object) => writeFile(join(rootDir, object.path), object.bytes)),
  );
  const adder = join(rootDir, ADDER_PATH);
  await copyFile(join(BUNDLED_ROOT, ADDER_PATH), adder);
  await chmod(adder, 0o755);
}
