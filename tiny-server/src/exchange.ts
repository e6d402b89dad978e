import type { ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import { formatErrorResponse } from './reply.js';

/** What every request handler needs from the server: its settings and the registry of CGI children. */
export interface ServerContext {
  readonly rootReal: string;
  readonly cgiTimeoutMs: number;
  readonly headTimeoutMs: number;
  readonly cgiStderr: 'inherit' | 'ignore';
  readonly children: Set<ChildProcess>;
}

/** One connection, one request: the socket plus what the log line will say about it. */
export class Exchange {
  readonly socket: Socket;
  readonly remoteAddress: string;
  requestLine: string | undefined;
  status = 0;
  private readonly goneListeners: Array<() => void> = [];

  constructor(socket: Socket) {
    this.socket = socket;
    this.remoteAddress = socket.remoteAddress ?? '';
    socket.once('close', () => {
      for (const listener of this.goneListeners.splice(0)) listener();
    });
  }

  /** True once the socket can no longer carry a response (closed, reset or destroyed). */
  get isGone(): boolean {
    return this.socket.destroyed || !this.socket.writable;
  }

  /** Runs `listener` when the socket closes (at once if it already has); used to release fds and children. */
  onGone(listener: () => void): void {
    if (this.socket.destroyed) listener();
    else this.goneListeners.push(listener);
  }

  sendError(status: number, message: string, headOnly = false): void {
    this.status = status;
    if (this.isGone) return;
    this.socket.end(formatErrorResponse(status, message, headOnly));
  }
}
