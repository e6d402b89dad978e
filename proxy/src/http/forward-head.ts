import type { RequestHead } from './request-head.js';

/** The User-Agent every forwarded request carries, as the CS:APP handout prescribes. */
export const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64; rv:10.0.3) Gecko/20120305 Firefox/10.0.3';

const REPLACED_HEADERS = new Set(['host', 'user-agent', 'connection', 'proxy-connection']);

/**
 * Builds the HTTP/1.0 request the origin receives: request line, exactly one Host (the client's when it
 * sent a non-empty one), the fixed User-Agent and close headers, then every other client header line byte
 * for byte in its original order, then the blank line — and nothing after it.
 */
export function buildForwardHead(request: RequestHead): Buffer {
  const clientHost = request.headers.find(
    (header) => header.name.toLowerCase() === 'host' && header.value !== '',
  );
  const lines = [
    `GET ${request.target.path} HTTP/1.0`,
    `Host: ${clientHost?.value ?? request.target.hostHeader}`,
    `User-Agent: ${USER_AGENT}`,
    'Connection: close',
    'Proxy-Connection: close',
  ];
  for (const header of request.headers) {
    if (!REPLACED_HEADERS.has(header.name.toLowerCase())) lines.push(header.raw);
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
}
