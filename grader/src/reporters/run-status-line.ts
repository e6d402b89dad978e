import type { MeasuredCheck } from '../scoring/score.js';
import type { Lang, SuiteId } from '../types.js';
import { liveMessagesFor } from './live-messages.js';
import { LiveStatus } from './live-status.js';
import type { RunStartInfo } from './types.js';

/**
 * The `running: <check>  (done/total · ✗ failed)` line of a run on a TTY: `make` or the proxy's start first, then
 * each check; cleared by `clear()` before anything else is printed on its stream.
 */
export class RunStatusLine {
  readonly #status: LiveStatus;
  readonly #words: ReturnType<typeof liveMessagesFor>;
  #total = 0;
  #done = 0;
  #failed = 0;

  constructor(stream: NodeJS.WritableStream, columns: number, lang: Lang) {
    this.#status = new LiveStatus(stream, columns);
    this.#words = liveMessagesFor(lang);
  }

  onRunStart(info: RunStartInfo): void {
    this.#total = info.checkCount;
    const first = info.target.kind === 'submission' ? this.#words.make : this.#words.startingProxy;
    this.#status.show(`${this.#words.running}: ${first}`);
  }

  onCheckStart(_suiteId: SuiteId, checkId: string): void {
    const counts = `${this.#done}/${this.#total}${this.#failed > 0 ? ` · ✗ ${this.#failed}` : ''}`;
    this.#status.show(`${this.#words.running}: ${checkId}  (${counts})`);
  }

  onCheckEnd(_suiteId: SuiteId, result: MeasuredCheck): void {
    this.#done += 1;
    if (!result.passed && !result.skipped) this.#failed += 1;
  }

  clear(): void {
    this.#status.clear();
  }
}
