import { roundPoints } from '../../scoring/score.js';

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string | number | null | undefined): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Rounds for display: integers stay integers, others get up to two decimals. */
export const formatNumber = (n: number): string => String(roundPoints(n));
