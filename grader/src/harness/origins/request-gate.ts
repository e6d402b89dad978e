import type net from 'node:net';

/** Longest first line an origin waits for before deciding a connection is not a request. */
const MAX_LINE_BYTES = 8 * 1024;

/**
 * Whether `bytes` can be the start of an HTTP request: a method of letters, a space, a target, then anything
 * printable up to the line's end. 'undecided' until the first line ends (or proves itself garbage before).
 */
export function requestLineVerdict(bytes: Buffer): 'request' | 'garbage' | 'undecided' {
  const newline = bytes.indexOf(0x0a);
  const line = bytes.subarray(0, newline < 0 ? bytes.length : newline).toString('latin1');
  const shape = /^[A-Za-z]+ [\x21-\x7e]+( [\x20-\x7e]*)?\r?$/;
  if (newline >= 0) return shape.test(line) ? 'request' : 'garbage';
  // a prefix that no request line can continue
  if (!/^[A-Za-z]*( ([\x21-\x7e]+( [\x20-\x7e]*)?)?)?\r?$/.test(line)) return 'garbage';
  return bytes.length > MAX_LINE_BYTES ? 'garbage' : 'undecided';
}

/**
 * Hands `socket` to `onRequest` only once its first line is a request line, with every byte read so far put
 * back, so the origin sees the connection as if untouched. Anything else (garbage another local process
 * sprayed at the port, a connection closed before a line) is destroyed and never seen by the origin: what the
 * grader measures comes from requests, never from stray bytes on loopback.
 */
export function whenRequestLine(socket: net.Socket, onRequest: (socket: net.Socket) => void): void {
  let buffered = Buffer.alloc(0);
  const onData = (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    const verdict = requestLineVerdict(buffered);
    if (verdict === 'undecided') return;
    socket.off('data', onData);
    if (verdict === 'garbage') {
      socket.destroy();
      return;
    }
    socket.pause();
    socket.unshift(buffered);
    onRequest(socket);
    // paused on purpose above, so a 'data' listener alone would not restart the flow: restart it for them
    if (socket.listenerCount('data') > 0) socket.resume();
    else
      socket.on('newListener', function restart(event: string) {
        if (event !== 'data') return;
        socket.off('newListener', restart);
        process.nextTick(() => socket.resume());
      });
  };
  socket.on('error', () => {});
  socket.on('data', onData);
}
