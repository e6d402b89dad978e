import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './cli-args.js';
import { OptionError } from './errors.js';

describe('parseCliArgs', () => {
  it('turns a port and flags into proxy options', () => {
    expect(
      parseCliArgs([
        '15213',
        '--host',
        '127.0.0.1',
        '--cache-bytes=2000',
        '--object-bytes',
        '500',
        '--head-timeout-ms',
        '100',
        '--connect-timeout-ms=200',
        '--idle-timeout-ms',
        '300',
        '--quiet',
      ]),
    ).toEqual({
      kind: 'run',
      options: {
        port: 15213,
        host: '127.0.0.1',
        cacheEnabled: true,
        cacheSizeBytes: 2000,
        objectSizeBytes: 500,
        clientHeadTimeoutMs: 100,
        originConnectTimeoutMs: 200,
        originIdleTimeoutMs: 300,
        log: false,
      },
    });
  });

  it('listens on every interface by default and can disable the cache', () => {
    expect(parseCliArgs(['8080', '--no-cache'])).toEqual({
      kind: 'run',
      options: { port: 8080, host: '0.0.0.0', cacheEnabled: false },
    });
  });

  it('recognises --help and --version before anything else', () => {
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['8080', '-v'])).toEqual({ kind: 'version' });
  });

  it.each([
    [['abc'], 'port must be a whole number from 0 to 65535, got "abc"'],
    [['70000'], 'port must be a whole number from 0 to 65535, got "70000"'],
    [['1.5'], 'port must be a whole number from 0 to 65535, got "1.5"'],
    [[], 'missing the port to listen on'],
    [
      ['1', '--idle-timeout-ms', '0'],
      '--idle-timeout-ms must be a whole number from 1 to 2147483647, got "0"',
    ],
    [['1', '--nope'], 'unknown option "--nope"'],
    [['1', '--host'], 'option "--host" needs a value'],
    [['1', '--quiet=yes'], 'option "--quiet" takes no value'],
  ])('rejects %j with one sentence', (args, message) => {
    expect(() => parseCliArgs(args)).toThrow(new OptionError(message));
  });
});
