import { isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';
import { CELL_NAMES } from './cells/specs.js';
import type { CellName } from './cells/types.js';
import { TARGET_NAMES, type TargetName } from './targets/index.js';

export const USAGE = `Usage: npm run bench [-- [grade|profile|batch] [options]]

Measures, on 127.0.0.1 only, a static origin directly (nginx, else tiny-server), the reference proxy,
the correct C submission, and tinyproxy/squid when installed.
  grade     times grading the reference proxy with the default and cmu rubrics, per suite
  profile   runs the load cells against the reference under node --cpu-prof and shows where the CPU
            time goes (profiles saved in bench-out/profiles/ for Chrome DevTools)
  batch     grades one copy of the correct C submission alone, then 20 copies as a batch with --jobs 2
            (the batch sandbox where the OS allows it): wall time and time per submission

Options:
  --repeats <n>        repeats of each cell (default 3; 1 with --quick)
  --quick              short loads (2 s), for a smoke run
  --only <names>       comma-separated cells (${CELL_NAMES.join(', ')})
                       and/or targets (${TARGET_NAMES.join(', ')})
  --load <tool>        wrk or node (default: wrk when installed)
  --origin <kind>      nginx or tiny (default: nginx when installed)
  --idle <n>           idle connections in the idle cell (default 1000)
  --before <dir>       another checkout (built) whose proxy is measured too, as "reference before"
  --json <file>        JSON report (default bench-out/<bench|grade|profile>.json)
  --svg <file>         SVG chart (default bench-out/bench.svg)
  -h, --help           show this help
`;

export interface BenchOptions {
  mode: 'bench' | 'grade' | 'profile' | 'batch';
  repeats: number;
  quick: boolean;
  cells: CellName[];
  targets: TargetName[];
  load: 'wrk' | 'node' | undefined;
  origin: 'nginx' | 'tiny' | undefined;
  idleConnections: number;
  /** Checkout whose proxy/dist/main.js is the `reference-before` row. */
  beforeRepo: string | undefined;
  jsonFile: string;
  svgFile: string;
}

function readPositiveInteger(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a whole number ≥ 1, got "${text}"`);
  return value;
}

function readChoice<T extends string>(
  name: string,
  text: string | undefined,
  choices: readonly T[],
): T | undefined {
  if (text === undefined) return undefined;
  if (!choices.includes(text as T))
    throw new Error(`${name} must be one of ${choices.join(', ')}, got "${text}"`);
  return text as T;
}

/** Turns argv into options; throws an Error with one sentence on bad input. Returns undefined for --help. */
export function parseBenchOptions(argv: readonly string[], repoRoot: string): BenchOptions | undefined {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      repeats: { type: 'string' },
      quick: { type: 'boolean' },
      only: { type: 'string' },
      load: { type: 'string' },
      origin: { type: 'string' },
      idle: { type: 'string' },
      before: { type: 'string' },
      json: { type: 'string' },
      svg: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return undefined;
  const command = positionals[0] ?? 'bench';
  if (positionals.length > 1 || !['bench', 'grade', 'profile', 'batch'].includes(command)) {
    throw new Error(`unexpected argument "${positionals.join(' ')}" (commands: grade, profile, batch)`);
  }
  const mode = command as BenchOptions['mode'];
  const quick = values.quick ?? false;
  const only = (values.only ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = only.filter(
    (name) => !(CELL_NAMES as string[]).includes(name) && !(TARGET_NAMES as string[]).includes(name),
  );
  if (unknown.length > 0) throw new Error(`--only: unknown name ${unknown.join(', ')}`);
  const cells = CELL_NAMES.filter((name) => only.includes(name));
  const targets = TARGET_NAMES.filter((name) => only.includes(name));
  // npm runs scripts from the repo root; INIT_CWD is where the user typed the command.
  const callerDir = process.env.INIT_CWD ?? process.cwd();
  const inRepo = (file: string) => (isAbsolute(file) ? file : join(callerDir, file));
  return {
    mode,
    repeats:
      values.repeats === undefined ? (quick ? 1 : 3) : readPositiveInteger('--repeats', values.repeats),
    quick,
    cells: cells.length > 0 ? cells : [...CELL_NAMES],
    targets: targets.length > 0 ? targets : [...TARGET_NAMES],
    load: readChoice('--load', values.load, ['wrk', 'node'] as const),
    origin: readChoice('--origin', values.origin, ['nginx', 'tiny'] as const),
    idleConnections: values.idle === undefined ? 1000 : readPositiveInteger('--idle', values.idle),
    beforeRepo: values.before === undefined ? undefined : inRepo(values.before),
    jsonFile: values.json ? inRepo(values.json) : join(repoRoot, 'bench-out', `${mode}.json`),
    svgFile: values.svg ? inRepo(values.svg) : join(repoRoot, 'bench-out', 'bench.svg'),
  };
}
