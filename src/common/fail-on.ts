/**
 * One rule for every stage's `fail-on`: a step fails when its outcome is at least as bad as the
 * `fail-on` level, on that stage's own scale, ordered from worst to best. The words stay each
 * stage's (validate: error, warning; gates: fail, warn; drift: drift, warn) because they are the
 * words its report shows; `never` never fails, and the best outcome ("ok") never fails either.
 */

/** A fail-on setting on a stage's scale of levels. */
export type FailOn<Level extends string> = Level | "never";

/** Whether `outcome` fails the step under `failOn`; `scale` lists the levels from worst to best. */
export function failsOn<Level extends string>(scale: readonly Level[], failOn: FailOn<Level>, outcome: Level | "ok"): boolean {
  if (failOn === "never" || outcome === "ok") return false;
  return scale.indexOf(outcome) <= scale.indexOf(failOn);
}
