// Generators for the per-run corpus: text that looks like what a proxy-lab student fetches (html, C source)
// and binaries full of NUL bytes (JPEG-like, ELF-like, raw). Every generator returns exactly `sizeBytes` bytes.
import type { Prng } from './prng.js';

const ONSETS = ['b', 'c', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'w', 'st', 'tr'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ou', 'ea'];

/** A pronounceable random word of 1-3 syllables. */
export function makeWord(prng: Prng): string {
  let word = '';
  const syllables = 1 + prng.int(3);
  for (let i = 0; i < syllables; i++) word += prng.pick(ONSETS) + prng.pick(VOWELS);
  return word;
}

/** Cuts or pads `text` to exactly `sizeBytes` ASCII bytes, ending in a newline. */
function fitText(text: string, sizeBytes: number): Buffer {
  if (sizeBytes <= 0) return Buffer.alloc(0);
  const body = text.length >= sizeBytes - 1 ? text.slice(0, sizeBytes - 1) : text.padEnd(sizeBytes - 1, ' ');
  return Buffer.from(`${body}\n`, 'latin1');
}

function makeSentence(prng: Prng): string {
  const words: string[] = [];
  const count = 4 + prng.int(10);
  for (let i = 0; i < count; i++) words.push(makeWord(prng));
  const sentence = words.join(' ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}

/** Plain prose, lines of sentences. */
export function makeProse(prng: Prng, sizeBytes: number): Buffer {
  let text = '';
  while (text.length < sizeBytes) text += `${makeSentence(prng)} ${makeSentence(prng)}\n`;
  return fitText(text, sizeBytes);
}

/** An HTML page of random paragraphs. */
export function makeHtml(prng: Prng, sizeBytes: number): Buffer {
  const title = `${makeWord(prng)} ${makeWord(prng)}`;
  const tail = '</body></html>';
  let text = `<html><head><title>${title}</title></head><body>\n`;
  while (text.length + tail.length < sizeBytes) text += `<p>${makeSentence(prng)}</p>\n`;
  const room = Math.max(0, sizeBytes - 1 - tail.length);
  return fitText(`${text.slice(0, room)}${tail}`, sizeBytes);
}

/** Text that reads like a C file: includes, functions, loops, comments. */
export function makeCSource(prng: Prng, sizeBytes: number): Buffer {
  let text = '#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\n\n';
  while (text.length < sizeBytes) {
    const name = `${makeWord(prng)}_${makeWord(prng)}`;
    const arg = makeWord(prng);
    const limit = prng.int(10_000);
    text +=
      `/* ${makeSentence(prng)} */\n` +
      `static int ${name}(int ${arg}, char *buf)\n{\n` +
      `    int total = 0;\n` +
      `    for (int i = 0; i < ${limit}; i++) {\n` +
      `        total += (${arg} ^ i) % ${1 + prng.int(97)};\n` +
      `        buf[i % ${1 + prng.int(64)}] = '${String.fromCharCode(97 + prng.int(26))}';\n` +
      `    }\n    printf("%d\\n", total);\n    return total;\n}\n\n`;
  }
  return fitText(text, sizeBytes);
}

/**
 * Random bytes where about 10% (strength 2) or 35% (strength 3) are NUL: each random word is ANDed with
 * rotations of itself, one generator call per 4 bytes so 8 MiB take a few tens of milliseconds.
 */
export function makeBinary(prng: Prng, sizeBytes: number, strength = 2): Buffer {
  const words = new Uint32Array(Math.ceil(sizeBytes / 4));
  for (let i = 0; i < words.length; i++) {
    const w = prng.nextU32();
    const sparse = w & ((w << 13) | (w >>> 19));
    words[i] = strength >= 3 ? sparse & ((w << 7) | (w >>> 25)) : sparse;
  }
  return Buffer.from(words.buffer, 0, sizeBytes);
}

const JPEG_HEADER = [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00];

/** JFIF header, NUL-rich random data, FF D9 end marker. */
export function makeJpegLike(prng: Prng, sizeBytes: number): Buffer {
  const bytes = makeBinary(prng, sizeBytes, 2);
  Buffer.from(JPEG_HEADER).copy(bytes, 0);
  bytes[sizeBytes - 2] = 0xff;
  bytes[sizeBytes - 1] = 0xd9;
  return bytes;
}

const ELF_IDENT = [
  0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x00, 0x3e, 0x00,
];

/** ELF identification, then data where about a third of the bytes are NUL, like an executable. */
export function makeElfLike(prng: Prng, sizeBytes: number): Buffer {
  const bytes = makeBinary(prng, sizeBytes, 3);
  Buffer.from(ELF_IDENT).copy(bytes, 0);
  return bytes;
}
