/**
 * A tiny seeded pseudo-random generator (mulberry32). Sketches use it for their compaction coin so
 * that the same data and seed always give the same sketch; its whole state is one uint32, which is
 * stored with the sketch so a sketch read back from JSON continues the same sequence.
 */

/** Advances a mulberry32 state: returns the next state and a uniform draw in [0, 1). */
export function nextRandom(state: number): { state: number; value: number } {
  const next = (state + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return { state: next, value: ((t ^ (t >>> 14)) >>> 0) / 4294967296 };
}

/** Turns any seed number into a valid initial uint32 state. */
export function seedState(seed: number): number {
  return Math.trunc(seed) >>> 0;
}
