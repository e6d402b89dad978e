// driver.sh's nop-server.py, as a loopback listener.
import net from 'node:net';
import { whenRequestLine } from '../../../harness/origins/request-gate.js';

/** A listener that accepts connections and never reads or answers (driver.sh's nop-server.py). */
export async function startNopListener(): Promise<{
  port: number;
  firstConnection: Promise<void>;
  close(): Promise<void>;
}> {
  const sockets = new Set<net.Socket>();
  let onFirst: () => void = () => {};
  const firstConnection = new Promise<void>((resolve) => {
    onFirst = resolve;
  });
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    // garbage sprayed at the port is not the proxy's connection
    whenRequestLine(socket, (request) => {
      onFirst();
      request.pause();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => resolve());
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    firstConnection,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
