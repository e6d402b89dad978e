import { resolve } from 'node:path';
import { BadPortError, TinyError } from './errors.js';
import { BUNDLED_ROOT } from './paths.js';

export const USAGE = `Usage: tiny-server <port> [--root DIR] [--host H] [--quiet]

A Tiny-like HTTP/1.0 origin server (CS:APP ch. 11): static files and CGI programs, one request per
connection.

  <port>        port to listen on (0 picks a free one; the chosen port is printed)
  --root DIR    document root (default: the bundled www/); /cgi-bin/x runs DIR/cgi-bin/x
  --host H      address to bind (default 0.0.0.0)
  --quiet       no per-request log lines on stderr
  --help        show this help
  --version     print the version
`;

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'serve'; port: number; root: string; host: string; quiet: boolean };

/** Parses argv (without node and the script); throws a TinyError whose message is one sentence. */
export function parseArgs(argv: readonly string[]): CliCommand {
  if (argv.includes('--help') || argv.includes('-h')) return { kind: 'help' };
  if (argv.includes('--version')) return { kind: 'version' };
  let root = BUNDLED_ROOT;
  let host = '0.0.0.0';
  let quiet = false;
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inlineValue] = arg.startsWith('--') && arg.includes('=') ? splitOnce(arg) : [arg, undefined];
    if (flag === '--root' || flag === '--host') {
      const value = inlineValue ?? argv[++i];
      if (value === undefined || value === '') throw badArgument(`${flag} needs a value.`);
      if (flag === '--root') root = resolve(value);
      else host = value;
    } else if (flag === '--quiet' || flag === '-q') {
      quiet = true;
    } else if (arg.startsWith('-') && arg !== '-') {
      throw badArgument(`Unknown option ${arg} (see --help).`);
    } else {
      positional.push(arg);
    }
  }
  if (positional.length !== 1) {
    throw badArgument(positional.length === 0 ? 'Missing <port> (see --help).' : 'Too many arguments.');
  }
  return { kind: 'serve', port: parsePort(positional[0]!), root, host, quiet };
}

function parsePort(text: string): number {
  if (!/^\d{1,5}$/.test(text)) throw new BadPortError(text);
  const port = Number(text);
  if (port > 65535) throw new BadPortError(text);
  return port;
}

function splitOnce(arg: string): [string, string] {
  const at = arg.indexOf('=');
  return [arg.slice(0, at), arg.slice(at + 1)];
}

function badArgument(message: string): TinyError {
  return new TinyError('TINY_ERR_BAD_ARGUMENT', message);
}
