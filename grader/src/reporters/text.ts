import { roundPoints } from '../scoring/score.js';
import type { CheckResult } from '../types.js';
import type { Messages } from './messages.js';

export type CheckStatus = 'passed' | 'failed' | 'skipped' | 'timed-out' | 'crashed';

/** One word for how a check ended; a crash or a timeout explains a failure better than 'failed'. */
export function checkStatus(check: CheckResult): CheckStatus {
  if (check.skipped) return 'skipped';
  if (check.passed) return 'passed';
  if (check.crash) return 'crashed';
  return check.timedOut ? 'timed-out' : 'failed';
}

export function statusLabel(status: CheckStatus, m: Messages): string {
  const labels = {
    passed: m.passed,
    failed: m.failed,
    skipped: m.skipped,
    'timed-out': m.timedOut,
    crashed: m.crashed,
  };
  return labels[status];
}

/** Points without float noise: 2 decimals at most, no trailing zeros ('2.5', '3'). */
export function formatPoints(points: number): string {
  return String(roundPoints(points));
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * Makes student-controlled text (received bytes, proxy output) safe to print: control characters other than
 * newline and tab, and bidirectional overrides, become visible escapes, so a proxy cannot move the cursor,
 * recolour a terminal or reorder what a reader sees.
 */
export function sanitizeText(text: string): string {
  return text.replace(
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (ch) => {
      const code = ch.charCodeAt(0);
      return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
    },
  );
}

/** Terminal columns a string takes: East Asian wide characters (Hangul, CJK) take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text.replace(/\u001b\[[0-9;]*m/g, '')) {
    const code = ch.codePointAt(0) ?? 0;
    width += isWide(code) ? 2 : 1;
  }
  return width;
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1faff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}

export function padDisplay(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}
