import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { GraderError } from '../errors.js';
import { buildCorpus, writeCorpus } from './corpus/corpus.js';
import type { CorpusObject, Harness } from './harness.js';
import { fetchDirect, type RawResponse } from './clients/raw-client.js';
import { type StartedTinyOrigin, startTinyOrigin } from './origins/tiny-origin.js';

export interface HarnessOptions {
  /** Seed of the corpus contents. */
  seed: string;
  /** Harness log (verbose runs): one line per origin request. */
  log?: (line: string) => void;
}

const GROUND_TRUTH_TIMEOUT_MS = 10_000;

/**
 * Generates the corpus for `seed` into two fresh temp dirs (main and alt contents), starts a Tiny origin on
 * each, and serves ground truth fetched directly from them. close() stops both and removes the dirs.
 */
export async function createHarness(options: HarnessOptions): Promise<Harness> {
  const { seed, log } = options;
  const started = performance.now();
  const undo: Array<() => Promise<void>> = [];
  const release = async () => {
    for (const step of undo.splice(0).reverse()) await step().catch(() => {});
  };
  try {
    const objects = buildCorpus(seed, 'main');
    const altObjects = buildCorpus(seed, 'alt');
    const rootDir = await mkdtemp(join(os.tmpdir(), 'proxylab-corpus-'));
    undo.push(() => rm(rootDir, { recursive: true, force: true }));
    const altRootDir = await mkdtemp(join(os.tmpdir(), 'proxylab-corpus-'));
    undo.push(() => rm(altRootDir, { recursive: true, force: true }));
    await Promise.all([writeCorpus(rootDir, objects), writeCorpus(altRootDir, altObjects)]);
    const tiny = await startTinyOrigin({ root: rootDir, log });
    undo.push(() => tiny.close());
    const tinyAlt = await startAltOrigin(altRootDir, log);
    undo.push(() => tinyAlt.close());
    log?.(
      `harness: corpus (seed ${seed}) in ${rootDir}, tiny ${tiny.host}:${tiny.port}, alt ${tinyAlt.host}:${tinyAlt.port}` +
        ` (${Math.round(performance.now() - started)} ms)`,
    );
    return buildHarness({ seed, rootDir, tiny, tinyAlt, objects, close: release });
  } catch (error) {
    await release();
    throw new GraderError('GRADER_ERR_HARNESS', `Could not set up the grader's origins: ${String(error)}`, {
      cause: error,
    });
  }
}

/** The alt origin prefers 127.0.0.2 (another host as well as another port); falls back to 127.0.0.1. */
async function startAltOrigin(root: string, log?: (line: string) => void): Promise<StartedTinyOrigin> {
  try {
    return await startTinyOrigin({ root, host: '127.0.0.2', log });
  } catch {
    return startTinyOrigin({ root, host: '127.0.0.1', log });
  }
}

interface HarnessParts {
  seed: string;
  rootDir: string;
  tiny: StartedTinyOrigin;
  tinyAlt: StartedTinyOrigin;
  objects: ReadonlyMap<string, CorpusObject>;
  close(): Promise<void>;
}

function buildHarness(parts: HarnessParts): Harness {
  const truths = new Map<string, Promise<RawResponse>>();
  const fetchTruth = async (url: string): Promise<RawResponse> => {
    const response = await fetchDirect(url, { timeoutMs: GROUND_TRUTH_TIMEOUT_MS });
    if (
      !response.ended ||
      response.timedOut ||
      response.errorCode !== undefined ||
      response.bytes.length === 0
    ) {
      const why = response.errorCode ?? (response.timedOut ? 'timed out' : 'no complete answer');
      throw new GraderError('GRADER_ERR_HARNESS', `The grader's own origin did not answer ${url} (${why}).`);
    }
    return response;
  };
  const settled = new Map<string, Buffer>();
  let closing: Promise<void> | undefined;
  return {
    seed: parts.seed,
    rootDir: parts.rootDir,
    tiny: parts.tiny,
    tinyAlt: parts.tinyAlt,
    object(name) {
      const object = parts.objects.get(name);
      if (!object) throw new GraderError('GRADER_ERR_HARNESS', `No corpus object named '${name}'.`);
      return object;
    },
    expected(url) {
      let truth = truths.get(url);
      if (!truth) {
        truth = fetchTruth(url);
        truths.set(url, truth);
        truth.then(
          (response) => settled.set(url, response.bytes),
          () => truths.delete(url),
        );
      }
      return truth;
    },
    knownTruths: () => [...settled].map(([url, bytes]) => ({ url, bytes })),
    close() {
      closing ??= parts.close();
      return closing;
    },
  };
}
