import { copyFile, cp, lstat, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findSiblingReferences } from '../../process/sibling-references.js';
import { TargetError } from '../../errors.js';
import { OutputTail } from '../../process/output-tail.js';
import type { PrepareResult } from '../target.js';
import { connectDocker, ensureImage } from './docker.js';
import { onInterrupt } from '../../process/interrupt-cleanups.js';
import { CONTAINER_LIMITS, gccImage } from './settings.js';

/** docker/submission.Dockerfile of this repository (the same path from src/ and from dist/). */
const DOCKERFILE = fileURLToPath(new URL('../../../../docker/submission.Dockerfile', import.meta.url));
const DOCKERFILE_NAME = '.proxylab-submission.Dockerfile';

export interface SubmissionBuild {
  /** the student's handout directory (absolute) */
  dir: string;
  /** tag of the image to build */
  tag: string;
  /** value of the org.proxylab.build label on every layer, so that all of them can be removed afterwards */
  buildId: string;
  timeoutMs: number;
  log: (line: string) => void;
}

/**
 * Builds a student's C handout into an image with docker/submission.Dockerfile (`make`, then `./proxy <port>`),
 * with no network during the build. A failed build is the student's result (ok: false and the output), not an
 * error; a missing base image or engine fault is the grader's (throws).
 */
export async function buildSubmissionImage(build: SubmissionBuild): Promise<PrepareResult> {
  const started = performance.now();
  const { docker } = await connectDocker();
  const base = gccImage();
  await ensureImage(
    base,
    'Set GCC_IMAGE to a local image with gcc and make (docker/make-base-image.sh gcc builds one).',
  );
  const context = await stageContext(build.dir);
  const removeContext = () => rm(context, { recursive: true, force: true });
  const forget = onInterrupt(removeContext);
  const output = new OutputTail(40);
  try {
    const stream = await docker.buildImage(
      { context, src: ['.'] },
      {
        t: build.tag,
        dockerfile: DOCKERFILE_NAME,
        buildargs: {
          GCC_IMAGE: base,
          SUBMISSION_DIR: basename(build.dir),
          PROXYLAB_BUILD: build.buildId,
          PROXYLAB_SESSION: process.env.PROXYLAB_SESSION || 'none',
        },
        networkmode: 'none',
        memory: CONTAINER_LIMITS.buildMemoryMiB * 1024 * 1024,
        rm: true,
        forcerm: true,
      },
    );
    const outcome = await followBuild(stream, output, build.timeoutMs);
    const durationMs = Math.round(performance.now() - started);
    build.log(`built ${build.tag} in ${durationMs} ms${outcome.error ? `: ${outcome.error}` : ''}`);
    if (outcome.timedOut) {
      return {
        ok: false,
        durationMs,
        outputTail: output.tail(),
        reason: {
          en: `The build (make) did not finish within ${build.timeoutMs} ms.`,
          ko: `빌드(make)가 ${build.timeoutMs} ms 안에 끝나지 않았습니다.`,
        },
      };
    }
    if (outcome.error) {
      const code = /returned a non-zero code: (\d+)/.exec(outcome.error)?.[1];
      return {
        ok: false,
        durationMs,
        outputTail: output.tail(),
        reason: code
          ? {
              en: `make (or the check for ./proxy after it) exited with code ${code} in the build container: the submission does not build.`,
              ko: `빌드 컨테이너에서 make(또는 그 뒤의 ./proxy 확인)가 코드 ${code}로 끝났습니다: 제출물이 빌드되지 않습니다.`,
            }
          : {
              en: `The image build failed: ${outcome.error}`,
              ko: `이미지 빌드에 실패했습니다: ${outcome.error}`,
            },
      };
    }
    return { ok: true, durationMs, outputTail: output.tail() };
  } finally {
    forget();
    await removeContext();
  }
}

const BOOKKEEPING =
  /^(Step \d+\/\d+ : | ---> |Removing intermediate container |Successfully (built|tagged) )/;
// the legacy builder colours the RUN step's stderr
const ANSI_COLOR = /\u001b\[\d+m/g;

/** Reads the build's JSON lines into `output` (make's output, without Docker's step bookkeeping). */
function followBuild(
  stream: NodeJS.ReadableStream,
  output: OutputTail,
  timeoutMs: number,
): Promise<{ error?: string; timedOut?: boolean }> {
  return new Promise((resolve) => {
    let error: string | undefined;
    let partial = '';
    const timer = setTimeout(() => {
      (stream as NodeJS.ReadableStream & { destroy(): void }).destroy();
      resolve({ timedOut: true });
    }, timeoutMs);
    stream.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.trim()) continue;
        try {
          const event = JSON.parse(line) as { stream?: string; error?: string };
          if (event.error) {
            error = event.error.trim();
            output.push(`${error}\n`);
          } else if (event.stream?.trim() && !BOOKKEEPING.test(event.stream)) {
            output.push(event.stream.replace(ANSI_COLOR, ''));
          }
        } catch {
          output.push(`${line}\n`);
        }
      }
    });
    const done = () => {
      clearTimeout(timer);
      resolve({ error });
    };
    stream.on('end', done);
    stream.on('error', (e: Error) => {
      error ??= e.message;
      done();
    });
  });
}

/**
 * A private build context: the handout next to the sibling folders its Makefile or sources reach as ../NAME (the
 * fixture corpus shares ../_common), plus the Dockerfile. Symlinks are copied as links, never followed.
 */
async function stageContext(dir: string): Promise<string> {
  const context = await mkdtemp(join(tmpdir(), 'proxylab-build-'));
  const copy = (from: string, to: string) =>
    cp(from, to, {
      recursive: true,
      verbatimSymlinks: true,
      filter: async (source) => {
        const info = await lstat(source);
        return info.isDirectory() || info.isFile() || info.isSymbolicLink();
      },
    });
  try {
    await copy(dir, join(context, basename(dir)));
    for (const [name, sibling] of await findSiblingReferences(dir, dirname(dir))) {
      if (name !== basename(dir)) await copy(sibling, join(context, name));
    }
    await copyFile(DOCKERFILE, join(context, DOCKERFILE_NAME)).catch((cause: unknown) => {
      throw new TargetError(`The submission Dockerfile is missing (${DOCKERFILE}).`, { cause });
    });
  } catch (error) {
    await rm(context, { recursive: true, force: true });
    throw error;
  }
  return context;
}
