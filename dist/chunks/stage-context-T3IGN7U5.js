import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  actionStageRun,
  core_exports,
  getInput
} from "./chunk-JKDBAWMY.js";
import "./chunk-FLFJYAH6.js";
import "./chunk-2QXMGKJV.js";
import {
  gitAuthHeaderValue
} from "./chunk-OATMGV3W.js";
import "./chunk-VCRUTQHZ.js";
import "./chunk-RPASQDKS.js";
import "./chunk-IA7BW6X2.js";
import "./chunk-DMZGZT3Z.js";
import "./chunk-PDMCRMBZ.js";
import "./chunk-FBLJ2B7Y.js";
import "./chunk-3U2Z2WPK.js";
import "./chunk-GKTFBMQJ.js";
import "./chunk-FQMTDVYW.js";
import "./chunk-4LQGMG53.js";
import "./chunk-VJQYOKFK.js";
import "./chunk-MP7VNW24.js";
import "./chunk-ZTP4RCXE.js";
import "./chunk-TQQPERQT.js";
import "./chunk-4Y7F6CJ4.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-L4AE6QMJ.js";
import "./chunk-TADGZNJ5.js";
import "./chunk-FM65BWKS.js";
import "./chunk-GJTNEUV4.js";
import "./chunk-RAE37VIM.js";
import "./chunk-QFGABZKJ.js";
import "./chunk-6QZAZOAY.js";
import "./chunk-OBDTE6IB.js";
import "./chunk-ZSAWRQLI.js";
import "./chunk-R4CRXXNC.js";
import "./chunk-QRTANFC2.js";
import "./chunk-SU4BFKON.js";
import "./chunk-USSVTGDK.js";
import "./chunk-333R3S4T.js";

// src/actions/stage-context.ts
function gitOpsActionInputs(options = {}) {
  const run = actionStageRun({
    config: getInput("config"),
    token: getInput("token"),
    optionalDefaultConfig: true,
    redactionKey: options.redactionKey
  });
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
