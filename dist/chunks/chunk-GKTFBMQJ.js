import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);

// src/common/fail-on.ts
function failsOn(scale, failOn, outcome) {
  if (failOn === "never" || outcome === "ok") return false;
  return scale.indexOf(outcome) <= scale.indexOf(failOn);
}

export {
  failsOn
};
