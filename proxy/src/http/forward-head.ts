import type { RequestHead } from './request-head.js';

/** The User-Agent every forwarded request carries, as the CS:APP handout prescribes. */
export const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64; rv:10.0.3) Gecko/20120305 Firefox/10.0.3';

const FIXED_HEADERS = `User-Agent: ${USER_AGENT}\r\nConnection: close\r\nProxy-Connection: close\r\n`;

/**
 * Builds the HTTP/1.0 request the origin receives: request line, exactly one Host
 * (`request.forwardedHost`: the client's when it sent a non-empty one), the fixed User-Agent and close
 * headers, then every other client header line byte for byte in its original order, then the blank
 * line — and nothing after it. The text is latin1 (one character per byte, as the head was read):
 * write it with the 'latin1' encoding.
 */
export function buildForwardHead(request: RequestHead): string {
  let otherLines = '';
  for (const header of request.headers) {
    if (!isReplacedHeader(header.name)) otherLines += `${header.raw}\r\n`;
  }
  return (
    `GET ${request.target.path} HTTP/1.0\r\nHost: ${request.forwardedHost}\r\n` +
    `${FIXED_HEADERS}${otherLines}\r\n`
  );
}

/** True for the headers the proxy writes itself. */
function isReplacedHeader(name: string): boolean {
  // Only names as long as one of the four need lowercasing at all.
  if (name.length !== 4 && name.length !== 10 && name.length !== 16) return false;
  const lowered = name.toLowerCase();
  return (
    lowered === 'host' ||
    lowered === 'user-agent' ||
    lowered === 'connection' ||
    lowered === 'proxy-connection'
  );
}
