import { type ChildProcess, spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream';
import { createHeadOnlyFilter } from './cgi-head.js';
import type { Exchange, ServerContext } from './exchange.js';
import { describeFsError } from './paths.js';
import { formatCgiPrelude } from './reply.js';

export interface CgiRequest {
  filePath: string;
  /** the decoded URL path, e.g. /cgi-bin/adder */
  scriptName: string;
  /** the raw text after `?` */
  query: string;
  method: string;
  headOnly: boolean;
}

/**
 * Runs a CGI program the way Tiny does: Tiny writes the status line and Server header, the program's stdout
 * supplies the rest. The program runs in its own process group so a timeout or a vanished client kills it
 * together with anything it started.
 */
export async function serveCgi(
  exchange: Exchange,
  context: ServerContext,
  request: CgiRequest,
): Promise<void> {
  const refusal = await checkRunnable(request.filePath);
  if (refusal) {
    exchange.sendError(refusal.status, refusal.message, request.headOnly);
    return;
  }
  if (exchange.isGone) return;
  const child = spawn(request.filePath, [], {
    cwd: dirname(request.filePath),
    env: {
      ...process.env,
      QUERY_STRING: request.query,
      REQUEST_METHOD: request.method,
      SCRIPT_NAME: request.scriptName,
    },
    stdio: ['ignore', 'pipe', context.cgiStderr],
    detached: true,
  });
  // Registered at once (not on 'spawn') so that close() can never miss a program that is starting.
  if (child.pid !== undefined) {
    context.children.add(child);
    child.once('close', () => context.children.delete(child));
  }
  child.once('error', (error) => {
    if (exchange.status !== 0) {
      exchange.socket.destroy();
      return;
    }
    const code = (error as NodeJS.ErrnoException).code;
    const status = code === 'EACCES' || code === 'ENOEXEC' ? 403 : code === 'ENOENT' ? 404 : 500;
    exchange.sendError(
      status,
      `Tiny couldn't run the CGI program (${code ?? 'unknown error'})`,
      request.headOnly,
    );
  });
  child.once('spawn', () => relayOutput(exchange, context, child, request.headOnly));
}

async function checkRunnable(filePath: string): Promise<{ status: number; message: string } | undefined> {
  try {
    const stats = await stat(filePath);
    if (!stats.isFile()) return { status: 403, message: "Tiny couldn't run the CGI program" };
    await access(filePath, constants.X_OK);
    return undefined;
  } catch (error) {
    const failure = describeFsError(error);
    const message = failure.status === 403 ? "Tiny couldn't run the CGI program" : failure.message;
    return { status: failure.status, message };
  }
}

function relayOutput(
  exchange: Exchange,
  context: ServerContext,
  child: ChildProcess,
  headOnly: boolean,
): void {
  // 'close' (not 'exit'): a grandchild may still hold stdout open, and it dies with the group.
  let closed = false;
  const stop = () => {
    if (!closed) killGroup(child);
  };
  const timer = setTimeout(() => {
    stop();
    exchange.socket.destroy();
  }, context.cgiTimeoutMs);
  child.once('close', () => {
    closed = true;
    clearTimeout(timer);
  });
  exchange.onGone(stop);
  exchange.status = 200;
  exchange.socket.write(formatCgiPrelude());
  const onError = (error: Error | null) => {
    if (error) {
      stop();
      exchange.socket.destroy();
    }
  };
  const stdout = child.stdout!;
  if (headOnly) pipeline(stdout, createHeadOnlyFilter(), exchange.socket, onError);
  else pipeline(stdout, exchange.socket, onError);
}

/** Kills a CGI program together with its process group (anything it started). */
export function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}
