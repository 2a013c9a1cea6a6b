import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  publishComment,
  runCommentStage
} from "./chunk-YIWHVYTV.js";
import "./chunk-JUOJYRD4.js";
import "./chunk-LTT6RTNS.js";
import "./chunk-7W4PFK2E.js";
import "./chunk-HFKEWQQZ.js";
import "./chunk-SU4BFKON.js";
import "./chunk-333R3S4T.js";
export {
  publishComment,
  runCommentStage
};
