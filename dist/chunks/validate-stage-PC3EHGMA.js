import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  passesPolicy,
  runDataValidation,
  runValidateStage
} from "./chunk-W7PY2LZC.js";
import "./chunk-BP6RFEGD.js";
import "./chunk-ZU2VA7ZN.js";
import "./chunk-MAHMYA47.js";
import "./chunk-4DNNVUZJ.js";
import "./chunk-RWFJY6LF.js";
import "./chunk-AZJWTHTA.js";
import "./chunk-MJRDI66D.js";
import "./chunk-FBC54HEI.js";
import "./chunk-YZHA3SL2.js";
import "./chunk-FBLJ2B7Y.js";
import "./chunk-GKTFBMQJ.js";
import "./chunk-VJQYOKFK.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-L4AE6QMJ.js";
import "./chunk-TADGZNJ5.js";
import "./chunk-FM65BWKS.js";
import "./chunk-6QZAZOAY.js";
import "./chunk-UJ6BZKIU.js";
import "./chunk-LVKDBVX3.js";
import "./chunk-5US5NQLX.js";
import "./chunk-CEPJPHC5.js";
import "./chunk-ZZQWRGDG.js";
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
