import { execFileSync } from 'node:child_process';
import { chmod, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { TinyError } from './errors.js';
import { startTinyServer } from './server.js';
import { exchangeRaw, getRaw, splitResponse, useTempDir, useTiny } from './test-support/tiny-harness.js';

async function useSimpleRoot(): Promise<string> {
  const root = await useTempDir();
  await writeFile(join(root, 'home.html'), '<p>home</p>\n');
  return root;
}

function statusLine(response: Buffer): string {
  return response.toString('latin1').split('\r\n')[0] ?? '';
}

describe('error responses', () => {
  test('a missing file gets Tiny’s 404 page with an exact Content-length', async () => {
    const tiny = await useTiny({ root: await useSimpleRoot() });
    const { head, body } = splitResponse(await getRaw(tiny.port, '/nope.html'));
    expect(head).toMatch(
      /^HTTP\/1\.0 404 Not found\r\nContent-type: text\/html\r\nContent-length: \d+\r\n\r\n$/,
    );
    expect(head).toContain(`Content-length: ${body.length}\r\n`);
    const page = body.toString();
    expect(page).toContain('<title>Tiny Error</title>');
    expect(page).toContain('404: Not found');
    expect(page).toContain('<em>The Tiny Web server</em>');
  });

  test('POST and other methods get 501 Not Implemented', async () => {
    const tiny = await useTiny({ root: await useSimpleRoot() });
    for (const method of ['POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS']) {
      const response = await exchangeRaw(
        tiny.port,
        `${method} /home.html HTTP/1.0\r\nContent-length: 0\r\n\r\n`,
      );
      expect(statusLine(response), method).toBe('HTTP/1.0 501 Not Implemented');
    }
  });

  test('a lowercase get is served, as Tiny compares methods with strcasecmp', async () => {
    const tiny = await useTiny({ root: await useSimpleRoot() });
    expect(statusLine(await getRaw(tiny.port, '/home.html', 'get'))).toBe('HTTP/1.0 200 OK');
  });

  test('malformed request lines get 400 Bad Request', async () => {
    const tiny = await useTiny({ root: await useSimpleRoot() });
    for (const request of [
      'garbage\r\n\r\n',
      '\r\n\r\n',
      'GET /home.html\r\n\r\n',
      'GET /home.html HTTP/1.0 extra\r\n\r\n',
      'GET /home.html HTTX/1.0\r\n\r\n',
      'GET home.html HTTP/1.0\r\n\r\n',
      'GET /%zz HTTP/1.0\r\n\r\n',
      'GET /a%00b HTTP/1.0\r\n\r\n',
      'G(T / HTTP/1.0\r\n\r\n',
      '\x00\x01\x02\xff\r\n\r\n',
    ]) {
      expect(statusLine(await exchangeRaw(tiny.port, request)), JSON.stringify(request)).toBe(
        'HTTP/1.0 400 Bad Request',
      );
    }
  });

  test('an over-long request line or head gets 400 instead of growing without bound', async () => {
    const tiny = await useTiny({ root: await useSimpleRoot() });
    const longLine = `GET /${'a'.repeat(9000)} HTTP/1.0\r\n\r\n`;
    expect(statusLine(await exchangeRaw(tiny.port, longLine))).toBe('HTTP/1.0 400 Bad Request');
    const manyHeaders = `GET /home.html HTTP/1.0\r\n${'X-Filler: 0123456789012345678901234567890123456789\r\n'.repeat(1500)}\r\n`;
    expect(statusLine(await exchangeRaw(tiny.port, manyHeaders))).toBe('HTTP/1.0 400 Bad Request');
  });

  test('a FIFO is refused with 403 without hanging the server', async () => {
    const root = await useSimpleRoot();
    execFileSync('mkfifo', [join(root, 'pipe.txt')]);
    const tiny = await useTiny({ root });
    expect(statusLine(await getRaw(tiny.port, '/pipe.txt'))).toBe('HTTP/1.0 403 Forbidden');
    expect(statusLine(await getRaw(tiny.port, '/home.html'))).toBe('HTTP/1.0 200 OK');
  });

  test.skipIf(process.getuid?.() === 0)('an unreadable file is refused with 403', async () => {
    const root = await useSimpleRoot();
    await writeFile(join(root, 'secret.txt'), 'secret');
    await chmod(join(root, 'secret.txt'), 0o000);
    const tiny = await useTiny({ root });
    expect(statusLine(await getRaw(tiny.port, '/secret.txt'))).toBe('HTTP/1.0 403 Forbidden');
  });

  test('HEAD of a missing file gets the 404 head without a body', async () => {
    const tiny = await useTiny({ root: await useSimpleRoot() });
    const response = (await getRaw(tiny.port, '/nope', 'HEAD')).toString('latin1');
    expect(response).toMatch(/^HTTP\/1\.0 404 Not found\r\n[\s\S]*\r\n\r\n$/);
  });
});

describe('reading requests', () => {
  test('a request split into one-byte writes is still answered', async () => {
    const tiny = await useTiny({ root: await useSimpleRoot() });
    const response = await new Promise<Buffer>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: tiny.port });
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('end', () => resolve(Buffer.concat(chunks)));
      socket.on('error', reject);
      socket.setNoDelay(true);
      const bytes = Buffer.from('GET /home.html HTTP/1.0\r\nHost: x\r\n\r\n');
      const writeFrom = (i: number): void => {
        if (i < bytes.length) socket.write(bytes.subarray(i, i + 1), () => writeFrom(i + 1));
      };
      writeFrom(0);
    });
    expect(splitResponse(response).body.toString()).toBe('<p>home</p>\n');
  });

  test('a client that half-closes after its request line is still answered', async () => {
    const tiny = await useTiny({ root: await useSimpleRoot() });
    const response = await exchangeRaw(tiny.port, 'GET /home.html HTTP/1.0\n', { halfClose: true });
    expect(statusLine(response)).toBe('HTTP/1.0 200 OK');
  });

  test('a client that never finishes its head is dropped after headTimeoutMs', async () => {
    const tiny = await useTiny({ root: await useSimpleRoot(), headTimeoutMs: 200 });
    const closed = await new Promise<Buffer>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: tiny.port });
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('close', () => resolve(Buffer.concat(chunks)));
      socket.on('error', reject);
      socket.write('GET /home.html HTTP/1.0\r\nHost: x\r\n');
    });
    expect(closed.length).toBe(0);
  });

  test('onRequest and the log see each parsed request', async () => {
    const seen: Array<{ method: string; uri: string; remoteAddress: string }> = [];
    const lines: string[] = [];
    const tiny = await useTiny({
      root: await useSimpleRoot(),
      onRequest: (request) => seen.push(request),
      log: (line) => lines.push(line),
    });
    await getRaw(tiny.port, '/home.html');
    await exchangeRaw(tiny.port, 'POST /form HTTP/1.0\r\n\r\n');
    expect(seen).toEqual([
      { method: 'GET', uri: '/home.html', remoteAddress: '127.0.0.1' },
      { method: 'POST', uri: '/form', remoteAddress: '127.0.0.1' },
    ]);
    await expect.poll(() => lines.length, { timeout: 10_000 }).toBe(2);
    expect(lines[0]).toMatch(/^127\.0\.0\.1 "GET \/home\.html HTTP\/1\.0" 200 \d+$/);
    expect(lines[1]).toMatch(/^127\.0\.0\.1 "POST \/form HTTP\/1\.0" 501 \d+$/);
  });
});

describe('startTinyServer', () => {
  test('rejects a bad port, a relative root and a missing root with stable codes', async () => {
    const root = await useSimpleRoot();
    await expect(startTinyServer({ root, port: 70000 })).rejects.toMatchObject({ code: 'TINY_ERR_BAD_PORT' });
    await expect(startTinyServer({ root: 'relative/www' })).rejects.toMatchObject({
      code: 'TINY_ERR_BAD_ROOT',
    });
    await expect(startTinyServer({ root: join(root, 'missing') })).rejects.toBeInstanceOf(TinyError);
    await expect(startTinyServer({ root: join(root, 'home.html') })).rejects.toMatchObject({
      code: 'TINY_ERR_BAD_ROOT',
    });
  });

  test('rejects a port that is already taken with TINY_ERR_LISTEN', async () => {
    const first = await useTiny({ root: await useSimpleRoot() });
    await expect(
      startTinyServer({ root: await useSimpleRoot(), host: '127.0.0.1', port: first.port, log: false }),
    ).rejects.toMatchObject({ code: 'TINY_ERR_LISTEN' });
  });
});

describe('clients that stop early', () => {
  test('a client that half-closes in the middle of its request line gets 400', async () => {
    const tiny = await useTiny({ root: await useSimpleRoot() });
    const response = await exchangeRaw(tiny.port, 'GET /home.ht', { halfClose: true });
    expect(statusLine(response)).toBe('HTTP/1.0 400 Bad Request');
  });

  test('a client that connects and closes without a byte gets nothing and is not logged', async () => {
    const lines: string[] = [];
    const tiny = await useTiny({ root: await useSimpleRoot(), log: (line) => lines.push(line) });
    expect((await exchangeRaw(tiny.port, '', { halfClose: true })).length).toBe(0);
    await getRaw(tiny.port, '/home.html');
    await expect.poll(() => lines.length, { timeout: 10_000 }).toBe(1);
    expect(lines[0]).toContain('"GET /home.html HTTP/1.0" 200');
  });
});
