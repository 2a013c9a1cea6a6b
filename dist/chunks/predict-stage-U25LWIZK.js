import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  PREDICT_FORMATS,
  predictFormat,
  runPredictStage
} from "./chunk-72QK6B5A.js";
import "./chunk-V6LGVNBY.js";
import "./chunk-BIG3JZTJ.js";
import "./chunk-TYVJT2QX.js";
import "./chunk-EASYVJXM.js";
import "./chunk-WBI3HOP5.js";
import "./chunk-O6ESNWIS.js";
import "./chunk-FK2G5YTO.js";
import "./chunk-3S6RA3JE.js";
import "./chunk-6RGP32FY.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-DDJV3XQJ.js";
import "./chunk-RGJ5T3QL.js";
import "./chunk-CEPJPHC5.js";
import "./chunk-HROTNYCJ.js";
import "./chunk-R4CRXXNC.js";
import "./chunk-QRTANFC2.js";
import "./chunk-7W4PFK2E.js";
import "./chunk-SU4BFKON.js";
import "./chunk-U5WQZHIB.js";
import "./chunk-USSVTGDK.js";
import "./chunk-333R3S4T.js";
export {
  PREDICT_FORMATS,
  predictFormat,
  runPredictStage
};
