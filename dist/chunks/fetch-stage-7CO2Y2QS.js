import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  runFetchStage
} from "./chunk-WZJW5DGV.js";
import "./chunk-7XYLLNFO.js";
import "./chunk-ZTPBHFMX.js";
import "./chunk-PLZAENO3.js";
import "./chunk-ZURM5IIY.js";
import "./chunk-V7YB4A7J.js";
import "./chunk-YG3H2K3S.js";
import "./chunk-AZJWTHTA.js";
import "./chunk-TYVJT2QX.js";
import "./chunk-2PWE3OOV.js";
import "./chunk-ESMRV77L.js";
import "./chunk-TQQPERQT.js";
import "./chunk-Z2BFNPVJ.js";
import "./chunk-4LQGMG53.js";
import "./chunk-XGD2V5CX.js";
import "./chunk-UIJ2Q3V7.js";
import "./chunk-4S56GKNV.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-JQES46AL.js";
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
