// The floor of a relay in Node: `node node-relay-main.js <port> <origin port>` accepts connections on
// 127.0.0.1:<port>, connects each to the origin on 127.0.0.1 and pipes both ways. It parses nothing and
// caches nothing: whatever a proxy in Node does on top of this is the cost of being a proxy.
import { connect, createServer, type Socket } from 'node:net';

const port = Number(process.argv[2]);
const originPort = Number(process.argv[3]);
if (!Number.isInteger(port) || !Number.isInteger(originPort)) {
  process.stderr.write('usage: node-relay-main.js <port> <origin port>\n');
  process.exit(2);
}

const server = createServer((client: Socket) => {
  const origin = connect({ host: '127.0.0.1', port: originPort });
  client.pipe(origin);
  origin.pipe(client);
  const closeBoth = (): void => {
    client.destroy();
    origin.destroy();
  };
  client.on('error', closeBoth);
  origin.on('error', closeBoth);
  client.on('close', closeBoth);
});
server.listen(port, '127.0.0.1');
