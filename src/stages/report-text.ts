/**
 * The text renderers of the gate, drift and GitOps results, for the faces: the CLI may import
 * stages/ but not the domain folders (docs/architecture.md, Layers), so they are re-exported here.
 */
export { renderGateText } from "../gates/gate-text.ts";
export { renderDriftText } from "../drift/drift-text.ts";
export { renderCanaryText, renderPromotionText, renderVerifyText } from "../gitops/gitops-text.ts";
