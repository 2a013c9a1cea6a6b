import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  passesPolicy,
  runDataValidation,
  runValidateStage
} from "./chunk-BUVAY3N5.js";
import "./chunk-DUVNE2TN.js";
import "./chunk-AZJWTHTA.js";
import "./chunk-MAHMYA47.js";
import "./chunk-WC5L3K5J.js";
import "./chunk-FBLJ2B7Y.js";
import "./chunk-RCYMTRN5.js";
import "./chunk-L4AE6QMJ.js";
import "./chunk-7VUA2BAW.js";
import "./chunk-GKGV24WD.js";
import "./chunk-GKTFBMQJ.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-YVAZ7I5R.js";
import "./chunk-RGJ5T3QL.js";
import "./chunk-TRMWJGGS.js";
import "./chunk-FBC54HEI.js";
import "./chunk-JXPNSGRB.js";
import "./chunk-HFKEWQQZ.js";
import "./chunk-QT3TIHE5.js";
import "./chunk-ROYMXGRN.js";
import "./chunk-CEPJPHC5.js";
import "./chunk-5US5NQLX.js";
import "./chunk-WP7KJD34.js";
import "./chunk-R4CRXXNC.js";
import "./chunk-UO5NOVC6.js";
import "./chunk-QRTANFC2.js";
import "./chunk-4RIK3LXO.js";
import "./chunk-SU4BFKON.js";
import "./chunk-USSVTGDK.js";
import "./chunk-333R3S4T.js";
export {
  passesPolicy,
  runDataValidation,
  runValidateStage
};
