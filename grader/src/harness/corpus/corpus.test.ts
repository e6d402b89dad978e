import { describe, expect, it } from 'vitest';
import { buildCorpus, CORPUS_SPECS, contentTypeOf, LRU_OBJECT_BYTES } from './corpus.js';

describe('the corpus', () => {
  it('is the same byte for byte for the same seed', () => {
    const a = buildCorpus('seed-1', 'main');
    const b = buildCorpus('seed-1', 'main');
    for (const spec of CORPUS_SPECS)
      expect(a.get(spec.name)?.bytes.equals(b.get(spec.name)?.bytes ?? Buffer.alloc(0))).toBe(true);
  });

  it('differs for another seed and for the alt origin, in every object', () => {
    const main = buildCorpus('seed-1', 'main');
    const other = buildCorpus('seed-2', 'main');
    const alt = buildCorpus('seed-1', 'alt');
    for (const spec of CORPUS_SPECS) {
      const bytes = main.get(spec.name)?.bytes ?? Buffer.alloc(0);
      expect(bytes.equals(other.get(spec.name)?.bytes ?? Buffer.alloc(0)), spec.name).toBe(false);
      expect(bytes.equals(alt.get(spec.name)?.bytes ?? Buffer.alloc(0)), spec.name).toBe(false);
    }
  });

  it('has the documented sizes and paths', () => {
    const corpus = buildCorpus('sizes', 'main');
    const size = (name: string) => corpus.get(name)?.bytes.length ?? -1;
    for (const spec of CORPUS_SPECS) expect(size(spec.name), spec.name).toBe(spec.sizeBytes);
    expect(size('large')).toBeGreaterThanOrEqual(1024 * 1024);
    expect(size('huge')).toBeGreaterThanOrEqual(8 * 1024 * 1024);
    for (let i = 0; i < 12; i++) expect(size(`lru-${String(i).padStart(2, '0')}`)).toBe(LRU_OBJECT_BYTES);
    expect(size('under-limit')).toBeLessThan(102_400);
    expect(size('over-limit')).toBeGreaterThan(110_000);
    expect(corpus.get('query')?.path).toContain(' ');
    expect(new Set(CORPUS_SPECS.map((s) => s.path)).size).toBe(CORPUS_SPECS.length);
    const distinct = new Set(
      [...corpus.keys()]
        .filter((n) => n.startsWith('distinct-'))
        .map((n) => corpus.get(n)?.bytes.toString('hex')),
    );
    expect(distinct.size).toBe(50);
  });

  it('makes binaries that look like JPEG and ELF files and are full of NUL bytes', () => {
    const corpus = buildCorpus('binaries', 'main');
    const jpeg = corpus.get('jpeg')?.bytes ?? Buffer.alloc(0);
    const exe = corpus.get('exe')?.bytes ?? Buffer.alloc(0);
    expect(jpeg.subarray(0, 4)).toEqual(Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
    expect(jpeg.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
    expect(exe.subarray(0, 4)).toEqual(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
    const nulShare = (bytes: Buffer) => {
      let nuls = 0;
      for (const byte of bytes) if (byte === 0) nuls++;
      return nuls / bytes.length;
    };
    expect(nulShare(jpeg)).toBeGreaterThan(0.05);
    expect(nulShare(exe)).toBeGreaterThan(0.25);
    expect(nulShare(corpus.get('huge')?.bytes ?? Buffer.alloc(0))).toBeGreaterThan(0.05);
    expect(nulShare(corpus.get('text')?.bytes ?? Buffer.alloc(1))).toBe(0);
  });

  it('gives the basic suite URLs of its own, the big ones reusing the bytes of large and huge', () => {
    const corpus = buildCorpus('basic-own', 'main');
    const paths = ['basic-html', 'basic-large', 'basic-huge'].map((name) => corpus.get(name)?.path);
    expect(paths).toEqual(['/basic/page.html', '/basic/large.bin', '/basic/huge.bin']);
    expect(corpus.get('basic-large')?.bytes).toBe(corpus.get('large')?.bytes);
    expect(corpus.get('basic-huge')?.bytes).toBe(corpus.get('huge')?.bytes);
  });

  it('makes every object the cache suite fetches printable text, except the one for binary hits', () => {
    const corpus = buildCorpus('cache-text', 'main');
    const cacheNames = [
      ...['cache-text', 'cache-shared', 'over-limit', 'under-limit', 'keys-same', 'keys-dir-a', 'keys-dir-b'],
      ...[...corpus.keys()].filter((name) => /^(lru|one-copy)-\d\d$/.test(name)),
    ];
    expect(cacheNames).toHaveLength(7 + 12 + 11);
    for (const name of cacheNames) {
      const bytes = corpus.get(name)?.bytes ?? Buffer.alloc(0);
      expect(bytes.length, name).toBeGreaterThan(0);
      expect(
        bytes.every((b) => b === 0x0a || (b >= 0x20 && b < 0x7f)),
        name,
      ).toBe(true);
    }
    expect(corpus.get('cache-binary')?.bytes.includes(0)).toBe(true);
  });

  it('makes text that reads as html and C source', () => {
    const corpus = buildCorpus('text', 'main');
    expect(corpus.get('home')?.bytes.toString('latin1')).toMatch(/^<html><head><title>.*<\/html>\n$/s);
    expect(corpus.get('cmu-home')?.bytes.toString('latin1')).toMatch(/^<html>.*<\/html>\n$/s);
    expect(corpus.get('text')?.bytes.toString('latin1')).toMatch(
      /^#include <stdio.h>\n[\s\S]*static int \w+\(/,
    );
  });

  it('names content types as Tiny does for the extensions it uses', () => {
    expect(contentTypeOf('/home.html')).toBe('text/html');
    expect(contentTypeOf('/src/sorter.c')).toBe('text/plain');
    expect(contentTypeOf('/img/photo.jpg')).toBe('image/jpeg');
    expect(contentTypeOf('/bin/server')).toBe('application/octet-stream');
  });
});
