import { setMaxListeners } from 'node:events';

/** Lets up to `count` clients of one check listen to its abort signal without Node's leak warning. */
export function allowSignalListeners(signal: AbortSignal, count: number): void {
  setMaxListeners(Math.max(10, count + 10), signal);
}
