// Faults of the server itself (bad options, a port that cannot be bound). A client's bad request is never
// an exception: it is answered with an error page.

export type TinyErrorCode =
  | 'TINY_ERR_BAD_PORT'
  | 'TINY_ERR_BAD_ROOT'
  | 'TINY_ERR_BAD_OPTION'
  | 'TINY_ERR_BAD_ARGUMENT'
  | 'TINY_ERR_LISTEN';

export class TinyError extends Error {
  readonly code: TinyErrorCode;

  constructor(code: TinyErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TinyError';
    this.code = code;
  }
}

export class BadPortError extends TinyError {
  constructor(port: unknown) {
    super('TINY_ERR_BAD_PORT', `Port must be an integer from 0 to 65535, got ${String(port)}.`);
  }
}

export class BadRootError extends TinyError {
  constructor(root: string, reason: string, cause?: unknown) {
    super('TINY_ERR_BAD_ROOT', `Root ${root} ${reason}.`, { cause });
  }
}

export class ListenError extends TinyError {
  constructor(host: string, port: number, cause: unknown) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code ?? 'unknown error';
    super('TINY_ERR_LISTEN', `Cannot listen on ${host}:${port} (${code}).`, { cause });
  }
}
