import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  runTrainStage,
  trainFromSettings
} from "./chunk-CX6OWA2X.js";
import "./chunk-H6DAK75W.js";
import "./chunk-WW4KD5R5.js";
import "./chunk-ZMMWZKTW.js";
import "./chunk-7MP7WTZ3.js";
import "./chunk-E5B55GBZ.js";
import "./chunk-AZJWTHTA.js";
import "./chunk-MAHMYA47.js";
import "./chunk-WC5L3K5J.js";
import "./chunk-FBLJ2B7Y.js";
import "./chunk-4LQGMG53.js";
import "./chunk-RCYMTRN5.js";
import "./chunk-RNR6NDII.js";
import "./chunk-L4AE6QMJ.js";
import "./chunk-GKGV24WD.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-YVAZ7I5R.js";
import "./chunk-RGJ5T3QL.js";
import "./chunk-DBOFCCL4.js";
import "./chunk-HFKEWQQZ.js";
import "./chunk-CEPJPHC5.js";
import "./chunk-WP7KJD34.js";
import "./chunk-R4CRXXNC.js";
import "./chunk-UO5NOVC6.js";
import "./chunk-QRTANFC2.js";
import "./chunk-4XVZLVA3.js";
import "./chunk-4RIK3LXO.js";
import "./chunk-Q5UNJRR7.js";
import "./chunk-FLFJYAH6.js";
import "./chunk-GJTNEUV4.js";
import "./chunk-SU4BFKON.js";
import "./chunk-U5WQZHIB.js";
import "./chunk-USSVTGDK.js";
import "./chunk-333R3S4T.js";
export {
  runTrainStage,
  trainFromSettings
};
