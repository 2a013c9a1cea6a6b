import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  DRIFT_FAIL_ON,
  DRIFT_MODES,
  checkCurrentSources,
  resolveDriftSettings
} from "./chunk-U6UGN4PH.js";
import "./chunk-PQ5WO6EB.js";
import "./chunk-EUBFWJFC.js";
import "./chunk-J7TIX2PO.js";
import "./chunk-PM2DXBJ3.js";
import "./chunk-BPXX6S7T.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-QQWHAOE2.js";
import "./chunk-5US5NQLX.js";
import "./chunk-HROTNYCJ.js";
import "./chunk-R4CRXXNC.js";
import "./chunk-TADGZNJ5.js";
import "./chunk-FM65BWKS.js";
import "./chunk-PNWPUKQZ.js";
import "./chunk-LTT6RTNS.js";
import "./chunk-7W4PFK2E.js";
import "./chunk-6QZAZOAY.js";
import "./chunk-OBDTE6IB.js";
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
