import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  parseUrlHeader,
  runDriftStage
} from "./chunk-5PJGFEWC.js";
import "./chunk-JVLTTUNA.js";
import {
  driftIcon
} from "./chunk-PQ5WO6EB.js";
import "./chunk-QLLFBPI6.js";
import "./chunk-52ICQU2E.js";
import "./chunk-OW6CRB3X.js";
import "./chunk-ZU2VA7ZN.js";
import "./chunk-44TVQWWB.js";
import "./chunk-MAHMYA47.js";
import "./chunk-4DNNVUZJ.js";
import "./chunk-RWFJY6LF.js";
import "./chunk-AZJWTHTA.js";
import "./chunk-YZHA3SL2.js";
import "./chunk-RPASQDKS.js";
import "./chunk-IA7BW6X2.js";
import "./chunk-DMZGZT3Z.js";
import "./chunk-FBLJ2B7Y.js";
import "./chunk-3U2Z2WPK.js";
import "./chunk-GKTFBMQJ.js";
import "./chunk-FQMTDVYW.js";
import "./chunk-4LQGMG53.js";
import "./chunk-VJQYOKFK.js";
import "./chunk-MP7VNW24.js";
import "./chunk-ZTP4RCXE.js";
import "./chunk-TQQPERQT.js";
import "./chunk-4Y7F6CJ4.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-L4AE6QMJ.js";
import "./chunk-TADGZNJ5.js";
import "./chunk-FM65BWKS.js";
import "./chunk-GJTNEUV4.js";
import "./chunk-RAE37VIM.js";
import "./chunk-QFGABZKJ.js";
import "./chunk-6QZAZOAY.js";
import "./chunk-OBDTE6IB.js";
import "./chunk-ZSAWRQLI.js";
import "./chunk-UJ6BZKIU.js";
import "./chunk-LVKDBVX3.js";
import "./chunk-5US5NQLX.js";
import "./chunk-CEPJPHC5.js";
import "./chunk-ZZQWRGDG.js";
import "./chunk-R4CRXXNC.js";
import "./chunk-UO5NOVC6.js";
import "./chunk-QRTANFC2.js";
import "./chunk-SU4BFKON.js";
import "./chunk-USSVTGDK.js";
import "./chunk-333R3S4T.js";
export {
  driftIcon,
  parseUrlHeader,
  runDriftStage
};
