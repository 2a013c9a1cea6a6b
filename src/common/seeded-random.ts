/**
 * The one seeded pseudo-random generator (mulberry32) for everything that must be reproducible:
 * sketch compaction coins (whose one-uint32 state is stored with the sketch, so a sketch read back
 * from JSON continues the same sequence), bootstrap resamples, and the built-in trainer's initial
 * weights, validation split, shuffles and dropout masks (Math.random cannot be seeded).
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

/** Mulberry32 as a function of no arguments: the same generator the profile sketches use (one uint32 of state). */
export function mulberry32(seed: number): () => number {
  let state = seedState(seed);
  return () => {
    const next = nextRandom(state);
    state = next.state;
    return next.value;
  };
}

/** An independent seed for one use (`stream`) of the user's seed, mixed so nearby seeds differ widely. */
export function streamSeed(seed: number, stream: number): number {
  // splitmix32-style finaliser over the pair.
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(stream + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Fisher–Yates shuffle in place; returns the array. */
export function shuffleInPlace<T extends { length: number; [index: number]: number }>(array: T, random: () => number): T {
  for (let i = array.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = array[i]!;
    array[i] = array[j]!;
    array[j] = swap;
  }
  return array;
}
