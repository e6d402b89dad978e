import { readFileSync } from 'node:fs';

/** The grader's version, from its package.json (one source of truth). */
export const GRADER_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
