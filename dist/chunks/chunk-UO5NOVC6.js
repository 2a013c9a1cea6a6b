import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);

// src/common/seeded-random.ts
function nextRandom(state) {
  const next = state + 1831565813 >>> 0;
  let t = next;
  t = Math.imul(t ^ t >>> 15, t | 1);
  t ^= t + Math.imul(t ^ t >>> 7, t | 61);
  return { state: next, value: ((t ^ t >>> 14) >>> 0) / 4294967296 };
}
function seedState(seed) {
  return Math.trunc(seed) >>> 0;
}
function mulberry32(seed) {
  let state = seedState(seed);
  return () => {
    const next = nextRandom(state);
    state = next.state;
    return next.value;
  };
}
function streamSeed(seed, stream) {
  let h = (Math.imul(seed >>> 0, 2654435761) ^ Math.imul(stream + 1, 2246822507)) >>> 0;
  h = Math.imul(h ^ h >>> 16, 2146121005);
  h = Math.imul(h ^ h >>> 15, 2221713035);
  return (h ^ h >>> 16) >>> 0;
}
function shuffleInPlace(array, random) {
  for (let i = array.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = array[i];
    array[i] = array[j];
    array[j] = swap;
  }
  return array;
}

export {
  seedState,
  mulberry32,
  streamSeed,
  shuffleInPlace
};
