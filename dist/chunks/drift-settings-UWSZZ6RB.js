import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  DRIFT_FAIL_ON,
  DRIFT_MODES,
  checkCurrentSources,
  resolveDriftSettings
} from "./chunk-QDI47AFZ.js";
import "./chunk-ANBRMARH.js";
import "./chunk-3M3QZONP.js";
import "./chunk-DDKABFC4.js";
import "./chunk-YWZEETUK.js";
import "./chunk-GED6FQKO.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-KCXJURDR.js";
import "./chunk-HYZWQTPO.js";
import "./chunk-OBDTE6IB.js";
import "./chunk-DGHMJPZO.js";
import "./chunk-5US5NQLX.js";
import "./chunk-GFHMG7IO.js";
import "./chunk-R4CRXXNC.js";
import "./chunk-UO5NOVC6.js";
import "./chunk-QRTANFC2.js";
import "./chunk-PTI6XKG7.js";
import "./chunk-MOYN7ERY.js";
import "./chunk-7W4PFK2E.js";
import "./chunk-HFKEWQQZ.js";
import "./chunk-SU4BFKON.js";
import "./chunk-USSVTGDK.js";
import "./chunk-333R3S4T.js";
export {
  DRIFT_FAIL_ON,
  DRIFT_MODES,
  checkCurrentSources,
  resolveDriftSettings
};
