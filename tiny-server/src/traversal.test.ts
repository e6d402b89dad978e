import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { getRaw, splitResponse, useTempDir, useTiny } from './test-support/tiny-harness.js';

const SECRET = 'SECRET-OUTSIDE-THE-ROOT-7c1e';

// A root inside a temp dir whose sibling file holds SECRET, plus symlinks pointing in and out.
async function useRootWithSecretOutside(): Promise<string> {
  const base = await useTempDir();
  const root = join(base, 'www');
  await mkdir(join(root, 'sub'), { recursive: true });
  await mkdir(join(base, 'outside'));
  await writeFile(join(base, 'secret.txt'), SECRET);
  await writeFile(join(base, 'outside', 'secret.txt'), SECRET);
  await writeFile(join(root, 'inside.txt'), 'inside\n');
  await symlink(join(base, 'secret.txt'), join(root, 'link-out.txt'));
  await symlink(join(base, 'outside'), join(root, 'dir-out'));
  await symlink(join(root, 'inside.txt'), join(root, 'link-in.txt'));
  return root;
}

test('paths that climb out of the root are refused and never show the file', async () => {
  const tiny = await useTiny({ root: await useRootWithSecretOutside() });
  for (const uri of [
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/sub/../../secret.txt',
    '/sub/%2e%2e/%2e%2e/secret.txt',
    '/..%5csecret.txt',
    '/../etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/..%2fetc%2fpasswd',
    '/../../../../../../../../etc/passwd',
    '/cgi-bin/../../secret.txt',
  ]) {
    const response = await getRaw(tiny.port, uri);
    const { head, body } = splitResponse(response);
    expect(head, uri).toMatch(/^HTTP\/1\.0 40[34] /);
    expect(body.toString('latin1'), uri).not.toContain(SECRET);
    expect(body.toString('latin1'), uri).not.toContain('root:');
  }
});

test('symlinks that resolve outside the root are refused with 403', async () => {
  const tiny = await useTiny({ root: await useRootWithSecretOutside() });
  for (const uri of ['/link-out.txt', '/dir-out/secret.txt']) {
    const response = await getRaw(tiny.port, uri);
    expect(response.toString('latin1'), uri).toMatch(/^HTTP\/1\.0 403 Forbidden\r\n/);
    expect(response.toString('latin1'), uri).not.toContain(SECRET);
  }
});

test('a symlink to a file inside the root is served', async () => {
  const tiny = await useTiny({ root: await useRootWithSecretOutside() });
  const { head, body } = splitResponse(await getRaw(tiny.port, '/link-in.txt'));
  expect(head).toMatch(/^HTTP\/1\.0 200 OK\r\n/);
  expect(head).toContain('Content-type: text/plain');
  expect(body.toString()).toBe('inside\n');
});

test('a root given through a symlink still serves its own files', async () => {
  const base = await useTempDir();
  await mkdir(join(base, 'real'));
  await writeFile(join(base, 'real', 'home.html'), 'home\n');
  await symlink(join(base, 'real'), join(base, 'alias'));
  const tiny = await useTiny({ root: join(base, 'alias') });
  expect(splitResponse(await getRaw(tiny.port, '/')).body.toString()).toBe('home\n');
});
