import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  PREDICT_FORMATS,
  predictFormat,
  runPredictStage
} from "./chunk-KTIMWAIW.js";
import "./chunk-3M3QZONP.js";
import "./chunk-UV4EJBS7.js";
import "./chunk-EASYVJXM.js";
import "./chunk-EQSA3C3T.js";
import "./chunk-TYVJT2QX.js";
import "./chunk-33UZ5W44.js";
import "./chunk-OYVKLLSL.js";
import "./chunk-KEGNWSO6.js";
import "./chunk-GED6FQKO.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-KCXJURDR.js";
import "./chunk-HYZWQTPO.js";
import "./chunk-CEPJPHC5.js";
import "./chunk-GFHMG7IO.js";
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
