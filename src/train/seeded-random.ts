/**
 * A small seeded PRNG for the built-in trainer, so initial weights, the validation split, shuffles
 * and dropout masks are reproducible from one seed (Math.random cannot be seeded).
 */
import { nextRandom, seedState } from "../data/sketch/seeded-random.ts";

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
