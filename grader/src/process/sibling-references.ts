// Folders next to a submission that its build reaches as ../NAME (shared by batch discovery, the jail and the
// container image, which must all bring them along).
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';

const SOURCE_FILE = /^(Makefile|makefile|GNUmakefile|.*\.(c|h|mk))$/;
const PARENT_REFERENCE = /\.\.\/([A-Za-z0-9_][A-Za-z0-9_.-]*)/g;

/**
 * Finds `../NAME` in the submission's Makefile and C sources where NAME is a folder next to it in the batch DIR
 * (the fixture corpus shares `_common/`). Real student folders are self-contained and reference none.
 */
export async function findSiblingReferences(dir: string, root: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const files = await readdir(dir, { withFileTypes: true });
  for (const file of files) {
    if (!file.isFile() || !SOURCE_FILE.test(file.name)) continue;
    const text = await readFile(join(dir, file.name), 'latin1').catch(() => '');
    for (const match of text.slice(0, 1 << 20).matchAll(PARENT_REFERENCE)) {
      const name = match[1] as string;
      if (found.has(name)) continue;
      const path = join(root, name);
      const info = await stat(path).catch(() => undefined);
      if (info?.isDirectory()) found.set(name, await realpath(path));
    }
  }
  return found;
}
