import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  GITHUB_BODY_LIMIT,
  code,
  details,
  escapeMarkdown,
  fitCommentBody,
  formatInterval,
  formatNumber,
  formatPercent,
  formatSigned,
  formatSignificant,
  sections,
  statusIcon,
  table,
  xyChart
} from "./chunk-HFKEWQQZ.js";
import "./chunk-333R3S4T.js";
export {
  GITHUB_BODY_LIMIT,
  code,
  details,
  escapeMarkdown,
  fitCommentBody,
  formatInterval,
  formatNumber,
  formatPercent,
  formatSigned,
  formatSignificant,
  sections,
  statusIcon,
  table,
  xyChart
};
