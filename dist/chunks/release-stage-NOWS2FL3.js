import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  runRelease,
  runReleaseStage
} from "./chunk-GOU24PBY.js";
import "./chunk-ZWA36I4M.js";
import "./chunk-HQLH6T7W.js";
import "./chunk-XN5V33V3.js";
import "./chunk-Y5QPY75Q.js";
import "./chunk-D7WYNNTF.js";
import "./chunk-ZURM5IIY.js";
import "./chunk-FBLJ2B7Y.js";
import "./chunk-VASYQY3D.js";
import "./chunk-7VUA2BAW.js";
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
import "./chunk-NP3NC7G4.js";
import "./chunk-JXPNSGRB.js";
import "./chunk-V4IBJAMG.js";
import "./chunk-ROYMXGRN.js";
import "./chunk-5US5NQLX.js";
import "./chunk-CEPJPHC5.js";
import "./chunk-WP7KJD34.js";
import "./chunk-R4CRXXNC.js";
import "./chunk-UO5NOVC6.js";
import "./chunk-QRTANFC2.js";
import "./chunk-4RIK3LXO.js";
import "./chunk-GJTNEUV4.js";
import "./chunk-HFKEWQQZ.js";
import "./chunk-SU4BFKON.js";
import "./chunk-USSVTGDK.js";
import "./chunk-333R3S4T.js";
export {
  runRelease,
  runReleaseStage
};
