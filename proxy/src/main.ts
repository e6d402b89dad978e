#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { parseCliArgs, USAGE } from './cli-args.js';
import { ProxyError } from './errors.js';
import { type ProxyServer, startProxy } from './server.js';

const EXIT_USAGE = 2;
const SHUTDOWN_GRACE_MS = 3000;

function readVersion(): string {
  const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return packageJson.version;
}

// Last resort: a bug in one exchange must be logged, not take every other exchange down with it.
// (SIGPIPE is no issue in Node: libuv ignores it, and a write to a closed peer surfaces as an EPIPE
// or ECONNRESET 'error' event on that one socket, which every socket here handles.)
function keepRunningOnUnexpectedErrors(): void {
  const report = (kind: string, error: unknown): void => {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`proxylab-proxy: ${kind} (kept running): ${text}\n`);
  };
  process.on('uncaughtException', (error) => report('uncaught exception', error));
  process.on('unhandledRejection', (reason) => report('unhandled rejection', reason));
}

function stopOnSignals(server: ProxyServer): void {
  const stop = (): void => {
    setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

async function main(argv: readonly string[]): Promise<number | undefined> {
  let command: ReturnType<typeof parseCliArgs>;
  try {
    command = parseCliArgs(argv);
  } catch (error) {
    process.stderr.write(
      `proxylab-proxy: ${(error as Error).message}.\nRun "proxylab-proxy --help" for usage.\n`,
    );
    return EXIT_USAGE;
  }
  if (command.kind === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (command.kind === 'version') {
    process.stdout.write(`${readVersion()}\n`);
    return 0;
  }
  let server: ProxyServer;
  try {
    server = await startProxy(command.options);
  } catch (error) {
    if (!(error instanceof ProxyError)) throw error;
    process.stderr.write(`proxylab-proxy: ${error.message}.\n`);
    return 1;
  }
  keepRunningOnUnexpectedErrors();
  stopOnSignals(server);
  const shownHost = server.host.includes(':') ? `[${server.host}]` : server.host;
  process.stdout.write(`proxylab-proxy listening on ${shownHost}:${server.port}\n`);
  return undefined;
}

const exitCode = await main(process.argv.slice(2));
if (exitCode !== undefined) process.exitCode = exitCode;
