import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  DEFAULT_SITE_OUT,
  readDriftInputs,
  redactFairness,
  replaceGroupNames,
  runSiteStage,
  sitePathForDisplay
} from "./chunk-4PED7DCR.js";
import "./chunk-YP6RMAU7.js";
import "./chunk-MAL7UI2B.js";
import "./chunk-FIWV6CKJ.js";
import "./chunk-ODVF5DUV.js";
import "./chunk-Q3XB5YO5.js";
import "./chunk-CQXPMKGI.js";
import "./chunk-UNJH2ATO.js";
import "./chunk-FBLJ2B7Y.js";
import "./chunk-V6LGVNBY.js";
import "./chunk-EUBFWJFC.js";
import "./chunk-BHTRKUOV.js";
import "./chunk-MAHMYA47.js";
import "./chunk-WBI3HOP5.js";
import "./chunk-DPH7L46L.js";
import "./chunk-GKTFBMQJ.js";
import "./chunk-L4AE6QMJ.js";
import "./chunk-J7TIX2PO.js";
import "./chunk-7AZDJTUO.js";
import "./chunk-KVA3DNHE.js";
import "./chunk-TCQG6L4P.js";
import "./chunk-O6ESNWIS.js";
import "./chunk-FK2G5YTO.js";
import "./chunk-TFJS4UUF.js";
import "./chunk-TQQPERQT.js";
import "./chunk-4LQGMG53.js";
import "./chunk-3S6RA3JE.js";
import "./chunk-6RGP32FY.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-DDJV3XQJ.js";
import "./chunk-RGJ5T3QL.js";
import "./chunk-NP3NC7G4.js";
import "./chunk-OBDTE6IB.js";
import "./chunk-QQWHAOE2.js";
import "./chunk-EWRH473V.js";
import "./chunk-FAUHFTOF.js";
import "./chunk-5US5NQLX.js";
import "./chunk-CEPJPHC5.js";
import "./chunk-HROTNYCJ.js";
import "./chunk-R4CRXXNC.js";
import "./chunk-UO5NOVC6.js";
import "./chunk-QRTANFC2.js";
import "./chunk-GJTNEUV4.js";
import "./chunk-LTT6RTNS.js";
import "./chunk-7W4PFK2E.js";
import "./chunk-HFKEWQQZ.js";
import "./chunk-SU4BFKON.js";
import "./chunk-USSVTGDK.js";
import "./chunk-333R3S4T.js";
export {
  DEFAULT_SITE_OUT,
  readDriftInputs,
  redactFairness,
  replaceGroupNames,
  runSiteStage,
  sitePathForDisplay
};
