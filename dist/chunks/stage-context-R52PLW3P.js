import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  actionStageRun,
  core_exports,
  getInput
} from "./chunk-LPPIFDZI.js";
import "./chunk-YIWHVYTV.js";
import {
  gitAuthHeaderValue
} from "./chunk-5QF4UCYZ.js";
import "./chunk-M7G5CJWX.js";
import "./chunk-OB66M5SJ.js";
import "./chunk-WMANSC4W.js";
import "./chunk-YNXDJ5Z6.js";
import "./chunk-GBAVK5Q7.js";
import "./chunk-H7ABQTTS.js";
import "./chunk-IBGUEDEO.js";
import "./chunk-XYL5FBBP.js";
import "./chunk-VVREGJ63.js";
import "./chunk-V7YB4A7J.js";
import "./chunk-DPH7L46L.js";
import "./chunk-OXQJNLJL.js";
import "./chunk-764VFCH4.js";
import "./chunk-TQQPERQT.js";
import "./chunk-HWW2H3QW.js";
import "./chunk-FBLJ2B7Y.js";
import "./chunk-4LQGMG53.js";
import "./chunk-RCYMTRN5.js";
import "./chunk-RNR6NDII.js";
import "./chunk-L4AE6QMJ.js";
import "./chunk-JUOJYRD4.js";
import "./chunk-GKTFBMQJ.js";
import "./chunk-4S56GKNV.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-YVAZ7I5R.js";
import "./chunk-RGJ5T3QL.js";
import "./chunk-LTT6RTNS.js";
import "./chunk-7W4PFK2E.js";
import "./chunk-NP3NC7G4.js";
import "./chunk-OBDTE6IB.js";
import "./chunk-HFKEWQQZ.js";
import "./chunk-R4CRXXNC.js";
import "./chunk-QRTANFC2.js";
import "./chunk-FLFJYAH6.js";
import "./chunk-GJTNEUV4.js";
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
