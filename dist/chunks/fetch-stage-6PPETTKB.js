import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  runFetchStage
} from "./chunk-DLW4OCK3.js";
import "./chunk-PXHC7R3J.js";
import "./chunk-AZJWTHTA.js";
import "./chunk-PU5AF3NQ.js";
import "./chunk-BAJW5VEW.js";
import "./chunk-6SZDPJAW.js";
import "./chunk-TQQPERQT.js";
import "./chunk-4Y7F6CJ4.js";
import "./chunk-4LQGMG53.js";
import "./chunk-4V73OXIX.js";
import "./chunk-7Q4573F6.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-WBMB25WO.js";
import "./chunk-YZWFQKR3.js";
import "./chunk-GJTNEUV4.js";
import "./chunk-QFGABZKJ.js";
import "./chunk-R4CRXXNC.js";
import "./chunk-QRTANFC2.js";
import "./chunk-SU4BFKON.js";
import "./chunk-USSVTGDK.js";
import "./chunk-333R3S4T.js";
export {
  runFetchStage
};
