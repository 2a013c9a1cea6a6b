import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  passesPolicy,
  runDataValidation,
  runValidateStage
} from "./chunk-W3RYRRFR.js";
import "./chunk-6THEOJOS.js";
import "./chunk-FBLJ2B7Y.js";
import "./chunk-EUBFWJFC.js";
import "./chunk-MAHMYA47.js";
import "./chunk-WBI3HOP5.js";
import "./chunk-GKTFBMQJ.js";
import "./chunk-L4AE6QMJ.js";
import "./chunk-J7TIX2PO.js";
import "./chunk-AZJWTHTA.js";
import "./chunk-3S6RA3JE.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-DDJV3XQJ.js";
import "./chunk-RGJ5T3QL.js";
import "./chunk-OBM4KTX2.js";
import "./chunk-FBC54HEI.js";
import "./chunk-QQWHAOE2.js";
import "./chunk-EWRH473V.js";
import "./chunk-FAUHFTOF.js";
import "./chunk-5US5NQLX.js";
import "./chunk-CEPJPHC5.js";
import "./chunk-HROTNYCJ.js";
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
