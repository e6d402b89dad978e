import type { ChildProcess } from 'node:child_process';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { isAbsolute } from 'node:path';
import { killGroup } from './cgi.js';
import { handleConnection } from './connection.js';
import { BadPortError, BadRootError, ListenError, TinyError } from './errors.js';
import type { ServerContext } from './exchange.js';

export interface TinyOptions {
  /** @default 0 */
  port?: number;
  /** @default '0.0.0.0' */
  host?: string;
  /** absolute directory; `/cgi-bin/x` runs `root/cgi-bin/x` */
  root: string;
  /** called once per parsed request, before it is answered */
  onRequest?: (req: { method: string; uri: string; remoteAddress: string }) => void;
  /** one line per request; false silences. @default line => process.stderr.write(line + '\n') */
  log?: ((line: string) => void) | false;
  /** @default 30000 */
  cgiTimeoutMs?: number;
  /** @default 30000 */
  headTimeoutMs?: number;
}

/** The connections a Tiny server has accepted and not closed yet. */
export interface TinyConnections {
  /** how many are open */
  open: number;
  /** how many of them have not yet finished sending their request head */
  awaitingHead: number;
}

export interface TinyServer {
  readonly host: string;
  readonly port: number;
  /** The accepted connections still open, so a caller can tell when every request sent so far was counted. */
  connections(): TinyConnections;
  close(): Promise<void>;
}

/** Starts a Tiny origin; resolves once it listens. Rejects with a TinyError for bad options or a busy port. */
export async function startTinyServer(options: TinyOptions): Promise<TinyServer> {
  const port = options.port ?? 0;
  const host = options.host ?? '0.0.0.0';
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new BadPortError(port);
  const context: ServerContext = {
    rootReal: await resolveRoot(options.root),
    cgiTimeoutMs: checkDuration('cgiTimeoutMs', options.cgiTimeoutMs ?? 30_000),
    headTimeoutMs: checkDuration('headTimeoutMs', options.headTimeoutMs ?? 30_000),
    cgiStderr: options.log === false ? 'ignore' : 'inherit',
    children: new Set<ChildProcess>(),
  };
  const log = options.log === false ? undefined : (options.log ?? writeToStderr);
  const sockets = new Set<Socket>();
  const awaitingHead = new Set<Socket>();
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    awaitingHead.add(socket);
    socket.once('close', () => sockets.delete(socket));
    const hooks = { log, onRequest: options.onRequest, onHeadSettled: () => awaitingHead.delete(socket) };
    handleConnection(socket, context, hooks);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(new ListenError(host, port, error)));
    server.listen(port, host, () => resolve());
  });
  server.on('error', () => {});
  const address = server.address();
  const boundPort = typeof address === 'object' && address !== null ? address.port : port;
  let closing: Promise<void> | undefined;
  return {
    host,
    port: boundPort,
    connections: () => ({
      open: sockets.size,
      awaitingHead: awaitingHead.size,
    }),
    close() {
      closing ??= closeEverything(server, sockets, context.children);
      return closing;
    },
  };
}

// Stops listening, drops every open connection and kills every running CGI program; resolves once the
// listener is closed and every killed program has been reaped.
async function closeEverything(
  server: Server,
  sockets: Set<Socket>,
  children: Set<ChildProcess>,
): Promise<void> {
  const listenerClosed = new Promise<void>((resolve) => server.close(() => resolve()));
  const childrenReaped = [...children].map((child) => new Promise((resolve) => child.once('close', resolve)));
  for (const socket of sockets) socket.destroy();
  for (const child of children) killGroup(child);
  await Promise.all([listenerClosed, ...childrenReaped]);
}

function writeToStderr(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function resolveRoot(root: string): Promise<string> {
  if (typeof root !== 'string' || !isAbsolute(root)) {
    throw new BadRootError(String(root), 'must be an absolute path');
  }
  try {
    const rootReal = await realpath(root);
    if (!(await stat(rootReal)).isDirectory()) throw new BadRootError(root, 'is not a directory');
    return rootReal;
  } catch (error) {
    if (error instanceof TinyError) throw error;
    throw new BadRootError(root, 'does not exist or cannot be read', error);
  }
}

function checkDuration(name: string, valueMs: number): number {
  if (!Number.isFinite(valueMs) || valueMs <= 0) {
    throw new TinyError('TINY_ERR_BAD_OPTION', `${name} must be a positive number of milliseconds.`);
  }
  return valueMs;
}
