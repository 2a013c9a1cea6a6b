/**
 * Turns an observed share (of nulls, of duplicate rows) into a limit for a drafted contract: a
 * round number comfortably above what was seen, so the next batch of similar data passes too while
 * a real jump still fails.
 */

/** The round limits a drafted contract uses, smallest first. */
const ROUND_SHARES = [0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

/** Headroom over the observed share: half as much again (5.7% observed → at least 8.55% → 0.1). */
const HEADROOM = 1.5;

/** The smallest round share at or above 1.5 × `share` (0 → 0.01, 0.057 → 0.1, above 2/3 → 1). */
export function roundShareUp(share: number): number {
  const wanted = Math.min(1, Math.max(0, share) * HEADROOM);
  return ROUND_SHARES.find((round) => round >= wanted) ?? 1;
}
