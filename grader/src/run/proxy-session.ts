// The proxy process a grading run is currently talking to: started fresh for each suite, restarted when a check
// must not inherit the previous check's state, stopped at the end.
import { socketCount } from '../harness/proxy-activity.js';
import type { StartedTarget, Target } from '../targets/target.js';
import type { Text } from '../types.js';

export interface StartFailure {
  reason: Text;
  outputTail: string[];
}

export class ProxySession {
  private current: StartedTarget | undefined;
  /** why the last start failed (the first failure is kept for the report) */
  failure: StartFailure | undefined;
  /** sockets the current process held once it listened, before any client: its idle state */
  idleSockets: number | undefined;

  constructor(
    private readonly target: Target,
    private readonly startupTimeoutMs: number,
    private readonly log: (line: string) => void,
  ) {}

  get proxy(): StartedTarget | undefined {
    return this.current;
  }

  get restartable(): boolean {
    return this.target.restartable;
  }

  /** Stops the running process (if any) and starts a new one; an unrestartable target keeps its one process. */
  async fresh(): Promise<StartedTarget | undefined> {
    if (this.current && !this.target.restartable) return this.current;
    await this.stop();
    const result = await this.target.start({ startupTimeoutMs: this.startupTimeoutMs, log: this.log });
    if (result.ok) {
      this.current = result.started;
      this.idleSockets = await socketCount(result.started.pid);
      return this.current;
    }
    this.failure ??= { reason: result.reason, outputTail: result.outputTail };
    return undefined;
  }

  /** Stops the running process and forgets it (a later fresh() starts another). */
  async stop(): Promise<void> {
    const running = this.current;
    this.current = undefined;
    await running?.stop();
  }
}
