import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  PREDICT_FORMATS,
  predictFormat,
  runPredictStage
} from "./chunk-EODPM3A2.js";
import "./chunk-UQYGI3RK.js";
import "./chunk-7MP7WTZ3.js";
import "./chunk-MAHMYA47.js";
import "./chunk-WC5L3K5J.js";
import "./chunk-H7ABQTTS.js";
import "./chunk-HWW2H3QW.js";
import "./chunk-RCYMTRN5.js";
import "./chunk-RNR6NDII.js";
import "./chunk-VASYQY3D.js";
import "./chunk-4S56GKNV.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-YVAZ7I5R.js";
import "./chunk-RGJ5T3QL.js";
import "./chunk-7W4PFK2E.js";
import "./chunk-DBOFCCL4.js";
import "./chunk-CEPJPHC5.js";
import "./chunk-WP7KJD34.js";
import "./chunk-R4CRXXNC.js";
import "./chunk-QRTANFC2.js";
import "./chunk-2DOXU2DG.js";
import "./chunk-4RIK3LXO.js";
import "./chunk-Q5UNJRR7.js";
import "./chunk-SU4BFKON.js";
import "./chunk-U5WQZHIB.js";
import "./chunk-USSVTGDK.js";
import "./chunk-333R3S4T.js";
export {
  PREDICT_FORMATS,
  predictFormat,
  runPredictStage
};
