import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  DEFAULT_DORA_OUT,
  parseWindow,
  redactRemote,
  renderDoraMarkdown,
  renderDoraText,
  runDoraStage
} from "./chunk-GMEHV4YE.js";
import "./chunk-FGAOEPT5.js";
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
import "./chunk-GJTNEUV4.js";
import "./chunk-SU4BFKON.js";
import "./chunk-USSVTGDK.js";
import "./chunk-333R3S4T.js";
export {
  DEFAULT_DORA_OUT,
  parseWindow,
  redactRemote,
  renderDoraMarkdown,
  renderDoraText,
  runDoraStage
};
