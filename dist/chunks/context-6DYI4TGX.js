import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  readGitHubContext
} from "./chunk-FLFJYAH6.js";
import "./chunk-GJTNEUV4.js";
import "./chunk-SU4BFKON.js";
import "./chunk-333R3S4T.js";
export {
  readGitHubContext
};
