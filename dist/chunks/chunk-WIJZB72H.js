import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  gitAuthHeaderValue
} from "./chunk-YAQVTO64.js";
import {
  actionStageRun,
  core_exports,
  getInput
} from "./chunk-YSM7FE72.js";

// src/actions/stage-context.ts
function gitOpsActionInputs(options = {}) {
  const run = actionStageRun({ config: getInput("config"), token: getInput("token"), optionalDefaultConfig: true });
  const gitopsToken = getInput("gitops-token");
  if (gitopsToken !== void 0) core_exports.setSecret(gitopsToken);
  const gitToken = gitopsToken ?? run.token;
  if (gitToken !== void 0) core_exports.setSecret(gitAuthHeaderValue(gitToken));
  return {
    run,
    gitops: {
      gitopsRepo: options.gitopsRepo,
      remote: getInput("remote"),
      base: getInput("base"),
      gitopsToken,
      registry: options.registry,
      tagFormat: getInput("tag-format"),
      outDir: options.outDir
    }
  };
}

export {
  gitOpsActionInputs
};
