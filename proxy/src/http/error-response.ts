const REASONS = {
  400: 'Bad Request',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  504: 'Gateway Timeout',
} as const;

export type ErrorStatus = keyof typeof REASONS;

/** A complete HTTP/1.0 error response with a small HTML page, its Content-Length and Connection: close. */
export function buildErrorResponse(status: ErrorStatus, detail: string): Buffer {
  const title = `${status} ${REASONS[status]}`;
  const body =
    `<html><head><title>${title}</title></head>\r\n` +
    `<body><h1>${title}</h1>\r\n<p>${escapeHtml(detail)}</p>\r\n<hr><em>proxylab proxy</em></body></html>\r\n`;
  const head =
    `HTTP/1.0 ${title}\r\n` +
    'Content-Type: text/html\r\n' +
    `Content-Length: ${Buffer.byteLength(body, 'latin1')}\r\n` +
    'Connection: close\r\n\r\n';
  return Buffer.from(head + body, 'latin1');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
