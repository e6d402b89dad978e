import { join } from 'node:path';
import { readChildFile } from './student-folder.js';

/** The one file the child grader writes: its JSON report. */
export const REPORT_FILE = 'report.json';

/**
 * Once report.json exists and parses, the child has finished grading; if it is still alive `lingerMs` later (an
 * escaped student process holds its output pipes open), `stop` is called.
 */
export function watchForReport(outDir: string, stop: () => void, lingerMs = 5000) {
  const state = { fired: false, cancel: () => {} };
  let lingerTimer: NodeJS.Timeout | undefined;
  const poll = setInterval(async () => {
    if (lingerTimer) return;
    const text = await readChildFile(join(outDir, REPORT_FILE)).catch(() => undefined);
    if (!text || lingerTimer) return;
    try {
      JSON.parse(text);
    } catch {
      return;
    }
    lingerTimer = setTimeout(() => {
      state.fired = true;
      stop();
    }, lingerMs);
  }, 500);
  state.cancel = () => {
    clearInterval(poll);
    clearTimeout(lingerTimer);
  };
  return state;
}
