import { fileURLToPath } from 'node:url';
import { NOTHING_TO_PREPARE, type Target } from './target.js';
import { startProcessTarget } from './process-target.js';

/** The bundled reference proxy (proxy/dist/main.js), run as a child process like any submission. */
export function createReferenceTarget(): Target {
  const main = fileURLToPath(import.meta.resolve('@proxylab/proxy/main'));
  return {
    kind: 'reference',
    description: { en: 'the bundled reference proxy', ko: '함께 들어 있는 참조 프록시' },
    restartable: true,
    notes: [],
    prepare: async () => NOTHING_TO_PREPARE,
    start: (options) =>
      startProcessTarget({ command: (port) => [process.execPath, main, String(port), '--quiet'] }, options),
  };
}
