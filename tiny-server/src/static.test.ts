import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { getRaw, splitResponse, useTempDir, useTiny } from './test-support/tiny-harness.js';

const EXPECTED_TYPES: Array<[string, string]> = [
  ['html', 'text/html'],
  ['txt', 'text/plain'],
  ['gif', 'image/gif'],
  ['png', 'image/png'],
  ['jpg', 'image/jpeg'],
  ['jpeg', 'image/jpeg'],
  ['mp4', 'video/mp4'],
  ['mpg', 'video/mpeg'],
  ['mpeg', 'video/mpeg'],
  ['css', 'text/css'],
  ['js', 'application/javascript'],
  ['json', 'application/json'],
  ['pdf', 'application/pdf'],
  ['c', 'text/plain'],
  ['h', 'text/plain'],
  ['bin', 'application/octet-stream'],
  ['tar', 'application/octet-stream'],
];

describe('static files', () => {
  test('each extension is served with its Content-type', async () => {
    const root = await useTempDir();
    for (const [ext] of EXPECTED_TYPES) await writeFile(join(root, `file.${ext}`), `content of ${ext}\n`);
    await writeFile(join(root, 'NOEXT'), 'no extension\n');
    await writeFile(join(root, 'UPPER.HTML'), '<p>upper</p>\n');
    const tiny = await useTiny({ root });
    for (const [ext, type] of [...EXPECTED_TYPES, ['HTML', 'text/html'] as [string, string]]) {
      const name = ext === 'HTML' ? 'UPPER.HTML' : `file.${ext}`;
      const { head } = splitResponse(await getRaw(tiny.port, `/${name}`));
      expect(head, name).toContain(`\r\nContent-type: ${type}\r\n`);
    }
    const { head } = splitResponse(await getRaw(tiny.port, '/NOEXT'));
    expect(head).toContain('\r\nContent-type: application/octet-stream\r\n');
  });

  test('a file comes back with exactly Tiny’s status line, headers and bytes', async () => {
    const root = await useTempDir();
    const bytes = Buffer.from([0x00, 0x01, 0x0d, 0x0a, 0x0d, 0x0a, 0xff, 0x00, 0x7f, 0x80]);
    await writeFile(join(root, 'blob.bin'), bytes);
    const tiny = await useTiny({ root });
    const response = await getRaw(tiny.port, '/blob.bin');
    const expectedHead =
      'HTTP/1.0 200 OK\r\nServer: Tiny Web Server\r\nConnection: close\r\n' +
      'Content-length: 10\r\nContent-type: application/octet-stream\r\n\r\n';
    expect(response).toEqual(Buffer.concat([Buffer.from(expectedHead, 'latin1'), bytes]));
  });

  test('the bundled root serves its home page for / and the bytes on disk for each file', async () => {
    const { BUNDLED_ROOT } = await import('./index.js');
    const tiny = await useTiny({ root: BUNDLED_ROOT });
    for (const [uri, file] of [
      ['/', 'home.html'],
      ['/home.html', 'home.html'],
      ['/sub/', 'sub/home.html'],
      ['/tiny.gif', 'tiny.gif'],
      ['/pixel.png', 'pixel.png'],
      ['/data.bin', 'data.bin'],
      ['/notes.txt', 'notes.txt'],
    ] as const) {
      const { head, body } = splitResponse(await getRaw(tiny.port, uri));
      const onDisk = await readFile(join(BUNDLED_ROOT, file));
      expect(head, uri).toMatch(/^HTTP\/1\.0 200 OK\r\n/);
      expect(head, uri).toContain(`\r\nContent-length: ${onDisk.length}\r\n`);
      expect(body.equals(onDisk), uri).toBe(true);
    }
    const binary = await readFile(join(BUNDLED_ROOT, 'data.bin'));
    expect(binary.includes(0)).toBe(true);
  });

  test('a query string is ignored and percent-escapes are decoded for static files', async () => {
    const root = await useTempDir();
    await writeFile(join(root, 'a b&c.txt'), 'spaced\n');
    const tiny = await useTiny({ root });
    const { head, body } = splitResponse(await getRaw(tiny.port, '/a%20b%26c.txt?x=1&y=%2F'));
    expect(head).toMatch(/^HTTP\/1\.0 200 OK\r\n/);
    expect(body.toString()).toBe('spaced\n');
  });

  test('an empty file is answered with Content-length 0 and no body', async () => {
    const root = await useTempDir();
    await writeFile(join(root, 'empty.txt'), '');
    const tiny = await useTiny({ root });
    const { head, body } = splitResponse(await getRaw(tiny.port, '/empty.txt'));
    expect(head).toContain('\r\nContent-length: 0\r\n');
    expect(body.length).toBe(0);
  });

  test('HEAD gets the same headers as GET and no body', async () => {
    const root = await useTempDir();
    await writeFile(join(root, 'page.html'), '<p>hello</p>\n');
    const tiny = await useTiny({ root });
    const get = splitResponse(await getRaw(tiny.port, '/page.html'));
    const head = await getRaw(tiny.port, '/page.html', 'HEAD');
    expect(head.toString('latin1')).toBe(get.head);
    expect(get.body.toString()).toBe('<p>hello</p>\n');
  });

  test('a directory named without its trailing slash is refused with 403', async () => {
    const root = await useTempDir();
    await mkdir(join(root, 'dir'));
    await writeFile(join(root, 'dir', 'home.html'), 'x');
    const tiny = await useTiny({ root });
    const { head } = splitResponse(await getRaw(tiny.port, '/dir'));
    expect(head).toMatch(/^HTTP\/1\.0 403 Forbidden\r\n/);
  });
});
