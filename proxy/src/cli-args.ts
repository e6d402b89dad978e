import { parseArgs } from 'node:util';
import { OptionError } from './errors.js';
import type { ProxyOptions } from './server.js';

export const USAGE = `Usage: proxylab-proxy <port> [options]

The proxy-lab reference proxy: forwards GET http://host[:port]/path requests as HTTP/1.0,
relays responses unchanged and caches small ones (LRU).

Arguments:
  <port>                      port to listen on (1-65535; 0 picks a free port and prints it)

Options:
  --host <address>            address to listen on (default 0.0.0.0)
  --cache-bytes <n>           total cache size in bytes (default 1049000)
  --object-bytes <n>          largest cached response in bytes, headers included (default 102400)
  --no-cache                  disable the cache
  --head-timeout-ms <ms>      time a client has to send its request head (default 10000)
  --connect-timeout-ms <ms>   time an origin has to accept the connection (default 10000)
  --idle-timeout-ms <ms>      longest silence of an origin during an exchange (default 30000)
  --quiet                     do not log one line per exchange on stderr
  -h, --help                  show this help
  -v, --version               show the version
`;

export type CliCommand = { kind: 'help' } | { kind: 'version' } | { kind: 'run'; options: ProxyOptions };

/** Turns argv (without node and the script) into what to do; throws an OptionError with one clear sentence. */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  let parsed: ReturnType<typeof parseWithNode>;
  try {
    parsed = parseWithNode(argv);
  } catch (error) {
    throw new OptionError(describeParseError(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  if (positionals.length === 0) throw new OptionError('missing the port to listen on');
  if (positionals.length > 1) throw new OptionError(`expected one port, got ${positionals.length} arguments`);
  const options: ProxyOptions = {
    port: readInteger('port', positionals[0], 0, 65535),
    host: values.host ?? '0.0.0.0',
    cacheEnabled: !values['no-cache'],
  };
  if (values['cache-bytes'] !== undefined)
    options.cacheSizeBytes = readInteger('--cache-bytes', values['cache-bytes'], 0);
  if (values['object-bytes'] !== undefined)
    options.objectSizeBytes = readInteger('--object-bytes', values['object-bytes'], 0);
  if (values['head-timeout-ms'] !== undefined) {
    options.clientHeadTimeoutMs = readInteger('--head-timeout-ms', values['head-timeout-ms'], 1);
  }
  if (values['connect-timeout-ms'] !== undefined) {
    options.originConnectTimeoutMs = readInteger('--connect-timeout-ms', values['connect-timeout-ms'], 1);
  }
  if (values['idle-timeout-ms'] !== undefined) {
    options.originIdleTimeoutMs = readInteger('--idle-timeout-ms', values['idle-timeout-ms'], 1);
  }
  if (values.quiet) options.log = false;
  return { kind: 'run', options };
}

function parseWithNode(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      host: { type: 'string' },
      'cache-bytes': { type: 'string' },
      'object-bytes': { type: 'string' },
      'no-cache': { type: 'boolean' },
      'head-timeout-ms': { type: 'string' },
      'connect-timeout-ms': { type: 'string' },
      'idle-timeout-ms': { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}

function readInteger(name: string, text: string | undefined, min: number, max = 2 ** 31 - 1): number {
  const value = text !== undefined && /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= min && value <= max)) {
    throw new OptionError(`${name} must be a whole number from ${min} to ${max}, got "${text ?? ''}"`);
  }
  return value;
}

/** Node's parseArgs messages run to several sentences; say the same thing in one. */
function describeParseError(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const option = /'([^' ]+)/.exec(message ?? '')?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option "${option}"`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return message?.includes('does not take')
      ? `option "${option}" takes no value`
      : `option "${option}" needs a value`;
  }
  return String(message ?? error).replace(/\.$/, '');
}
