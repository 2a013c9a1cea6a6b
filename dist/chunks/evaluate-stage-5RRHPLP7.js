import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  runEvaluateStage
} from "./chunk-CXLE26BG.js";
import "./chunk-UV4EJBS7.js";
import "./chunk-EASYVJXM.js";
import "./chunk-BHTRKUOV.js";
import "./chunk-MAHMYA47.js";
import "./chunk-EQSA3C3T.js";
import "./chunk-DPH7L46L.js";
import "./chunk-GKTFBMQJ.js";
import "./chunk-L4AE6QMJ.js";
import "./chunk-YWZEETUK.js";
import "./chunk-EMURKFUN.js";
import "./chunk-AZJWTHTA.js";
import "./chunk-TYVJT2QX.js";
import "./chunk-2YPCBZAD.js";
import "./chunk-33UZ5W44.js";
import "./chunk-OYVKLLSL.js";
import "./chunk-JK3HMNVC.js";
import "./chunk-TQQPERQT.js";
import "./chunk-4LQGMG53.js";
import "./chunk-KEGNWSO6.js";
import "./chunk-GED6FQKO.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-KCXJURDR.js";
import "./chunk-HYZWQTPO.js";
import "./chunk-GGB7TQD4.js";
import "./chunk-NP3NC7G4.js";
import "./chunk-OBDTE6IB.js";
import "./chunk-CEPJPHC5.js";
import "./chunk-GFHMG7IO.js";
import "./chunk-R4CRXXNC.js";
import "./chunk-UO5NOVC6.js";
import "./chunk-QRTANFC2.js";
import "./chunk-GJTNEUV4.js";
import "./chunk-MOYN7ERY.js";
import "./chunk-7W4PFK2E.js";
import "./chunk-HFKEWQQZ.js";
import "./chunk-SU4BFKON.js";
import "./chunk-USSVTGDK.js";
import "./chunk-333R3S4T.js";
export {
  runEvaluateStage
};
