import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  PREDICT_FORMATS,
  predictFormat,
  runPredictStage
} from "./chunk-OFBT6U2L.js";
import "./chunk-VASYQY3D.js";
import "./chunk-UV4EJBS7.js";
import "./chunk-EASYVJXM.js";
import "./chunk-MAHMYA47.js";
import "./chunk-WC5L3K5J.js";
import "./chunk-TYVJT2QX.js";
import "./chunk-I5YPND7L.js";
import "./chunk-CZC52W4L.js";
import "./chunk-6NL7PSFB.js";
import "./chunk-4S56GKNV.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-OOYPCP7P.js";
import "./chunk-RGJ5T3QL.js";
import "./chunk-7W4PFK2E.js";
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
