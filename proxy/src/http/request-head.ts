import {
  BadHeaderError,
  BadPortError,
  BadRequestLineError,
  BadUriError,
  BadVersionError,
  MethodNotImplementedError,
} from '../errors.js';

export interface HeaderLine {
  /** The name as the client wrote it. */
  readonly name: string;
  /** The value without surrounding spaces and tabs. */
  readonly value: string;
  /** The whole line as received, without its line ending. */
  readonly raw: string;
}

/** Where an absolute `http://` URI points. */
export interface OriginTarget {
  /** Host name or address to connect to (IPv6 without brackets). */
  readonly host: string;
  readonly port: number;
  /** Path and query exactly as written, `/` when the URI had none. */
  readonly path: string;
  /** `host[:port]` as written in the URI, `:80` left out. */
  readonly hostHeader: string;
  /** `http://<lowercase host>:<port><path>`: the same URI always gets the same key. */
  readonly uriKey: string;
}

export interface RequestHead {
  readonly requestLine: string;
  readonly method: string;
  readonly uri: string;
  readonly version: string;
  readonly target: OriginTarget;
  readonly headers: readonly HeaderLine[];
  /** The Host value the origin is sent: the client's first non-empty Host, else the URI's host[:port]. */
  readonly forwardedHost: string;
  /**
   * What the response is cached under: everything that selected it upstream. The URI's key alone when
   * the forwarded Host is the URI's own, else the URI's key and the Host, so that a client naming another
   * Host can never have its answer served to requests for the plain URI.
   */
  readonly cacheKey: string;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const REG_NAME = /^[A-Za-z0-9._~!$&'()*+,;=%-]+$/;
const IPV6_LITERAL = /^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$/;
const DEFAULT_PORT = 80;

/** Parses the lines of a request head (request line first); throws a RequestError saying what is wrong. */
export function parseRequestHead(lines: readonly string[]): RequestHead {
  const requestLine = lines[0] ?? '';
  const match = /^(\S+)[ \t]+(\S+)[ \t]+(\S+)$/.exec(requestLine);
  if (!match) throw new BadRequestLineError();
  const [, method = '', uri = '', version = ''] = match;
  if (!TOKEN.test(method)) throw new BadRequestLineError('the method is not a valid token');
  if (method !== 'GET') throw new MethodNotImplementedError();
  if (!/^HTTP\/1\.\d$/.test(version)) throw new BadVersionError();
  const target = parseAbsoluteUri(uri);
  const headers: HeaderLine[] = [];
  let clientHost: string | undefined;
  for (let i = 1; i < lines.length; i += 1) {
    const header = parseHeaderLine(lines[i] ?? '');
    headers.push(header);
    if (clientHost === undefined && header.value !== '' && isHostName(header.name)) clientHost = header.value;
  }
  const forwardedHost = clientHost ?? target.hostHeader;
  const cacheKey = forwardedHost === target.hostHeader ? target.uriKey : `${target.uriKey}\n${forwardedHost}`;
  return { requestLine, method, uri, version, target, headers, forwardedHost, cacheKey };
}

function isHostName(name: string): boolean {
  return name.length === 4 && name.toLowerCase() === 'host';
}

/** Splits `http://host[:port][/path]` into where to connect and what to ask for. */
export function parseAbsoluteUri(uri: string): OriginTarget {
  if (!/^http:\/\//i.test(uri)) throw new BadUriError();
  const rest = uri.slice('http://'.length);
  const authorityEnd = rest.search(/[/?]/);
  const authority = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd);
  const rawPath = authorityEnd === -1 ? '' : rest.slice(authorityEnd);
  const path = rawPath === '' ? '/' : rawPath.startsWith('?') ? `/${rawPath}` : rawPath;

  const { hostAsWritten, host, portText } = splitAuthority(authority);
  const port = parsePort(portText);
  const hostHeader = port === DEFAULT_PORT ? hostAsWritten : `${hostAsWritten}:${port}`;
  const uriKey = `http://${hostAsWritten.toLowerCase()}:${port}${path}`;
  return { host, port, path, hostHeader, uriKey };
}

function splitAuthority(authority: string): { hostAsWritten: string; host: string; portText: string } {
  if (authority.includes('@')) throw new BadUriError('user names in proxy URIs are not supported');
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    const host = close === -1 ? '' : authority.slice(1, close);
    const after = close === -1 ? '' : authority.slice(close + 1);
    if (!IPV6_LITERAL.test(host) || (after !== '' && !after.startsWith(':'))) {
      throw new BadUriError('the URI has a malformed IPv6 address');
    }
    return { hostAsWritten: `[${host}]`, host, portText: after.slice(1) };
  }
  const colon = authority.indexOf(':');
  const host = colon === -1 ? authority : authority.slice(0, colon);
  if (!REG_NAME.test(host)) throw new BadUriError('the URI has no valid host name');
  return { hostAsWritten: host, host, portText: colon === -1 ? '' : authority.slice(colon + 1) };
}

function parsePort(portText: string): number {
  if (portText === '') return DEFAULT_PORT;
  if (!/^\d{1,5}$/.test(portText)) throw new BadPortError();
  const port = Number(portText);
  if (port < 1 || port > 65535) throw new BadPortError();
  return port;
}

function parseHeaderLine(raw: string): HeaderLine {
  const colon = raw.indexOf(':');
  const name = colon === -1 ? '' : raw.slice(0, colon);
  // No colon, an empty name, or space before the colon (also obs-fold continuation lines) → 400 (RFC 9112 §5).
  if (!TOKEN.test(name)) throw new BadHeaderError();
  return { name, value: trimBlanks(raw, colon + 1), raw };
}

/** `text` from `start`, without leading and trailing spaces and tabs (other whitespace is kept). */
function trimBlanks(text: string, start: number): string {
  let from = start;
  let to = text.length;
  while (from < to && isBlank(text.charCodeAt(from))) from += 1;
  while (to > from && isBlank(text.charCodeAt(to - 1))) to -= 1;
  return text.slice(from, to);
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}
