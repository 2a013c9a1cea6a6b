import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  runFetchStage
} from "./chunk-RUTTS4XU.js";
import "./chunk-7AZDJTUO.js";
import "./chunk-KVA3DNHE.js";
import "./chunk-AZJWTHTA.js";
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
import "./chunk-R4CRXXNC.js";
import "./chunk-QRTANFC2.js";
import "./chunk-GJTNEUV4.js";
import "./chunk-LTT6RTNS.js";
import "./chunk-7W4PFK2E.js";
import "./chunk-SU4BFKON.js";
import "./chunk-USSVTGDK.js";
import "./chunk-333R3S4T.js";
export {
  runFetchStage
};
