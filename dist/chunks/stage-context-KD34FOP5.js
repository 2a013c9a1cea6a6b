import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  actionStageRun,
  core_exports,
  getInput
} from "./chunk-VKVYSUZH.js";
import {
  gitAuthHeaderValue
} from "./chunk-JKLMKRGX.js";
import "./chunk-TJ6S2YOP.js";
import "./chunk-VD2KPRVB.js";
import "./chunk-A6AAOSQC.js";
import "./chunk-IQCUDQZY.js";
import "./chunk-FBLJ2B7Y.js";
import "./chunk-2L7CDRKR.js";
import "./chunk-GKTFBMQJ.js";
import "./chunk-L4AE6QMJ.js";
import "./chunk-C77OK26W.js";
import "./chunk-TCQG6L4P.js";
import "./chunk-O6ESNWIS.js";
import "./chunk-FK2G5YTO.js";
import "./chunk-FH7ZXG6G.js";
import "./chunk-TQQPERQT.js";
import "./chunk-4LQGMG53.js";
import "./chunk-3S6RA3JE.js";
import "./chunk-YS3KUYOA.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-DDJV3XQJ.js";
import "./chunk-RGJ5T3QL.js";
import "./chunk-NP3NC7G4.js";
import "./chunk-OBDTE6IB.js";
import "./chunk-R4CRXXNC.js";
import "./chunk-QRTANFC2.js";
import "./chunk-FLFJYAH6.js";
import "./chunk-GJTNEUV4.js";
import "./chunk-A7KNPWPG.js";
import "./chunk-PSZAEBXK.js";
import "./chunk-LTT6RTNS.js";
import "./chunk-7W4PFK2E.js";
import "./chunk-TILLCQDZ.js";
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
