import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);

// src/common/compare.ts
function byCodeUnit(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

export {
  byCodeUnit
};
