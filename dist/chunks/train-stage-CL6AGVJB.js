import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  runTrainStage,
  trainFromSettings
} from "./chunk-OATWGCDC.js";
import "./chunk-H6DAK75W.js";
import "./chunk-EMMWZKGN.js";
import "./chunk-ZWA36I4M.js";
import "./chunk-EASYVJXM.js";
import "./chunk-MAHMYA47.js";
import "./chunk-GMNWVKVQ.js";
import "./chunk-AZJWTHTA.js";
import "./chunk-HQLH6T7W.js";
import "./chunk-JQ2CXVF2.js";
import "./chunk-FLFJYAH6.js";
import "./chunk-FBLJ2B7Y.js";
import "./chunk-4LQGMG53.js";
import "./chunk-4V73OXIX.js";
import "./chunk-7Q4573F6.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-L4AE6QMJ.js";
import "./chunk-WBMB25WO.js";
import "./chunk-YZWFQKR3.js";
import "./chunk-GJTNEUV4.js";
import "./chunk-6QZAZOAY.js";
import "./chunk-CEPJPHC5.js";
import "./chunk-JIFEML3N.js";
import "./chunk-R4CRXXNC.js";
import "./chunk-UO5NOVC6.js";
import "./chunk-QRTANFC2.js";
import "./chunk-SU4BFKON.js";
import "./chunk-USSVTGDK.js";
import "./chunk-333R3S4T.js";
export {
  runTrainStage,
  trainFromSettings
};
