import { realpath } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The bundled document root: www/ at the package root, with its own cgi-bin/ inside. */
export const BUNDLED_ROOT: string = resolve(fileURLToPath(new URL('../www/', import.meta.url)));

export type Route =
  | { ok: true; dynamic: boolean; urlPath: string; query: string; relativePath: string }
  | { ok: false; status: number; message: string };

/**
 * Maps a request URI to a path below the root, as Tiny does: `?…` splits off the query, a path ending in
 * `/` means its home.html, and a path containing `cgi-bin` is a program to run. Decoding happens before
 * the `..` check, so `%2e%2e` and `%2f` cannot smuggle a parent directory past it.
 */
export function routeUri(uri: string): Route {
  if (!uri.startsWith('/')) return { ok: false, status: 400, message: 'The URI must start with /' };
  const queryAt = uri.indexOf('?');
  const rawPath = queryAt === -1 ? uri : uri.slice(0, queryAt);
  const query = queryAt === -1 ? '' : uri.slice(queryAt + 1);
  let urlPath: string;
  try {
    urlPath = decodeURIComponent(rawPath);
  } catch {
    return { ok: false, status: 400, message: 'The URI has a malformed percent-escape' };
  }
  if (urlPath.includes('\0')) return { ok: false, status: 400, message: 'The URI contains a NUL byte' };
  if (urlPath.split(/[/\\]/).includes('..')) {
    return { ok: false, status: 403, message: 'Tiny refuses paths that leave its root' };
  }
  const dynamic = urlPath.includes('cgi-bin');
  const relativePath = urlPath.endsWith('/') ? `${urlPath}home.html` : urlPath;
  return { ok: true, dynamic, urlPath, query, relativePath };
}

export type Located = { ok: true; filePath: string } | { ok: false; status: number; message: string };

/** Resolves symlinks and refuses any file whose real location is outside the (real) root. */
export async function locateInsideRoot(rootReal: string, relativePath: string): Promise<Located> {
  const candidate = join(rootReal, relativePath);
  if (!isInside(rootReal, candidate)) return forbidden();
  let filePath: string;
  try {
    filePath = await realpath(candidate);
  } catch (error) {
    return describeFsError(error);
  }
  return isInside(rootReal, filePath) ? { ok: true, filePath } : forbidden();
}

function isInside(rootReal: string, filePath: string): boolean {
  return filePath === rootReal || filePath.startsWith(rootReal.endsWith(sep) ? rootReal : rootReal + sep);
}

function forbidden(): Located {
  return { ok: false, status: 403, message: 'Tiny refuses paths that leave its root' };
}

/** The answer Tiny gives when the file system says no. */
export function describeFsError(error: unknown): { ok: false; status: number; message: string } {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ENAMETOOLONG') {
    return { ok: false, status: 404, message: "Tiny couldn't find this file" };
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'ELOOP') {
    return { ok: false, status: 403, message: "Tiny couldn't read the file" };
  }
  return { ok: false, status: 500, message: `Tiny could not open the file (${code ?? 'unknown error'})` };
}
