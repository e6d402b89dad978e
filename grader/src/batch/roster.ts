import { readFile } from 'node:fs/promises';
import { UsageError } from '../errors.js';
import { parseCsv } from './csv.js';

/** Who a submission folder belongs to, as the course's roster says. */
export interface RosterEntry {
  name: string;
  /** Canvas "SIS Login ID" (a login or e-mail) */
  login: string;
  /** Canvas "SIS User ID" (a student number) */
  sisId: string;
  section: string;
}

/**
 * Folder → student. Two layouts are read as they come: our own (`folder,name,login,sis_id[,section]`) and GitHub
 * Classroom's roster export (`identifier,github_username,github_id,name`), whose submission folders are
 * `<assignment>-<github_username>` and whose identifier is the login the teacher uploaded.
 */
export interface Roster {
  readonly size: number;
  find(folder: string): RosterEntry | undefined;
}

const column = (header: string[], ...names: string[]) =>
  header.findIndex((cell) =>
    names.includes(
      cell
        .trim()
        .toLowerCase()
        .replaceAll(/[\s-]+/g, '_'),
    ),
  );

export function parseRoster(text: string, source = 'the roster'): Roster {
  const [header = [], ...rows] = parseCsv(text.replace(/^\uFEFF/, '')).filter((r) => r.some((c) => c.trim()));
  const folderAt = column(header, 'folder', 'student', 'submission');
  const githubAt = column(header, 'github_username');
  if (folderAt < 0 && githubAt < 0) {
    throw new UsageError(`${source} has no folder or github_username column.`, [
      `its header: ${header.join(',') || '(empty)'}`,
      'expected: folder,name,login,sis_id[,section], or a GitHub Classroom roster export',
    ]);
  }
  const nameAt = column(header, 'name', 'student_name');
  const loginAt = column(header, 'login', 'sis_login_id', 'email', 'identifier');
  const sisAt = column(header, 'sis_id', 'sis_user_id', 'student_id');
  const sectionAt = column(header, 'section');
  const cell = (row: string[], at: number) => (at < 0 ? '' : (row[at] ?? '').trim());
  const byFolder = new Map<string, RosterEntry>();
  const byGithub = new Map<string, RosterEntry>();
  for (const row of rows) {
    const entry = {
      name: cell(row, nameAt),
      login: cell(row, loginAt),
      sisId: cell(row, sisAt),
      section: cell(row, sectionAt),
    };
    if (folderAt >= 0 && cell(row, folderAt)) byFolder.set(cell(row, folderAt), entry);
    if (githubAt >= 0 && cell(row, githubAt)) byGithub.set(cell(row, githubAt).toLowerCase(), entry);
  }
  return {
    size: byFolder.size + byGithub.size,
    find(folder) {
      const exact = byFolder.get(folder);
      if (exact) return exact;
      const lower = folder.toLowerCase();
      if (byGithub.has(lower)) return byGithub.get(lower);
      // Classroom names repositories <assignment-prefix>-<username>; the longest matching username wins
      let best: { length: number; entry: RosterEntry } | undefined;
      for (const [user, entry] of byGithub) {
        if (lower.endsWith(`-${user}`) && (!best || user.length > best.length))
          best = { length: user.length, entry };
      }
      return best?.entry;
    },
  };
}

export async function readRoster(path: string): Promise<Roster> {
  const text = await readFile(path, 'utf8').catch((cause: unknown) => {
    throw new UsageError(`Cannot read the roster ${path}.`, [String(cause)]);
  });
  return parseRoster(text, `The roster ${path}`);
}
