import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  DRIFT_FAIL_ON,
  DRIFT_MODES,
  checkCurrentSources,
  resolveDriftSettings
} from "./chunk-JVLTTUNA.js";
import "./chunk-PQ5WO6EB.js";
import "./chunk-OW6CRB3X.js";
import "./chunk-ZU2VA7ZN.js";
import "./chunk-RWFJY6LF.js";
import "./chunk-YZHA3SL2.js";
import "./chunk-4Y7F6CJ4.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-TADGZNJ5.js";
import "./chunk-FM65BWKS.js";
import "./chunk-RAE37VIM.js";
import "./chunk-QFGABZKJ.js";
import "./chunk-6QZAZOAY.js";
import "./chunk-OBDTE6IB.js";
import "./chunk-5US5NQLX.js";
import "./chunk-ZZQWRGDG.js";
import "./chunk-R4CRXXNC.js";
import "./chunk-UO5NOVC6.js";
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
