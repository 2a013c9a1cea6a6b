import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  runFetchStage
} from "./chunk-DL4TTYMO.js";
import "./chunk-KJFOXIEN.js";
import "./chunk-B73FKF6B.js";
import "./chunk-6O67RCUK.js";
import "./chunk-XJCHVVFT.js";
import "./chunk-V7YB4A7J.js";
import "./chunk-EMURKFUN.js";
import "./chunk-AZJWTHTA.js";
import "./chunk-TYVJT2QX.js";
import "./chunk-2YPCBZAD.js";
import "./chunk-33UZ5W44.js";
import "./chunk-OYVKLLSL.js";
import "./chunk-JK3HMNVC.js";
import "./chunk-TQQPERQT.js";
import "./chunk-4LQGMG53.js";
import "./chunk-KEGNWSO6.js";
import "./chunk-GED6FQKO.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-KCXJURDR.js";
import "./chunk-HYZWQTPO.js";
import "./chunk-R4CRXXNC.js";
import "./chunk-QRTANFC2.js";
import "./chunk-GJTNEUV4.js";
import "./chunk-MOYN7ERY.js";
import "./chunk-7W4PFK2E.js";
import "./chunk-SU4BFKON.js";
import "./chunk-USSVTGDK.js";
import "./chunk-333R3S4T.js";
export {
  runFetchStage
};
