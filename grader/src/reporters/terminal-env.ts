/** What the terminal reporter may do on a stream: colours, an in-place status line, and how wide to draw. */
export interface TerminalSettings {
  color: boolean;
  /** a `running: <check>` line rewritten in place (a TTY only, never in CI or on a dumb terminal) */
  live: boolean;
  /** columns to fit the table in: the TTY's width, 80 otherwise */
  columns: number;
}

interface MaybeTty {
  isTTY?: boolean;
  columns?: number;
}

/**
 * Colour as Node and most CLIs decide it: FORCE_COLOR wins ('', 1, 2, 3, true turn colour on even in a pipe; 0,
 * false or anything else turn it off), then a non-empty NO_COLOR or TERM=dumb turn it off, else a TTY has colour.
 */
export function detectColor(stream: MaybeTty, env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return ['', '1', '2', '3', 'true'].includes(force.toLowerCase());
  if (env.NO_COLOR) return false;
  if (env.TERM === 'dumb') return false;
  return Boolean(stream.isTTY);
}

export function detectTerminal(stream: MaybeTty, env: NodeJS.ProcessEnv = process.env): TerminalSettings {
  const tty = Boolean(stream.isTTY);
  return {
    color: detectColor(stream, env),
    live: tty && env.TERM !== 'dumb' && !env.CI,
    columns: tty && stream.columns && stream.columns > 0 ? stream.columns : 80,
  };
}
