import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StudentFormat } from '../../../src/batch/formats.js';

const sum = (values: number[]) => Math.round(values.reduce((n, v) => n + v, 0) * 100) / 100;

/** The total score a rendered report file states, read the way its consumer (Gradescope, Autolab...) reads it. */
export function scoreInFormat(name: StudentFormat['name'], text: string): number {
  switch (name) {
    case 'json':
    case 'gradescope':
      return (JSON.parse(text) as { score: number }).score;
    case 'autolab': {
      const line = text.trim().split('\n').pop() ?? '';
      return sum(Object.values((JSON.parse(line) as { scores: Record<string, number> }).scores));
    }
    case 'classroom': {
      const encoded = /^result=(.*)$/m.exec(text)?.[1] ?? '';
      const result = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as {
        tests: Array<{ score: number }>;
      };
      return sum(result.tests.map((t) => t.score));
    }
    case 'junit':
      // a suite's properties (its test cases carry their own, one level deeper)
      return sum(
        [...text.matchAll(/^ {6}<property name="score" value="([\d.]+)"\/>$/gm)].map((m) => Number(m[1])),
      );
    case 'html': {
      const found = /<title>[^<]* — ([\d.]+)\/[\d.]+<\/title>/.exec(text);
      if (!found) throw new Error('no score in the html report');
      return Number(found[1]);
    }
    case 'markdown':
    case 'terminal': {
      const found = [...text.matchAll(/Score: ([\d.]+)\/[\d.]+/g)].pop();
      if (!found) throw new Error(`no score in the ${name} report`);
      return Number(found[1]);
    }
  }
}

/** Every format's score in a student's out folder, by file name. */
export async function scoresInFolder(dir: string, formats: StudentFormat[]): Promise<Record<string, number>> {
  const scores: Record<string, number> = {};
  for (const format of formats) {
    scores[format.file] = scoreInFormat(format.name, await readFile(join(dir, format.file), 'utf8'));
  }
  return scores;
}
