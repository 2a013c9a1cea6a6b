import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  PREDICT_FORMATS,
  predictFormat,
  runPredictStage
} from "./chunk-QEDFULSL.js";
import "./chunk-PM2DXBJ3.js";
import "./chunk-BIG3JZTJ.js";
import "./chunk-TYVJT2QX.js";
import "./chunk-EASYVJXM.js";
import "./chunk-TBM5MYZB.js";
import "./chunk-VJQYOKFK.js";
import "./chunk-FIX34QND.js";
import "./chunk-ZTP4RCXE.js";
import "./chunk-BPXX6S7T.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-CEPJPHC5.js";
import "./chunk-HROTNYCJ.js";
import "./chunk-R4CRXXNC.js";
import "./chunk-TADGZNJ5.js";
import "./chunk-FM65BWKS.js";
import "./chunk-7W4PFK2E.js";
import "./chunk-QRTANFC2.js";
import "./chunk-SU4BFKON.js";
import "./chunk-USSVTGDK.js";
import "./chunk-333R3S4T.js";
export {
  PREDICT_FORMATS,
  predictFormat,
  runPredictStage
};
