import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  EnvironmentNotGivenError,
  gitAuthHeaderValue,
  renderHealthTable,
  runCanaryStage,
  runPromoteStage,
  runRetireEnvironmentStage
} from "./chunk-JKLMKRGX.js";
import "./chunk-TJ6S2YOP.js";
import "./chunk-VD2KPRVB.js";
import "./chunk-A6AAOSQC.js";
import "./chunk-IQCUDQZY.js";
import "./chunk-FBLJ2B7Y.js";
import "./chunk-2L7CDRKR.js";
import "./chunk-GKTFBMQJ.js";
import "./chunk-L4AE6QMJ.js";
import "./chunk-C77OK26W.js";
import "./chunk-TCQG6L4P.js";
import "./chunk-O6ESNWIS.js";
import "./chunk-FK2G5YTO.js";
import "./chunk-FH7ZXG6G.js";
import "./chunk-TQQPERQT.js";
import "./chunk-4LQGMG53.js";
import "./chunk-3S6RA3JE.js";
import "./chunk-YS3KUYOA.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-DDJV3XQJ.js";
import "./chunk-RGJ5T3QL.js";
import "./chunk-NP3NC7G4.js";
import "./chunk-OBDTE6IB.js";
import "./chunk-R4CRXXNC.js";
import "./chunk-QRTANFC2.js";
import "./chunk-GJTNEUV4.js";
import "./chunk-PSZAEBXK.js";
import "./chunk-LTT6RTNS.js";
import "./chunk-7W4PFK2E.js";
import "./chunk-TILLCQDZ.js";
import "./chunk-SU4BFKON.js";
import "./chunk-USSVTGDK.js";
import "./chunk-333R3S4T.js";
export {
  EnvironmentNotGivenError,
  gitAuthHeaderValue,
  renderHealthTable,
  runCanaryStage,
  runPromoteStage,
  runRetireEnvironmentStage
};
