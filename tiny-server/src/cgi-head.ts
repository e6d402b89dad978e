import { Transform } from 'node:stream';

/**
 * For HEAD on a CGI program: passes the program's header lines through up to and including the blank line,
 * then ends its output (so the client's response ends) and swallows the rest of the body. Works across
 * chunk boundaries and accepts `\n` as well as `\r\n` line ends.
 */
export function createHeadOnlyFilter(): Transform {
  let atLineStart = true;
  let headDone = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (headDone) {
        callback();
        return;
      }
      for (let i = 0; i < chunk.length; i++) {
        const byte = chunk[i];
        if (byte === 0x0a) {
          if (atLineStart) {
            headDone = true;
            this.push(chunk.subarray(0, i + 1));
            this.push(null);
            callback();
            return;
          }
          atLineStart = true;
        } else if (byte !== 0x0d) {
          atLineStart = false;
        }
      }
      callback(null, chunk);
    },
  });
}
