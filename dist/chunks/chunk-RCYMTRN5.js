import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  ALLOW_INTERNAL_ENV,
  ALLOW_INTERNAL_KEY,
  AllowList,
  splitAllowEnv
} from "./chunk-ZX6A6IWO.js";
import {
  loadConfig
} from "./chunk-YVAZ7I5R.js";

// src/stages/stage-run.ts
function networkPolicy(run, loaded) {
  const configured = loaded?.config?.network?.allow_internal ?? [];
  return {
    allowInternal: AllowList.parse(
      {
        entries: configured,
        source: `${loaded?.file ?? "modelship.yaml"} ${ALLOW_INTERNAL_KEY}`,
        ...loaded?.file === void 0 ? {} : { file: loaded.file, pointer: "/network/allow_internal" }
      },
      { entries: splitAllowEnv(run.env[ALLOW_INTERNAL_ENV]), source: ALLOW_INTERNAL_ENV }
    )
  };
}
async function loadStageConfig(source, cwd) {
  return loadConfig({ file: source.file, cwd });
}

export {
  networkPolicy,
  loadStageConfig
};
