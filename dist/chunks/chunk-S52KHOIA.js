import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  TOOL_VERSION
} from "./chunk-USSVTGDK.js";

// src/actions/start.ts
async function startAction(name, body) {
  process.stdout.write(`modelship ${TOOL_VERSION}: ${name}
`);
  const { runAction } = await import("./runtime-PRD6EMPR.js");
  await runAction(body);
}

export {
  startAction
};
