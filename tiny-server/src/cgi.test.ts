import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BUNDLED_ROOT } from './index.js';
import {
  exchangeRaw,
  getRaw,
  splitResponse,
  useTempDir,
  useTiny,
  waitUntil,
} from './test-support/tiny-harness.js';

const CGI_PRELUDE = 'HTTP/1.0 200 OK\r\nServer: Tiny Web Server\r\n';

/** A root with cgi-bin/<name> holding `script`, made executable unless `mode` says otherwise. */
async function useCgiRoot(name: string, script: string, mode = 0o755): Promise<string> {
  const root = await useTempDir();
  await mkdir(join(root, 'cgi-bin'));
  await writeFile(join(root, 'cgi-bin', name), script);
  await chmod(join(root, 'cgi-bin', name), mode);
  return root;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A killed grandchild may linger as a zombie until init reaps it: dead all the same.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return !/^\d+ \(.*\) Z /.test(stat);
}

function readPids(file: string): number[] {
  return readFileSync(file, 'utf8').trim().split(/\s+/).map(Number);
}

describe('the bundled adder', () => {
  test('adds 15213 and 18213 with an exact Content-length', async () => {
    const tiny = await useTiny({ root: BUNDLED_ROOT });
    const response = await getRaw(tiny.port, '/cgi-bin/adder?15213&18213');
    const { head, body } = splitResponse(response);
    expect(head).toBe(
      `${CGI_PRELUDE}Connection: close\r\nContent-length: ${body.length}\r\nContent-type: text/html\r\n\r\n`,
    );
    const page = body.toString();
    expect(page).toContain('Welcome to add.com: THE Internet addition portal.');
    expect(page).toContain('The answer is: 15213 + 18213 = 33426');
  });

  test('adds 1 and 2', async () => {
    const tiny = await useTiny({ root: BUNDLED_ROOT });
    const { head, body } = splitResponse(await getRaw(tiny.port, '/cgi-bin/adder?1&2'));
    expect(head).toContain(`\r\nContent-length: ${body.length}\r\n`);
    expect(body.toString()).toContain('The answer is: 1 + 2 = 3');
  });

  test('explains missing or non-numeric arguments instead of failing', async () => {
    const tiny = await useTiny({ root: BUNDLED_ROOT });
    for (const uri of [
      '/cgi-bin/adder',
      '/cgi-bin/adder?abc&1',
      '/cgi-bin/adder?5',
      '/cgi-bin/adder?1%262',
    ]) {
      const { head, body } = splitResponse(await getRaw(tiny.port, uri));
      expect(head, uri).toContain(`\r\nContent-length: ${body.length}\r\n`);
      expect(body.toString(), uri).toContain('adder needs two integers');
    }
  });

  test('HEAD returns the program’s head and no body', async () => {
    const tiny = await useTiny({ root: BUNDLED_ROOT });
    const response = (await getRaw(tiny.port, '/cgi-bin/adder?1&2', 'HEAD')).toString('latin1');
    expect(response).toMatch(
      /^HTTP\/1\.0 200 OK\r\nServer: Tiny Web Server\r\n[\s\S]*Content-length: \d+\r\n/,
    );
    expect(response.endsWith('\r\n\r\n')).toBe(true);
    expect(response).not.toContain('answer');
  });
});

describe('running CGI programs', () => {
  test('the program sees QUERY_STRING, REQUEST_METHOD and SCRIPT_NAME', async () => {
    const script =
      '#!/bin/sh\nprintf "Content-type: text/plain\\r\\n\\r\\n"\n' +
      'printf "%s|%s|%s" "$QUERY_STRING" "$REQUEST_METHOD" "$SCRIPT_NAME"\n';
    const tiny = await useTiny({ root: await useCgiRoot('env', script) });
    const { body } = splitResponse(await getRaw(tiny.port, '/cgi-bin/env?a=1&b=%20x'));
    expect(body.toString()).toBe('a=1&b=%20x|GET|/cgi-bin/env');
  });

  test('a program that is not executable is refused with 403, a missing one with 404', async () => {
    const root = await useCgiRoot('plain', '#!/bin/sh\necho hi\n', 0o644);
    await mkdir(join(root, 'cgi-bin', 'dir'));
    const tiny = await useTiny({ root });
    expect((await getRaw(tiny.port, '/cgi-bin/plain')).toString('latin1')).toMatch(
      /^HTTP\/1\.0 403 Forbidden\r\n/,
    );
    expect((await getRaw(tiny.port, '/cgi-bin/dir')).toString('latin1')).toMatch(
      /^HTTP\/1\.0 403 Forbidden\r\n/,
    );
    expect((await getRaw(tiny.port, '/cgi-bin/none')).toString('latin1')).toMatch(
      /^HTTP\/1\.0 404 Not found\r\n/,
    );
  });

  test('a program that outlives cgiTimeoutMs is killed with its children and the connection closed', async () => {
    const root = await useTempDir();
    const pidFile = join(root, 'pids');
    const script = `#!/bin/sh\nprintf 'Content-type: text/plain\\r\\n\\r\\nstarted\\n'\nsleep 60 &\necho "$$ $!" > ${pidFile}.tmp\nmv ${pidFile}.tmp ${pidFile}\nwait\n`;
    await mkdir(join(root, 'cgi-bin'));
    await writeFile(join(root, 'cgi-bin', 'slow'), script, { mode: 0o755 });
    const tiny = await useTiny({ root, cgiTimeoutMs: 300 });
    const response = await getRaw(tiny.port, '/cgi-bin/slow');
    expect(response.toString()).toContain('started');
    await waitUntil('the pid file exists', () => existsSync(pidFile));
    for (const pid of readPids(pidFile)) await waitUntil(`pid ${pid} is dead`, () => !isProcessAlive(pid));
  });

  test('a client that vanishes mid-response gets its program killed', async () => {
    const root = await useTempDir();
    const pidFile = join(root, 'pids');
    const script = `#!/bin/sh\necho "$$" > ${pidFile}.tmp\nmv ${pidFile}.tmp ${pidFile}\nprintf 'Content-type: text/plain\\r\\n\\r\\nstarted\\n'\nexec sleep 60\n`;
    await mkdir(join(root, 'cgi-bin'));
    await writeFile(join(root, 'cgi-bin', 'slow'), script, { mode: 0o755 });
    const tiny = await useTiny({ root });
    const socket = connect({ host: '127.0.0.1', port: tiny.port });
    socket.on('error', () => {});
    await new Promise<void>((resolve) => {
      let seen = '';
      socket.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (seen.includes('started')) resolve();
      });
      socket.write('GET /cgi-bin/slow HTTP/1.0\r\n\r\n');
    });
    const [pid] = readPids(pidFile);
    expect(isProcessAlive(pid!)).toBe(true);
    socket.resetAndDestroy();
    await waitUntil(`pid ${pid} is dead`, () => !isProcessAlive(pid!));
    expect(splitResponse(await exchangeRaw(tiny.port, 'GET /cgi-bin/none HTTP/1.0\r\n\r\n')).head).toMatch(
      / 404 /,
    );
  });

  test('close() kills running programs and resolves', async () => {
    const root = await useTempDir();
    const pidFile = join(root, 'pids');
    const script = `#!/bin/sh\necho "$$" > ${pidFile}.tmp\nmv ${pidFile}.tmp ${pidFile}\nexec sleep 60\n`;
    await mkdir(join(root, 'cgi-bin'));
    await writeFile(join(root, 'cgi-bin', 'slow'), script, { mode: 0o755 });
    const tiny = await useTiny({ root });
    const socket = connect({ host: '127.0.0.1', port: tiny.port });
    socket.on('error', () => {});
    socket.resume();
    socket.write('GET /cgi-bin/slow HTTP/1.0\r\n\r\n');
    await waitUntil('the pid file exists', () => existsSync(pidFile));
    const [pid] = readPids(pidFile);
    const closedSocket = new Promise((resolve) => socket.on('close', resolve));
    await tiny.close();
    expect(isProcessAlive(pid!)).toBe(false);
    await closedSocket;
  });

  test('HEAD on a slow program ends the response as soon as its head is complete', async () => {
    const script = "#!/bin/sh\nprintf 'Content-type: text/plain\\r\\n\\r\\nbody'\nexec sleep 60\n";
    const tiny = await useTiny({ root: await useCgiRoot('slow', script), cgiTimeoutMs: 60_000 });
    const response = await getRaw(tiny.port, '/cgi-bin/slow', 'HEAD');
    expect(response.toString('latin1')).toBe(`${CGI_PRELUDE}Content-type: text/plain\r\n\r\n`);
  });
});
