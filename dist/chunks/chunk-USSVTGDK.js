import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);

// src/common/tool-version.ts
var TOOL_VERSION = true ? "0.1.0" : "0.1.0-dev";

export {
  TOOL_VERSION
};
