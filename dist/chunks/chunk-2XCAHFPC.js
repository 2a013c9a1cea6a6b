import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  basicAuthValue
} from "./chunk-PS2MCQ24.js";
import {
  DEFAULT_CONFIG_FILE,
  loadConfig
} from "./chunk-54FPIRKX.js";
import {
  readGitHubContext
} from "./chunk-XSH5H6CH.js";
import {
  ActionsLogger,
  core_exports,
  getInput
} from "./chunk-R6EBND7X.js";
import {
  TOOL_VERSION
} from "./chunk-I6K5MFCQ.js";

// src/actions/stage-context.ts
async function actionStageContext(options = {}) {
  const logger = new ActionsLogger();
  const token = getInput("token");
  const gitopsToken = getInput("gitops-token");
  for (const secret of [token, gitopsToken]) if (secret !== void 0) core_exports.setSecret(secret);
  const context = readGitHubContext();
  const config = getInput("config");
  const loaded = await loadConfig(config === void 0 || config === DEFAULT_CONFIG_FILE ? {} : { file: config });
  const registry = options.registry;
  const tagFormat = getInput("tag-format");
  const gitopsRepo = options.gitopsRepo;
  const remote = getInput("remote");
  const base = getInput("base");
  const stageToken = gitopsToken ?? token;
  if (stageToken !== void 0) core_exports.setSecret(basicAuthValue(stageToken));
  return {
    loaded,
    gitops: {
      ...gitopsRepo === void 0 ? {} : { repository: gitopsRepo },
      ...remote === void 0 ? {} : { remote },
      ...base === void 0 ? {} : { base },
      serverUrl: context.serverUrl
    },
    ...stageToken === void 0 ? {} : { token: stageToken },
    ...token === void 0 ? {} : { registryToken: token },
    ...context.repository === void 0 ? {} : { repository: context.repository },
    ...registry === void 0 ? {} : { registry },
    ...tagFormat === void 0 ? {} : { tagFormat },
    defaultRegistry: "github",
    outDir: options.outDir ?? ".modelship/promotion",
    ...context.runUrl === void 0 ? {} : { runUrl: context.runUrl },
    logger,
    userAgentVersion: TOOL_VERSION
  };
}

export {
  actionStageContext
};
