import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  UserError,
  errnoCode,
  formatUserError,
  getErrorMessage,
  isUserError,
  jsonErrorPosition,
  withSetting
} from "./chunk-SU4BFKON.js";
import "./chunk-333R3S4T.js";
export {
  UserError,
  errnoCode,
  formatUserError,
  getErrorMessage,
  isUserError,
  jsonErrorPosition,
  withSetting
};
