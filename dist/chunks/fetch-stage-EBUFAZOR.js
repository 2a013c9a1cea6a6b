import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  runFetchStage
} from "./chunk-ZHMLVF6U.js";
import "./chunk-OB66M5SJ.js";
import "./chunk-FGAOEPT5.js";
import "./chunk-AZJWTHTA.js";
import "./chunk-WMANSC4W.js";
import "./chunk-YNXDJ5Z6.js";
import "./chunk-GBAVK5Q7.js";
import "./chunk-H7ABQTTS.js";
import "./chunk-V7YB4A7J.js";
import "./chunk-OXQJNLJL.js";
import "./chunk-764VFCH4.js";
import "./chunk-TQQPERQT.js";
import "./chunk-HWW2H3QW.js";
import "./chunk-4LQGMG53.js";
import "./chunk-RCYMTRN5.js";
import "./chunk-RNR6NDII.js";
import "./chunk-4S56GKNV.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-YVAZ7I5R.js";
import "./chunk-RGJ5T3QL.js";
import "./chunk-LTT6RTNS.js";
import "./chunk-7W4PFK2E.js";
import "./chunk-R4CRXXNC.js";
import "./chunk-QRTANFC2.js";
import "./chunk-GJTNEUV4.js";
import "./chunk-SU4BFKON.js";
import "./chunk-USSVTGDK.js";
import "./chunk-333R3S4T.js";
export {
  runFetchStage
};
