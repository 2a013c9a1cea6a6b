import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  attestationChecker,
  loadPromotionRules,
  resolveGitOps,
  verifyPromotion
} from "./chunk-YKY4ZN27.js";
import {
  openStore
} from "./chunk-2OYWOPGB.js";
import {
  loadStageConfig
} from "./chunk-DJQRCTAZ.js";
import {
  DEFAULT_CONFIG_FILE
} from "./chunk-26JFAWFB.js";

// src/stages/verify-stage.ts
async function runVerifyStage(options, run) {
  const { logger } = run;
  const given = options.remote !== void 0 && options.base !== void 0;
  const gitops = resolveGitOps(
    { remote: options.remote, base: options.base, serverUrl: run.serverUrl },
    given ? { resolvePath: (path) => path } : await loadStageConfig(run.config, run.cwd)
  );
  const token = options.gitopsToken ?? run.token;
  const server = run.serverUrl ?? "https://github.com";
  const opened = /* @__PURE__ */ new Map();
  const openRegistry = (registry) => {
    let store = opened.get(registry.spec);
    if (store === void 0) {
      store = openStore({
        spec: registry.spec,
        token: run.token,
        tagFormat: registry.tagFormat,
        logger,
        userAgentVersion: run.toolVersion
      });
      opened.set(registry.spec, store);
    }
    return store;
  };
  const rulesFile = options.rulesFile ?? DEFAULT_CONFIG_FILE;
  return verifyPromotion({
    remote: gitops.remote,
    base: gitops.base,
    head: options.head,
    ...token === void 0 ? {} : { token },
    loadRules: (read) => loadPromotionRules(read, { file: rulesFile, base: gitops.base, server }),
    openRegistry,
    checkProvenance: attestationChecker(run),
    logger
  });
}

export {
  runVerifyStage
};
