import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  runFetchStage
} from "./chunk-YZYGJPT3.js";
import "./chunk-NAUMC24N.js";
import "./chunk-U2FAYR2Z.js";
import "./chunk-AZJWTHTA.js";
import "./chunk-R2TRXTBZ.js";
import "./chunk-4LQGMG53.js";
import "./chunk-MOK7PTOG.js";
import "./chunk-TQQPERQT.js";
import "./chunk-VJQYOKFK.js";
import "./chunk-FIX34QND.js";
import "./chunk-ZTP4RCXE.js";
import "./chunk-BPXX6S7T.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-R4CRXXNC.js";
import "./chunk-TADGZNJ5.js";
import "./chunk-FM65BWKS.js";
import "./chunk-GJTNEUV4.js";
import "./chunk-LTT6RTNS.js";
import "./chunk-7W4PFK2E.js";
import "./chunk-QRTANFC2.js";
import "./chunk-SU4BFKON.js";
import "./chunk-USSVTGDK.js";
import "./chunk-333R3S4T.js";
export {
  runFetchStage
};
