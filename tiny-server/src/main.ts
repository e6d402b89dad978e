#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { parseArgs, USAGE } from './args.js';
import { TinyError } from './errors.js';
import { startTinyServer } from './server.js';

// Exit codes: 0 normal stop (SIGTERM/SIGINT), 1 could not listen, 2 bad command line or root.
async function main(argv: readonly string[]): Promise<number | undefined> {
  const command = parseArgs(argv);
  if (command.kind === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (command.kind === 'version') {
    process.stdout.write(`${readVersion()}\n`);
    return 0;
  }
  const server = await startTinyServer({
    port: command.port,
    host: command.host,
    root: command.root,
    log: command.quiet ? false : undefined,
  });
  process.stdout.write(`Tiny listening on ${server.host}:${server.port}, serving ${command.root}\n`);
  const stop = () => {
    server.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return undefined;
}

function readVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  return String(manifest.version);
}

main(process.argv.slice(2)).then(
  (exitCode) => {
    if (exitCode !== undefined) process.exitCode = exitCode;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`tiny-server: ${message}\n`);
    const isUsageError = error instanceof TinyError && error.code !== 'TINY_ERR_LISTEN';
    process.exitCode = isUsageError ? 2 : 1;
  },
);
