import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  DEFAULT_DORA_OUT,
  parseWindow,
  renderDoraMarkdown,
  renderDoraText,
  runDoraStage
} from "./chunk-QZLW57C7.js";
import "./chunk-7THG7TCK.js";
import "./chunk-IA7BW6X2.js";
import "./chunk-DMZGZT3Z.js";
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
import "./chunk-QFGABZKJ.js";
import "./chunk-6QZAZOAY.js";
import "./chunk-OBDTE6IB.js";
import "./chunk-ZSAWRQLI.js";
import "./chunk-R4CRXXNC.js";
import "./chunk-QRTANFC2.js";
import "./chunk-SU4BFKON.js";
import "./chunk-USSVTGDK.js";
import "./chunk-333R3S4T.js";
export {
  DEFAULT_DORA_OUT,
  parseWindow,
  renderDoraMarkdown,
  renderDoraText,
  runDoraStage
};
