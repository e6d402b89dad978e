import { Socket } from 'node:net';

/** What the exchange using an origin connection hears from it, until (and including) its close. */
export interface OriginListener {
  onOriginConnect(): void;
  onOriginData(chunk: Buffer): void;
  onOriginEnd(): void;
  onOriginError(error: Error): void;
  onOriginClose(): void;
}

/** Registers a socket while it is open, so that closing the server can destroy it. */
export interface SocketTracker {
  track(socket: Socket): void;
  untrack(socket: Socket): void;
}

/** Closed sockets kept for another connection; beyond this many, closed sockets are dropped. */
export const MAX_IDLE_ORIGIN_SOCKETS = 64;

/**
 * Origin connections on reused sockets. A net.Socket may connect again once it has emitted 'close'
 * (Node documents and tests this), and constructing a new one costs more CPU than the connection itself
 * (its stream constructors miss V8's inline caches on every call). Only a socket whose connection ended
 * cleanly is reused: the origin ended it, everything was read and written, nothing failed, and it was
 * not paused. Its listeners are attached once and pass events to the exchange currently using it.
 */
export class OriginPool {
  private readonly idle: OriginConnection[] = [];

  constructor(private readonly tracker: SocketTracker) {}

  /** Connects to host:port for `listener`, on a reused socket when one is idle. */
  open(host: string, port: number, listener: OriginListener): OriginConnection {
    const connection = this.idle.pop() ?? new OriginConnection(this);
    this.tracker.track(connection.socket);
    connection.connect(host, port, listener);
    return connection;
  }

  /** Number of closed sockets waiting for another connection. */
  get idleCount(): number {
    return this.idle.length;
  }

  /** Called once a connection's socket has emitted 'close'. */
  closed(connection: OriginConnection, reusable: boolean): void {
    this.tracker.untrack(connection.socket);
    if (reusable && this.idle.length < MAX_IDLE_ORIGIN_SOCKETS) this.idle.push(connection);
  }
}

/** One socket, connection after connection. */
export class OriginConnection {
  readonly socket = new Socket({ allowHalfOpen: true });
  private listener: OriginListener | undefined;
  private failed = false;
  private endedCleanly = false;

  constructor(private readonly pool: OriginPool) {
    const { socket } = this;
    socket.on('connect', () => this.listener?.onOriginConnect());
    socket.on('data', (chunk: Buffer) => this.listener?.onOriginData(chunk));
    socket.on('end', () => this.listener?.onOriginEnd());
    socket.on('error', (error: Error) => {
      this.failed = true;
      this.listener?.onOriginError(error);
    });
    socket.on('close', () => {
      const { listener } = this;
      this.listener = undefined;
      listener?.onOriginClose();
      this.pool.closed(this, this.endedCleanly && !this.failed);
    });
  }

  connect(host: string, port: number, listener: OriginListener): void {
    this.listener = listener;
    this.failed = false;
    this.endedCleanly = false;
    this.socket.connect({ host, port });
  }

  /** Closes the connection after the origin ended it: the socket may then serve another one. */
  finish(): void {
    const { socket } = this;
    this.endedCleanly =
      socket.readableEnded && socket.readableFlowing === true && socket.writableLength === 0;
    socket.destroy();
  }

  /** Closes the connection for any other reason: the socket is not reused. */
  destroy(): void {
    this.socket.destroy();
  }
}
