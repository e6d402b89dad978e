// A child process (own process group, so its raised fd limit is its own): opens `count` connections to
// 127.0.0.1:<port>, writes `payload` on each (a request head without its final empty line: the client is
// "idle" in the middle of sending its request) and keeps them open until it is killed.
// Prints one line "READY {"opened":n,"failed":n}".
import { connect, type Socket } from 'node:net';

const port = Number(process.argv[2]);
const count = Number(process.argv[3]);
const payload = process.argv[4] ?? '';
const PARALLEL_CONNECTS = 50;

const sockets: Socket[] = [];
let failed = 0;

function open(): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      sockets.push(socket);
      if (payload) socket.write(payload);
      resolve();
    });
    socket.on('error', () => {
      if (!sockets.includes(socket)) {
        failed++;
        resolve();
      }
    });
  });
}

let next = 0;
async function opener(): Promise<void> {
  while (next < count) {
    next++;
    await open();
  }
}

await Promise.all(Array.from({ length: Math.min(PARALLEL_CONNECTS, count) }, opener));
process.stdout.write(`READY ${JSON.stringify({ opened: sockets.length, failed })}\n`);
// Stay alive holding the sockets: the parent kills this process group when it has measured.
setInterval(() => {}, 60_000);
