import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  parseUrlHeader,
  runDriftStage
} from "./chunk-T6ZVZDYL.js";
import {
  driftIcon
} from "./chunk-SL5UDCWK.js";
import "./chunk-JEOM62DE.js";
import "./chunk-H2XPSNXE.js";
import "./chunk-44TVQWWB.js";
import "./chunk-KOXHOIEF.js";
import "./chunk-AZJWTHTA.js";
import "./chunk-P27QB665.js";
import "./chunk-ICIXVQFU.js";
import "./chunk-GKTFBMQJ.js";
import "./chunk-Y6XMH3CU.js";
import "./chunk-7YBKUBET.js";
import "./chunk-4Y7F6CJ4.js";
import "./chunk-FBLJ2B7Y.js";
import "./chunk-7Q4573F6.js";
import "./chunk-4LQGMG53.js";
import "./chunk-4V73OXIX.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-L4AE6QMJ.js";
import "./chunk-WBMB25WO.js";
import "./chunk-YZWFQKR3.js";
import "./chunk-GJTNEUV4.js";
import "./chunk-RAE37VIM.js";
import "./chunk-QFGABZKJ.js";
import "./chunk-OBDTE6IB.js";
import "./chunk-ZSAWRQLI.js";
import "./chunk-6QZAZOAY.js";
import "./chunk-CQE7KWKT.js";
import "./chunk-CEPJPHC5.js";
import "./chunk-JIFEML3N.js";
import "./chunk-R4CRXXNC.js";
import "./chunk-UO5NOVC6.js";
import "./chunk-QRTANFC2.js";
import "./chunk-SU4BFKON.js";
import "./chunk-USSVTGDK.js";
import "./chunk-333R3S4T.js";
export {
  driftIcon,
  parseUrlHeader,
  runDriftStage
};
