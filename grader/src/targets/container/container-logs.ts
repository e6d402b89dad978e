import type { Dockerode } from './docker.js';

type ContainerHandle = ReturnType<Dockerode['getContainer']>;

/**
 * The last `lines` lines a container wrote (stdout and stderr, in order). Docker frames each chunk of a non-TTY
 * container's output with an 8-byte header: stream type, three zero bytes, payload length (big-endian).
 */
export async function readLogTail(container: ContainerHandle, lines: number): Promise<string[]> {
  let raw: Buffer;
  try {
    raw = (await container.logs({ stdout: true, stderr: true, tail: lines, follow: false })) as Buffer;
  } catch {
    return [];
  }
  const parts: Buffer[] = [];
  let at = 0;
  while (at + 8 <= raw.length) {
    const size = raw.readUInt32BE(at + 4);
    parts.push(raw.subarray(at + 8, at + 8 + size));
    at += 8 + size;
  }
  const text = Buffer.concat(parts).toString('utf8');
  return text
    .split('\n')
    .filter((line, i, all) => line !== '' || i < all.length - 1)
    .slice(-lines);
}
