import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  passesPolicy,
  runDataValidation,
  runValidateStage
} from "./chunk-DXTCRCGO.js";
import "./chunk-KOXHOIEF.js";
import "./chunk-AZJWTHTA.js";
import "./chunk-GKTFBMQJ.js";
import "./chunk-FBLJ2B7Y.js";
import "./chunk-4V73OXIX.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-L4AE6QMJ.js";
import "./chunk-WBMB25WO.js";
import "./chunk-YZWFQKR3.js";
import "./chunk-NT3Z7I46.js";
import "./chunk-6QZAZOAY.js";
import "./chunk-CQE7KWKT.js";
import "./chunk-CEPJPHC5.js";
import "./chunk-JIFEML3N.js";
import "./chunk-R4CRXXNC.js";
import "./chunk-UO5NOVC6.js";
import "./chunk-QRTANFC2.js";
import "./chunk-SU4BFKON.js";
import "./chunk-USSVTGDK.js";
import "./chunk-333R3S4T.js";
export {
  passesPolicy,
  runDataValidation,
  runValidateStage
};
