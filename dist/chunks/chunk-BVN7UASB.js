import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  nextRandom,
  seedState
} from "./chunk-UYS4OL5N.js";

// src/train/seeded-random.ts
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
  mulberry32,
  streamSeed,
  shuffleInPlace
};
