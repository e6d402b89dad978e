import { truncateDisplay } from './fit.js';
import { displayWidth, formatDuration } from './text.js';

/** Clear the current line and return to its start. */
const CLEAR_LINE = '\r\u001b[2K';

/**
 * One status line on a TTY, rewritten in place: what runs now and for how long (ticking each second, so a long
 * `make` or check visibly moves), cleared before the table is printed.
 */
export class LiveStatus {
  readonly #stream: NodeJS.WritableStream;
  readonly #columns: number;
  #text = '';
  #since = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(stream: NodeJS.WritableStream, columns: number) {
    this.#stream = stream;
    this.#columns = columns;
  }

  /** Shows `text` with a clock that starts now. */
  show(text: string): void {
    this.#text = text;
    this.#since = performance.now();
    this.#draw();
    if (!this.#timer) {
      this.#timer = setInterval(() => this.#draw(), 1000);
      this.#timer.unref();
    }
  }

  clear(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    if (this.#text !== '') this.#stream.write(CLEAR_LINE);
    this.#text = '';
  }

  #draw(): void {
    const ms = performance.now() - this.#since;
    // the clock appears once something has taken a second: a quick check only flashes its name
    const clock = ms < 1000 ? '' : `  ${formatDuration(ms)}`;
    // one column short of the width: a line that fills the last column wraps on some terminals
    const room = Math.max(1, this.#columns - 1 - displayWidth(clock));
    this.#stream.write(`${CLEAR_LINE}${truncateDisplay(this.#text, room)}${clock}`);
  }
}
