/**
 * The data reports' terminal renderers, for the faces: cli/ and actions/ may import stages/ but not
 * data/ (docs/architecture.md), so they take these from here. The renderers live beside their reports.
 */
export { renderContractDiffText } from "../data/contract/contract-diff-text.ts";
export { renderProfileText } from "../data/profile/profile-text.ts";
export { renderValidationText } from "../data/validate/validation-text.ts";
