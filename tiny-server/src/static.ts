import { constants } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import type { Exchange } from './exchange.js';
import { getContentType } from './mime.js';
import { describeFsError } from './paths.js';
import { formatStaticHead } from './reply.js';

// O_NONBLOCK: opening a FIFO swapped in after the checks must not hang the server; it is harmless for
// regular files. O_NOFOLLOW: the path is already real, so a symlink appearing now is refused.
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW;

/** Serves a regular file below the root: Tiny's head, then the bytes streamed from disk with backpressure. */
export async function serveStatic(exchange: Exchange, filePath: string, headOnly: boolean): Promise<void> {
  let handle: FileHandle;
  try {
    handle = await open(filePath, OPEN_FLAGS);
  } catch (error) {
    const failure = describeFsError(error);
    exchange.sendError(failure.status, failure.message, headOnly);
    return;
  }
  let sizeBytes: number;
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) {
      await handle.close();
      exchange.sendError(403, "Tiny couldn't read the file", headOnly);
      return;
    }
    sizeBytes = stats.size;
  } catch (error) {
    await handle.close().catch(() => {});
    const failure = describeFsError(error);
    exchange.sendError(failure.status, failure.message, headOnly);
    return;
  }
  if (exchange.isGone) {
    await handle.close();
    return;
  }
  exchange.status = 200;
  const head = formatStaticHead(sizeBytes, getContentType(filePath));
  if (headOnly || sizeBytes === 0) {
    await handle.close();
    exchange.socket.end(head);
    return;
  }
  exchange.socket.write(head);
  streamFile(exchange, handle, sizeBytes);
}

// The stream owns the handle (autoClose) and pipeline destroys it if the socket dies, so no fd outlives
// the connection; `end` caps the body at the size announced in Content-length even if the file grows.
// No `start`: sequential reads advance the fd's offset, which /proc/<pid>/fdinfo shows (tests use it).
function streamFile(exchange: Exchange, handle: FileHandle, sizeBytes: number): void {
  const body = handle.createReadStream({ end: sizeBytes - 1, autoClose: true });
  exchange.onGone(() => body.destroy());
  pipeline(body, exchange.socket, (error) => {
    if (error) exchange.socket.destroy();
  });
}
