/** Every error the proxy raises carries a stable `code`; request errors also carry the HTTP status to answer. */
export class ProxyError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A client request the proxy refuses; `status` is what the client is told (400 or 501). */
export class RequestError extends ProxyError {
  readonly status: 400 | 501;

  constructor(code: string, status: 400 | 501, message: string) {
    super(code, message);
    this.status = status;
  }
}

export class LineTooLongError extends RequestError {
  constructor(maxLineBytes: number) {
    super(
      'PROXY_ERR_LINE_TOO_LONG',
      400,
      `a request line or header line is longer than ${maxLineBytes} bytes`,
    );
  }
}

export class HeadTooLargeError extends RequestError {
  constructor(maxHeadBytes: number) {
    super('PROXY_ERR_HEAD_TOO_LARGE', 400, `the request head is larger than ${maxHeadBytes} bytes`);
  }
}

export class BadRequestLineError extends RequestError {
  constructor(detail = 'the request line is not "METHOD URI VERSION"') {
    super('PROXY_ERR_BAD_REQUEST_LINE', 400, detail);
  }
}

export class MethodNotImplementedError extends RequestError {
  constructor() {
    super('PROXY_ERR_METHOD_NOT_IMPLEMENTED', 501, 'this proxy only implements GET');
  }
}

export class BadVersionError extends RequestError {
  constructor() {
    super('PROXY_ERR_BAD_VERSION', 400, 'the HTTP version is not HTTP/1.x');
  }
}

export class BadUriError extends RequestError {
  constructor(detail = 'the URI is not an absolute http:// URI') {
    super('PROXY_ERR_BAD_URI', 400, detail);
  }
}

export class BadPortError extends RequestError {
  constructor() {
    super('PROXY_ERR_BAD_PORT', 400, 'the port in the URI is not a number from 1 to 65535');
  }
}

export class BadHeaderError extends RequestError {
  constructor() {
    super('PROXY_ERR_BAD_HEADER', 400, 'a header line has no colon or is a continuation line');
  }
}

/** A bad option given to `startProxy` or the command line. */
export class OptionError extends ProxyError {
  constructor(message: string) {
    super('PROXY_ERR_BAD_OPTION', message);
  }
}
