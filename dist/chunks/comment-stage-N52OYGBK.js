import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  publishComment,
  runCommentStage
} from "./chunk-ROB5LSTY.js";
import "./chunk-PTI6XKG7.js";
import "./chunk-MOYN7ERY.js";
import "./chunk-7W4PFK2E.js";
import "./chunk-HFKEWQQZ.js";
import "./chunk-SU4BFKON.js";
import "./chunk-333R3S4T.js";
export {
  publishComment,
  runCommentStage
};
