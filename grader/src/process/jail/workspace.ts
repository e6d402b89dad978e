import { rmSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { findSiblingReferences } from '../sibling-references.js';
import { chownTree, copyTree } from '../copy-tree.js';

/** A private copy of a submission, owned by the jail's uid, inside a folder only root can enter. */
export interface JailWorkspace {
  /** mode 700, owned by root: the jail never sees it, only the `work` folder inside */
  readonly root: string;
  /** the folder bound read-write into the jail: the copy and the sibling folders its build reaches */
  readonly workDir: string;
  /** the copy of the submission (make and ./proxy run here) */
  readonly cwd: string;
  remove(): Promise<void>;
}

/** Workspaces not removed yet: the exit path (Ctrl-C) removes them synchronously. */
const live = new Set<string>();
let exitHookInstalled = false;

/**
 * Copies `dir` (and the `../NAME` folders its Makefile or sources reach, as the fixture corpus's `_common`) into
 * a fresh private folder and hands the copy to `uid`. Symlinks are copied as links, never followed; fifos,
 * sockets and devices are left out. The original folder is only read.
 */
export async function createJailWorkspace(
  dir: string,
  uid: number,
  tempRoot = tmpdir(),
): Promise<JailWorkspace> {
  const source = await realpath(dir);
  const root = await mkdtemp(join(tempRoot, 'proxylab-jail-'));
  await chmod(root, 0o700);
  live.add(root);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', removeJailWorkspacesSync);
  }
  const workDir = join(root, 'work');
  const name = basename(source);
  const cwd = join(workDir, name);
  await mkdir(workDir);
  await copyTree(source, cwd);
  for (const [sibling, siblingDir] of await findSiblingReferences(source, dirname(source))) {
    if (sibling !== name) await copyTree(siblingDir, join(workDir, sibling));
  }
  await chownTree(workDir, uid);
  return {
    root,
    workDir,
    cwd,
    async remove() {
      await rm(root, { recursive: true, force: true });
      live.delete(root);
    },
  };
}

/** Removes every workspace still there (the process is exiting). */
export function removeJailWorkspacesSync(): void {
  for (const root of live) {
    try {
      rmSync(root, { recursive: true, force: true });
    } catch {
      // best effort on the way out
    }
  }
  live.clear();
}
