import type net from 'node:net';

/** A request head as one of the grader's origins received it. */
export interface ReceivedRequest {
  /** The whole head, request line first, up to and including the blank line (latin1). */
  head: string;
  method: string;
  /** The request target as written, e.g. '/barrier/2'. */
  target: string;
  /** The target without its query string. */
  path: string;
}

const MAX_HEAD_BYTES = 64 * 1024;

/**
 * Calls `onHead` once the socket has delivered a whole request head (ends with a blank line). A head that
 * grows past 64 KiB without ending is dropped by destroying the socket: our origins never wait on garbage.
 */
export function readRequestHead(socket: net.Socket, onHead: (request: ReceivedRequest) => void): void {
  let buffered = Buffer.alloc(0);
  let done = false;
  const onData = (chunk: Buffer) => {
    if (done) return;
    buffered = Buffer.concat([buffered, chunk]);
    const end = buffered.indexOf('\r\n\r\n');
    if (end < 0) {
      if (buffered.length > MAX_HEAD_BYTES) socket.destroy();
      return;
    }
    done = true;
    socket.off('data', onData);
    socket.resume(); // keep draining whatever follows so the peer never blocks on us
    onHead(parseReceivedHead(buffered.subarray(0, end + 4).toString('latin1')));
  };
  socket.on('data', onData);
}

export function parseReceivedHead(head: string): ReceivedRequest {
  const requestLine = head.slice(0, head.indexOf('\r\n'));
  const [method = '', target = ''] = requestLine.split(' ');
  const query = target.indexOf('?');
  return { head, method, target, path: query < 0 ? target : target.slice(0, query) };
}
