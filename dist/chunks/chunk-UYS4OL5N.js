import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);

// src/data/sketch/seeded-random.ts
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

export {
  nextRandom,
  seedState
};
