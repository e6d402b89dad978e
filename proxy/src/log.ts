export type LogSink = (line: string) => void;

export type CacheStatus = 'HIT' | 'MISS' | '-';

/** The default sink: one line to stderr. */
export function logToStderr(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** What happened in one exchange; written as a single log line when the client connection closes. */
export class ExchangeRecord {
  requestLine = '';
  status: number | undefined;
  cache: CacheStatus = '-';
  bytesSent = 0;
  /** Why the exchange ended unusually (timeout, reset, client gone…), if it did. */
  note: string | undefined;
  /** Connections that sent nothing at all (port probes) are not logged. */
  silent = false;
  private written = false;

  /**
   * Without a log sink nothing is ever written, so the exchange needs neither the peer address (a
   * getpeername call) nor a start time: a record made without arguments skips both.
   */
  constructor(
    readonly clientAddress = '-',
    private readonly startedAtMs = 0,
  ) {}

  /** A record for an exchange whose line will be written: it knows the client and when it started. */
  static forClient(address: string | undefined, port: number | undefined): ExchangeRecord {
    return new ExchangeRecord(describePeer(address, port), performance.now());
  }

  /** Records the first explanation only: later ones are consequences of it. */
  explain(note: string): void {
    this.note ??= note;
  }

  write(sink: LogSink | undefined): void {
    if (this.written || this.silent || sink === undefined) return;
    this.written = true;
    try {
      sink(this.format());
    } catch {
      // A failing log sink must not take the exchange, or the process, down with it.
    }
  }

  format(): string {
    const durationMs = Math.round(performance.now() - this.startedAtMs);
    const status = this.status === undefined ? '-' : String(this.status);
    const note = this.note === undefined ? '' : ` (${this.note})`;
    return `${this.clientAddress} "${printable(this.requestLine)}" ${status} ${this.bytesSent}B ${this.cache} ${durationMs}ms${note}`;
  }
}

/** The peer as `address:port` (`[v6]:port`), or `-` once the socket has lost it. */
export function describePeer(address: string | undefined, port: number | undefined): string {
  if (address === undefined) return '-';
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

function printable(text: string): string {
  const shown = text.length > 300 ? `${text.slice(0, 300)}…` : text;
  return shown.replace(
    /[^\x20-\x7e]|["\\]/g,
    (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}
