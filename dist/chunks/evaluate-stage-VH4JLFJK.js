import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  runEvaluateStage
} from "./chunk-CBENN3KZ.js";
import "./chunk-UV4EJBS7.js";
import "./chunk-EASYVJXM.js";
import "./chunk-AAENIJRE.js";
import "./chunk-BHTRKUOV.js";
import "./chunk-AZJWTHTA.js";
import "./chunk-MAHMYA47.js";
import "./chunk-WC5L3K5J.js";
import "./chunk-TYVJT2QX.js";
import "./chunk-DPH7L46L.js";
import "./chunk-2PWE3OOV.js";
import "./chunk-N6UE4ND4.js";
import "./chunk-TQQPERQT.js";
import "./chunk-I5YPND7L.js";
import "./chunk-4LQGMG53.js";
import "./chunk-CZC52W4L.js";
import "./chunk-6NL7PSFB.js";
import "./chunk-L4AE6QMJ.js";
import "./chunk-GKGV24WD.js";
import "./chunk-4S56GKNV.js";
import "./chunk-GKTFBMQJ.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-OOYPCP7P.js";
import "./chunk-RGJ5T3QL.js";
import "./chunk-LTT6RTNS.js";
import "./chunk-7W4PFK2E.js";
import "./chunk-GGB7TQD4.js";
import "./chunk-NP3NC7G4.js";
import "./chunk-OBDTE6IB.js";
import "./chunk-CEPJPHC5.js";
import "./chunk-WP7KJD34.js";
import "./chunk-R4CRXXNC.js";
import "./chunk-UO5NOVC6.js";
import "./chunk-QRTANFC2.js";
import "./chunk-4RIK3LXO.js";
import "./chunk-Q5UNJRR7.js";
import "./chunk-GJTNEUV4.js";
import "./chunk-HFKEWQQZ.js";
import "./chunk-SU4BFKON.js";
import "./chunk-USSVTGDK.js";
import "./chunk-333R3S4T.js";
export {
  runEvaluateStage
};
