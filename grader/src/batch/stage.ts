import { chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Submission } from './discover.js';
import { chownTree, copyTree } from '../process/copy-tree.js';

/** A job's private folder: the copy to grade, the reports the child writes, and its HOME. */
export interface StagedJob {
  dir: string;
  /** the copy of the submission (its siblings sit next to it, so ../_common still resolves) */
  workDir: string;
  outDir: string;
  homeDir: string;
}

/**
 * Copies the submission (and the sibling folders its build reaches) into `dir`; the student's folder is only read.
 * Symlinks are copied as links, never followed (a submission cannot make the grader read a file for it); fifos,
 * sockets and devices are left out. With `uid`, the job folder is handed to that unprivileged user.
 */
export async function stageSubmission(submission: Submission, dir: string, uid?: number): Promise<StagedJob> {
  const job: StagedJob = {
    dir,
    workDir: join(dir, 'work', submission.student),
    outDir: join(dir, 'out'),
    homeDir: join(dir, 'home'),
  };
  await mkdir(dir, { mode: 0o700 });
  await Promise.all([job.outDir, job.homeDir].map((path) => mkdir(path, { recursive: true, mode: 0o700 })));
  await copyTree(submission.dir, job.workDir);
  for (const [name, siblingDir] of submission.siblings) {
    if (name !== submission.student) await copyTree(siblingDir, join(dir, 'work', name));
  }
  if (uid !== undefined) await chownTree(dir, uid);
  await chmod(dir, 0o700);
  return job;
}
