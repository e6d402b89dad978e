// The exact bytes Tiny puts on the wire for its status lines, static headers and error pages.

export const SERVER_NAME = 'Tiny Web Server';

const REASONS: Readonly<Record<number, string>> = {
  200: 'OK',
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not found',
  500: 'Internal Server Error',
  501: 'Not Implemented',
};

export function getReason(status: number): string {
  return REASONS[status] ?? 'Error';
}

/** The head of a static response: status, server, close, length, type — in Tiny's order and spelling. */
export function formatStaticHead(contentLengthBytes: number, contentType: string): string {
  return (
    'HTTP/1.0 200 OK\r\n' +
    `Server: ${SERVER_NAME}\r\n` +
    'Connection: close\r\n' +
    `Content-length: ${contentLengthBytes}\r\n` +
    `Content-type: ${contentType}\r\n\r\n`
  );
}

/** What Tiny writes before handing the socket to a CGI program, which prints the rest of the head. */
export function formatCgiPrelude(): string {
  return `HTTP/1.0 200 OK\r\nServer: ${SERVER_NAME}\r\n`;
}

/** A small HTML error page like Tiny's clienterror(); `headOnly` drops the body (for HEAD). */
export function formatErrorResponse(status: number, message: string, headOnly = false): Buffer {
  const reason = getReason(status);
  const body =
    '<html><title>Tiny Error</title>' +
    '<body bgcolor="ffffff">\r\n' +
    `${status}: ${reason}\r\n` +
    `<p>${escapeHtml(message)}\r\n` +
    '<hr><em>The Tiny Web server</em>\r\n' +
    '</body></html>\r\n';
  const head =
    `HTTP/1.0 ${status} ${reason}\r\n` +
    'Content-type: text/html\r\n' +
    `Content-length: ${Buffer.byteLength(body, 'latin1')}\r\n\r\n`;
  return Buffer.from(headOnly ? head : head + body, 'latin1');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
