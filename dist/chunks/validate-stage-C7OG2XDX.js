import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  passesPolicy,
  runDataValidation,
  runValidateStage
} from "./chunk-JAKKN7BN.js";
import "./chunk-NIARSCP6.js";
import "./chunk-MAHMYA47.js";
import "./chunk-GMNWVKVQ.js";
import "./chunk-AZJWTHTA.js";
import "./chunk-GKTFBMQJ.js";
import "./chunk-FBLJ2B7Y.js";
import "./chunk-4V73OXIX.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-L4AE6QMJ.js";
import "./chunk-WBMB25WO.js";
import "./chunk-YZWFQKR3.js";
import "./chunk-AJWTGFCW.js";
import "./chunk-2RFXDTAE.js";
import "./chunk-6QZAZOAY.js";
import "./chunk-HVV3BLID.js";
import "./chunk-RMG2KQ7L.js";
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
