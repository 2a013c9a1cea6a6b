import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  passesPolicy,
  runDataValidation,
  runValidateStage
} from "./chunk-WOTYRSBK.js";
import "./chunk-6THEOJOS.js";
import "./chunk-FBLJ2B7Y.js";
import "./chunk-DDKABFC4.js";
import "./chunk-MAHMYA47.js";
import "./chunk-EQSA3C3T.js";
import "./chunk-GKTFBMQJ.js";
import "./chunk-L4AE6QMJ.js";
import "./chunk-YWZEETUK.js";
import "./chunk-AZJWTHTA.js";
import "./chunk-KEGNWSO6.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-KCXJURDR.js";
import "./chunk-HYZWQTPO.js";
import "./chunk-3CX5DA2K.js";
import "./chunk-FBC54HEI.js";
import "./chunk-DGHMJPZO.js";
import "./chunk-OHTX7XGX.js";
import "./chunk-WTEUU4MQ.js";
import "./chunk-5US5NQLX.js";
import "./chunk-CEPJPHC5.js";
import "./chunk-GFHMG7IO.js";
import "./chunk-R4CRXXNC.js";
import "./chunk-UO5NOVC6.js";
import "./chunk-QRTANFC2.js";
import "./chunk-HFKEWQQZ.js";
import "./chunk-SU4BFKON.js";
import "./chunk-USSVTGDK.js";
import "./chunk-333R3S4T.js";
export {
  passesPolicy,
  runDataValidation,
  runValidateStage
};
