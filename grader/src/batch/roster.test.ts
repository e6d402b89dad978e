import { describe, expect, it } from 'vitest';
import { checkRegistry } from '../suites/index.js';
import { loadRubric } from '../scoring/index.js';
import { parseCsv } from './csv.js';
import { CSV_BOM, renderCanvasGradebook, renderGradebook } from './gradebook.js';
import { parseRoster } from './roster.js';
import type { StudentOutcome } from './types.js';

const outcome = (student: string, score: number | null): StudentOutcome => ({
  student,
  status: score === null ? 'grader-error' : 'graded',
  score,
  maxScore: 70,
  suites: {},
  checks: {},
  resumed: false,
  durationMs: 1,
  hash: 'h',
  notes: [],
});

describe('roster', () => {
  it("reads GitHub Classroom's roster export as is and matches <assignment>-<username> folders", () => {
    const roster = parseRoster(
      '"identifier","github_username","github_id","name"\r\n' +
        '"kim@uni.ac.kr","kim-minsu","101","김민수"\r\n' +
        '"lee@uni.ac.kr","minsu","102","이민수"\r\n',
    );
    expect(roster.find('proxylab-kim-minsu')?.name).toBe('김민수');
    expect(roster.find('proxylab-minsu')?.login).toBe('lee@uni.ac.kr');
    expect(roster.find('Proxylab-KIM-MINSU')?.name).toBe('김민수');
    expect(roster.find('proxylab-park')).toBeUndefined();
  });

  it('reads our own layout, a BOM and any header case', () => {
    const roster = parseRoster(`${CSV_BOM}Folder,Name,Login,SIS ID,Section\nann,Ann Lee,alee,2026001,A\n`);
    expect(roster.find('ann')).toEqual({ name: 'Ann Lee', login: 'alee', sisId: '2026001', section: 'A' });
  });

  it('refuses a file with neither a folder nor a github_username column, naming what it found', () => {
    expect(() => parseRoster('email,score\na@b,3\n', 'roster.csv')).toThrow(/roster\.csv has no folder/);
  });

  it('fills the Canvas IDs and the gradebook from the roster, and starts both CSVs with a BOM', async () => {
    const rubric = await loadRubric('cmu', new Set(checkRegistry.keys()));
    const roster = parseRoster('identifier,github_username,github_id,name\nkim@uni.ac.kr,kim,1,김민수\n');
    const students = [outcome('lab-kim', 55), outcome('lab-nobody', 40)];
    const canvas = renderCanvasGradebook(students, rubric, 'Lab 4', roster);
    expect(canvas.startsWith(CSV_BOM)).toBe(true);
    expect(parseCsv(canvas).slice(2)).toEqual([
      ['김민수', '', '', 'kim@uni.ac.kr', '', '55'],
      ['lab-nobody', '', '', 'lab-nobody', '', '40'],
    ]);
    const book = renderGradebook(students, rubric, roster);
    expect(book.startsWith(CSV_BOM)).toBe(true);
    const rows = parseCsv(book);
    expect(rows[0]?.slice(0, 5)).toEqual(['student', 'name', 'login', 'sis_id', 'status']);
    expect(rows[1]?.slice(0, 4)).toEqual(['lab-kim', '김민수', 'kim@uni.ac.kr', '']);
  });
});
