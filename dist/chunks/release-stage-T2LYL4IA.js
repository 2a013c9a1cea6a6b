import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  runRelease,
  runReleaseStage
} from "./chunk-KUMBFMDV.js";
import "./chunk-GR7245NG.js";
import "./chunk-RK4SPMMS.js";
import "./chunk-H2XPSNXE.js";
import "./chunk-TYVJT2QX.js";
import "./chunk-44TVQWWB.js";
import "./chunk-PXHC7R3J.js";
import "./chunk-ZWA36I4M.js";
import "./chunk-EASYVJXM.js";
import "./chunk-MAHMYA47.js";
import "./chunk-GMNWVKVQ.js";
import "./chunk-AZJWTHTA.js";
import "./chunk-HQLH6T7W.js";
import "./chunk-ICIXVQFU.js";
import "./chunk-GKTFBMQJ.js";
import "./chunk-BAJW5VEW.js";
import "./chunk-6SZDPJAW.js";
import "./chunk-TQQPERQT.js";
import "./chunk-4Y7F6CJ4.js";
import "./chunk-FBLJ2B7Y.js";
import "./chunk-4LQGMG53.js";
import "./chunk-4V73OXIX.js";
import "./chunk-7Q4573F6.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-L4AE6QMJ.js";
import "./chunk-WBMB25WO.js";
import "./chunk-YZWFQKR3.js";
import "./chunk-GJTNEUV4.js";
import "./chunk-QFGABZKJ.js";
import "./chunk-ZSAWRQLI.js";
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
  runRelease,
  runReleaseStage
};
