import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  runFetchStage
} from "./chunk-5DX6NGFT.js";
import "./chunk-7XYLLNFO.js";
import "./chunk-ZTPBHFMX.js";
import "./chunk-D7WYNNTF.js";
import "./chunk-ZURM5IIY.js";
import "./chunk-V7YB4A7J.js";
import "./chunk-AAENIJRE.js";
import "./chunk-AZJWTHTA.js";
import "./chunk-TYVJT2QX.js";
import "./chunk-2PWE3OOV.js";
import "./chunk-N6UE4ND4.js";
import "./chunk-TQQPERQT.js";
import "./chunk-I5YPND7L.js";
import "./chunk-4LQGMG53.js";
import "./chunk-CZC52W4L.js";
import "./chunk-6NL7PSFB.js";
import "./chunk-4S56GKNV.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-OOYPCP7P.js";
import "./chunk-RGJ5T3QL.js";
import "./chunk-LTT6RTNS.js";
import "./chunk-7W4PFK2E.js";
import "./chunk-R4CRXXNC.js";
import "./chunk-QRTANFC2.js";
import "./chunk-GJTNEUV4.js";
import "./chunk-SU4BFKON.js";
import "./chunk-USSVTGDK.js";
import "./chunk-333R3S4T.js";
export {
  runFetchStage
};
