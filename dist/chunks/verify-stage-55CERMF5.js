import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  runVerifyStage
} from "./chunk-7XSBLPRQ.js";
import {
  failures
} from "./chunk-BJ4SDAVZ.js";
import "./chunk-OP7E5KBP.js";
import "./chunk-XU4R3XEP.js";
import "./chunk-LNIZ6YJC.js";
import "./chunk-C2VJTA36.js";
import "./chunk-FBLJ2B7Y.js";
import "./chunk-3U2Z2WPK.js";
import "./chunk-GKTFBMQJ.js";
import "./chunk-L4AE6QMJ.js";
import "./chunk-NAUMC24N.js";
import "./chunk-R2TRXTBZ.js";
import "./chunk-4LQGMG53.js";
import "./chunk-TQQPERQT.js";
import "./chunk-VJQYOKFK.js";
import "./chunk-BPXX6S7T.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-R4CRXXNC.js";
import "./chunk-TADGZNJ5.js";
import "./chunk-FM65BWKS.js";
import "./chunk-GJTNEUV4.js";
import "./chunk-LTT6RTNS.js";
import "./chunk-7W4PFK2E.js";
import "./chunk-6QZAZOAY.js";
import "./chunk-ZSAWRQLI.js";
import "./chunk-OBDTE6IB.js";
import "./chunk-QRTANFC2.js";
import "./chunk-SU4BFKON.js";
import "./chunk-USSVTGDK.js";
import "./chunk-333R3S4T.js";
export {
  failures,
  runVerifyStage
};
