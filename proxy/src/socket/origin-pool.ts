import { type OnReadOpts, Socket, type SocketConstructorOpts } from 'node:net';

/** What the exchange using an origin connection hears from it, until (and including) its close. */
export interface OriginListener {
  onOriginConnect(): void;
  /**
   * Bytes read from the origin, in the connection's one read buffer: they are valid only during the call,
   * and the next read overwrites them. Return false to stop reading until `resume()`.
   */
  onOriginData(chunk: Buffer): boolean;
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

/** Size of each origin socket's read buffer: the most one read takes from the kernel. */
export const READ_BUFFER_BYTES = 64 * 1024;

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

/**
 * One socket, connection after connection, reading into one buffer of its own (`onread`): no Buffer is
 * allocated per chunk, and no chunk goes through the stream's queue or a 'data' event.
 */
export class OriginConnection {
  readonly socket: Socket;
  private listener: OriginListener | undefined;
  private failed = false;
  private endedCleanly = false;
  /** The listener stopped reading and has not resumed it. */
  private stopped = false;

  constructor(private readonly pool: OriginPool) {
    // Node's Socket constructor takes `onread` (net.connect passes its options on to it); the types
    // only list it among the connect options.
    const options: SocketConstructorOpts & { onread: OnReadOpts } = {
      allowHalfOpen: true,
      onread: { buffer: Buffer.allocUnsafe(READ_BUFFER_BYTES), callback: this.onRead },
    };
    const socket = new Socket(options);
    this.socket = socket;
    socket.on('connect', () => this.listener?.onOriginConnect());
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
    this.stopped = false;
    this.socket.connect({ host, port });
  }

  /** Reads again after the listener stopped reading; nothing when it is reading. */
  resume(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.socket.resume();
  }

  /** Closes the connection after the origin ended it: the socket may then serve another one. */
  finish(): void {
    const { socket } = this;
    this.endedCleanly = socket.readableEnded && !this.stopped && socket.writableLength === 0;
    socket.destroy();
  }

  /** Closes the connection for any other reason: the socket is not reused. */
  destroy(): void {
    this.socket.destroy();
  }

  // Returning false makes Node stop reading (readStop) until socket.resume().
  private readonly onRead = (bytes: number, buffer: Uint8Array): boolean => {
    const { listener } = this;
    if (listener === undefined) return true;
    const chunk = Buffer.from(buffer.buffer, buffer.byteOffset, bytes);
    if (listener.onOriginData(chunk)) return true;
    this.stopped = true;
    return false;
  };
}
