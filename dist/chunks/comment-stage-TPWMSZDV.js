import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  publishComment,
  runCommentStage
} from "./chunk-A7KNPWPG.js";
import "./chunk-PSZAEBXK.js";
import "./chunk-LTT6RTNS.js";
import "./chunk-7W4PFK2E.js";
import "./chunk-TILLCQDZ.js";
import "./chunk-SU4BFKON.js";
import "./chunk-333R3S4T.js";
export {
  publishComment,
  runCommentStage
};
