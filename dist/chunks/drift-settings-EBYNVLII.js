import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  DRIFT_FAIL_ON,
  DRIFT_MODES,
  checkCurrentSources,
  resolveDriftSettings
} from "./chunk-X5QA5Q6K.js";
import "./chunk-NR5AHLJJ.js";
import "./chunk-7VUA2BAW.js";
import "./chunk-VASYQY3D.js";
import "./chunk-GKGV24WD.js";
import "./chunk-JUOJYRD4.js";
import "./chunk-GKTFBMQJ.js";
import "./chunk-4S56GKNV.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-YVAZ7I5R.js";
import "./chunk-RGJ5T3QL.js";
import "./chunk-LTT6RTNS.js";
import "./chunk-7W4PFK2E.js";
import "./chunk-OBDTE6IB.js";
import "./chunk-JXPNSGRB.js";
import "./chunk-HFKEWQQZ.js";
import "./chunk-5US5NQLX.js";
import "./chunk-WP7KJD34.js";
import "./chunk-R4CRXXNC.js";
import "./chunk-UO5NOVC6.js";
import "./chunk-QRTANFC2.js";
import "./chunk-4RIK3LXO.js";
import "./chunk-SU4BFKON.js";
import "./chunk-USSVTGDK.js";
import "./chunk-333R3S4T.js";
export {
  DRIFT_FAIL_ON,
  DRIFT_MODES,
  checkCurrentSources,
  resolveDriftSettings
};
