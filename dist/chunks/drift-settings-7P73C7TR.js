import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  DRIFT_FAIL_ON,
  DRIFT_MODES,
  checkCurrentSources,
  resolveDriftSettings
} from "./chunk-XQ6IXJS2.js";
import "./chunk-PQ5WO6EB.js";
import "./chunk-H2XPSNXE.js";
import "./chunk-4Y7F6CJ4.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-WBMB25WO.js";
import "./chunk-YZWFQKR3.js";
import "./chunk-RAE37VIM.js";
import "./chunk-QFGABZKJ.js";
import "./chunk-OBDTE6IB.js";
import "./chunk-6QZAZOAY.js";
import "./chunk-JIFEML3N.js";
import "./chunk-R4CRXXNC.js";
import "./chunk-QRTANFC2.js";
import "./chunk-SU4BFKON.js";
import "./chunk-USSVTGDK.js";
import "./chunk-333R3S4T.js";
export {
  DRIFT_FAIL_ON,
  DRIFT_MODES,
  checkCurrentSources,
  resolveDriftSettings
};
