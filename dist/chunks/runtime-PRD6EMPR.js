import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  ActionsLogger,
  actionStageRun,
  core_exports,
  getBooleanInput,
  getChoiceInput,
  getInput,
  getIntegerInput,
  getLinesInput,
  getListInput,
  getNumberInput,
  getOptionalLinesInput,
  getOptionalListInput,
  getRequiredInput,
  publishStageReport,
  runAction,
  writeJobSummary
} from "./chunk-LPPIFDZI.js";
import "./chunk-YIWHVYTV.js";
import "./chunk-JUOJYRD4.js";
import "./chunk-YVAZ7I5R.js";
import "./chunk-RGJ5T3QL.js";
import "./chunk-LTT6RTNS.js";
import "./chunk-7W4PFK2E.js";
import "./chunk-HFKEWQQZ.js";
import "./chunk-FLFJYAH6.js";
import "./chunk-GJTNEUV4.js";
import "./chunk-SU4BFKON.js";
import {
  TOOL_VERSION
} from "./chunk-USSVTGDK.js";
import "./chunk-333R3S4T.js";
export {
  ActionsLogger,
  TOOL_VERSION,
  actionStageRun,
  core_exports as core,
  getBooleanInput,
  getChoiceInput,
  getInput,
  getIntegerInput,
  getLinesInput,
  getListInput,
  getNumberInput,
  getOptionalLinesInput,
  getOptionalListInput,
  getRequiredInput,
  publishStageReport,
  runAction,
  writeJobSummary
};
