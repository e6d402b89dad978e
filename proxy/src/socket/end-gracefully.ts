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
  let timer: NodeJS.Timeout | undefined;
  socket.once('close', () => clearTimeout(timer));
  socket.once('finish', () => {
    clearTimeout(timer);
    if (socket.readableEnded) {
      socket.destroy();
      return;
    }
    timer = setTimeout(() => socket.destroy(), Math.min(LINGER_MS, flushTimeoutMs));
    socket.once('end', () => socket.destroy());
  });
  socket.resume();
  if (lastBytes === undefined) socket.end();
  else socket.end(lastBytes);
  // 'finish' never comes synchronously from end(): it waits for the shutdown request to complete.
  if (socket.writableLength > 0) timer = setTimeout(() => socket.destroy(), flushTimeoutMs);
}
