import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  passesPolicy,
  runDataValidation,
  runValidateStage
} from "./chunk-VYAQALMG.js";
import "./chunk-2E4ETNRB.js";
import "./chunk-FBLJ2B7Y.js";
import "./chunk-EUBFWJFC.js";
import "./chunk-MAHMYA47.js";
import "./chunk-GKTFBMQJ.js";
import "./chunk-L4AE6QMJ.js";
import "./chunk-J7TIX2PO.js";
import "./chunk-AZJWTHTA.js";
import "./chunk-TBM5MYZB.js";
import "./chunk-VJQYOKFK.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-U4KI7ZS4.js";
import "./chunk-FBC54HEI.js";
import "./chunk-QQWHAOE2.js";
import "./chunk-EWRH473V.js";
import "./chunk-FAUHFTOF.js";
import "./chunk-5US5NQLX.js";
import "./chunk-CEPJPHC5.js";
import "./chunk-HROTNYCJ.js";
import "./chunk-R4CRXXNC.js";
import "./chunk-TADGZNJ5.js";
import "./chunk-FM65BWKS.js";
import "./chunk-6QZAZOAY.js";
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
