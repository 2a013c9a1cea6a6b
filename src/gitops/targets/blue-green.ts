/**
 * Which targets can run modelship's blue-green (a preview with no live traffic, the health checks,
 * then one cut-over pull request after which the old version is scaled down), and what the cut-over
 * does to the old version in each. docs/blue-green.md.
 *
 * - argo-rollouts: a Rollout with `spec.strategy.blueGreen` (not `canary`), without
 *   `autoPromotionSeconds`.
 * - flagger: a Canary in blue/green mode (`analysis.iterations`), without `analysis.match`.
 * - yaml-path: only with a `weight_path`, which holds 0 during the preview and is deleted by the
 *   cut-over; the chart or patch must turn that into a preview and a switch.
 * - kserve-standard, kserve-knative, seldon-v2: refused. KServe's raw-deployment canary is a second
 *   predictor with a traffic share, and its serverless `canaryTrafficPercent: 0` keeps the new
 *   revision out of traffic but reachable only with tag routing, with the old revision's scale-down
 *   left to Knative's autoscaler; Seldon's Experiment splits traffic by weight. None has a preview
 *   that one pull request switches to, so they run as canaries (steps may start at 0).
 *
 * The target kinds are checked when modelship.yaml resolves (nothing cloned yet); the manifests
 * when the GitOps repository's state is read, before anything is pushed.
 */
import { UserError } from "../../common/errors.ts";
import { argoScaleDownNote, checkBlueGreenRollout } from "./argo-rollouts.ts";
import { checkBlueGreenCanary, flaggerScaleDownNote } from "./flagger.ts";
import type { TargetSpec } from "./target-types.ts";
import { parseManifest } from "./yaml-edit.ts";

/** The fix offered wherever a target cannot run blue-green. */
export const BLUE_GREEN_FIX =
  "use strategy: canary (steps such as [0, 10, 50] start without live traffic), or serve the model with an Argo Rollout whose spec.strategy is blueGreen (target kind argo-rollouts) or a Flagger Canary with analysis.iterations (target kind flagger)";

/** Why a target of this kind cannot run blue-green whatever its manifest says; undefined when it may. */
export function blueGreenKindProblem(target: TargetSpec): string | undefined {
  switch (target.kind) {
    case "argo-rollouts":
    case "flagger":
      return undefined;
    case "yaml-path":
      return target.weightPath === undefined
        ? "it has no weight_path, so nothing in the file can hold the preview (weight 0) apart from the cut-over"
        : undefined;
    case "kserve-standard":
      return "KServe's Standard-mode canary is a second predictor with a share of live traffic (spec.canary[].trafficPercent), not a preview that one pull request switches to";
    case "kserve-knative":
      return "KServe's canaryTrafficPercent: 0 keeps the new revision out of traffic but reachable only through tag routing, and the old revision's scale-down is Knative's autoscaler's, not a cut-over";
    case "seldon-v2":
      return "Seldon Core v2 splits traffic by weight between Experiment candidates; it has no preview to cut over from";
    default:
      return undefined;
  }
}

/**
 * Refuses, before anything is cloned, a blue-green environment with a target that cannot express
 * it: the UserError names the target's kind and file, modelship.yaml's strategy pointer and the fix.
 */
export function checkBlueGreenTargets(environment: string, targets: readonly TargetSpec[], where: { file?: string } = {}): void {
  for (const [index, target] of targets.entries()) {
    const problem = blueGreenKindProblem(target);
    if (problem === undefined) continue;
    throw new UserError(
      `environment ${environment} is blue-green (promote.environments.${environment}.strategy, or --strategy), but target ${index + 1} (kind ${target.kind}, file ${target.file}) cannot run a blue-green: ${problem}`,
      {
        ...(where.file === undefined ? {} : { file: where.file }),
        pointer: `/promote/environments/${environment}/strategy`,
        hint: BLUE_GREEN_FIX,
      },
    );
  }
}

/**
 * Refuses a manifest that cannot run blue-green (a canary-strategy Rollout, a traffic-shifting or
 * A/B Flagger Canary): the UserError points at the field in the GitOps file and names modelship.yaml's key.
 */
export function checkBlueGreenManifest(text: string, target: TargetSpec, environment: string): void {
  const setting = `promote.environments.${environment}.strategy (modelship.yaml /promote/environments/${environment}/strategy)`;
  const manifest = parseManifest(text, target.file);
  if (target.kind === "argo-rollouts") checkBlueGreenRollout(manifest, target, setting);
  else if (target.kind === "flagger") checkBlueGreenCanary(manifest, target, setting);
}

/** What the cut-over does to the old version in this file, for the PR body; undefined where the target does not say. */
export function cutOverNote(text: string, target: TargetSpec): string | undefined {
  if (target.kind === "argo-rollouts") return argoScaleDownNote(parseManifest(text, target.file), target);
  if (target.kind === "flagger") return flaggerScaleDownNote(parseManifest(text, target.file), target);
  if (target.kind === "yaml-path")
    return `the weight at ${target.weightPath ?? "weight_path"} is deleted, so the chart or patch must send all traffic to the new model and remove the old one`;
  return undefined;
}
