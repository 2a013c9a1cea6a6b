/**
 * Multiple-testing adjustment of per-feature drift p-values: Bonferroni, Holm's step-down and
 * Benjamini–Hochberg's step-up (as statsmodels' multipletests 'bonferroni', 'holm', 'fdr_bh').
 */

/** none | bonferroni | holm (family-wise error, step-down) | bh (false discovery rate, step-up). */
export type Correction = "none" | "bonferroni" | "holm" | "bh";

/**
 * Adjusted p-values in input order, capped at 1. Holm is made monotone by a running maximum over the
 * ascending p-values, BH by a running minimum from the largest down (statsmodels' fdr_bh). NaN
 * entries are left NaN and not counted in m. 'none' returns a copy.
 */
export function adjustPValues(p: readonly number[], correction: Correction): number[] {
  const out = [...p];
  if (correction === "none") return out;
  const order: number[] = [];
  for (let i = 0; i < p.length; i++) if (!Number.isNaN(p[i])) order.push(i);
  const m = order.length;
  if (correction === "bonferroni") {
    for (const i of order) out[i] = Math.min(1, p[i]! * m);
    return out;
  }
  order.sort((i, j) => p[i]! - p[j]! || i - j);
  if (correction === "holm") {
    let running = 0;
    order.forEach((i, rank) => {
      running = Math.max(running, p[i]! * (m - rank));
      out[i] = Math.min(1, running);
    });
    return out;
  }
  let running = Number.POSITIVE_INFINITY;
  for (let rank = m - 1; rank >= 0; rank--) {
    const i = order[rank]!;
    running = Math.min(running, (p[i]! * m) / (rank + 1));
    out[i] = Math.min(1, running);
  }
  return out;
}
