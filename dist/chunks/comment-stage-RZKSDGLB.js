import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  publishComment,
  runCommentStage
} from "./chunk-2QXMGKJV.js";
import "./chunk-RAE37VIM.js";
import "./chunk-QFGABZKJ.js";
import "./chunk-6QZAZOAY.js";
import "./chunk-SU4BFKON.js";
import "./chunk-333R3S4T.js";
export {
  publishComment,
  runCommentStage
};
