import type { Socket } from 'node:net';

/** How long a finished connection waits for the client's own FIN before it is closed anyway. */
export const LINGER_MS = 2000;

/**
 * Sends the last bytes and a FIN, then closes the socket without risking a reset that could destroy
 * what the client has not read yet: input keeps being drained, and the descriptor is released when the
 * client closes its side, `LINGER_MS` after everything was flushed, or after `flushTimeoutMs` if the
 * client stops reading altogether. (Bytes the kernel already took need no flush timeout: only what is
 * still queued in the socket waits on the client.)
 */
export function endGracefully(socket: Socket, lastBytes: Buffer | undefined, flushTimeoutMs: number): void {
  if (socket.destroyed || socket.writableEnded) return;
  socket.resume();
  if (lastBytes === undefined) socket.end();
  else socket.end(lastBytes);
  const lingerMs = Math.min(LINGER_MS, flushTimeoutMs);
  // end() never finishes synchronously, but a write the kernel took whole leaves nothing queued.
  if (socket.writableLength === 0) {
    awaitClientClose(socket, lingerMs);
    return;
  }
  const flushTimer = setTimeout(() => socket.destroy(), flushTimeoutMs);
  // Each of these events comes at most once: plain listeners, without once()'s wrapper.
  socket.on('close', () => clearTimeout(flushTimer));
  socket.on('finish', () => {
    clearTimeout(flushTimer);
    awaitClientClose(socket, lingerMs);
  });
}

/** Everything is with the kernel: close once the client has closed its side, or after `lingerMs`. */
function awaitClientClose(socket: Socket, lingerMs: number): void {
  if (socket.readableEnded) {
    socket.destroy();
    return;
  }
  // A timer left behind by a reset only destroys an already destroyed socket.
  const lingerTimer = setTimeout(() => socket.destroy(), lingerMs);
  socket.on('end', () => {
    clearTimeout(lingerTimer);
    socket.destroy();
  });
}
