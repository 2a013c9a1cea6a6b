/**
 * Flagger's A/B mode, as strategy ab writes it into a Canary: `spec.analysis.iterations` and
 * `spec.analysis.match`, and no traffic weights. Flagger then routes only the matching requests to
 * the candidate for `iterations` analysis intervals (https://docs.flagger.app/usage/ab-testing:
 * "Besides weighted routing, Flagger can be configured to route traffic to the canary based on HTTP
 * match conditions"), so stepWeight, stepWeights and maxWeight are removed: with them the Canary
 * would shift weights instead (docs.flagger.app/usage/deployment-strategies#a-b-testing).
 *
 * A header matches exactly (`headers: {x-variant: {exact: b}}`); a cookie matches with the regex
 * Flagger's docs give for cookies (`headers: {cookie: {regex: "^(.*?;)?(variant=b)(;.*)?$"}}`), with
 * `\s*` after the semicolon (browsers send `a=1; variant=b`), and the name and value escaped so that
 * a dot in them is not a wildcard.
 */
import { escapeRegExp } from "../../common/regexp.ts";
import type { AbRouting } from "./target-types.ts";
import { pathError, readInteger, removeValue, writeValue, type Resource, type YamlPath } from "./yaml-edit.ts";

const ANALYSIS: YamlPath = ["spec", "analysis"];
const ITERATIONS: YamlPath = [...ANALYSIS, "iterations"];
const MATCH: YamlPath = [...ANALYSIS, "match"];
/** Flagger's own example runs ten intervals. */
const DEFAULT_ITERATIONS = 10;

/** The match list for the Canary: one header condition. */
export function flaggerMatch(match: NonNullable<AbRouting["match"]>): { headers: Record<string, { exact: string } | { regex: string }> }[] {
  if ("header" in match) return [{ headers: { [match.header]: { exact: match.value } } }];
  // Flagger's documented regex is ^(.*?;)?(NAME=VALUE)(;.*)?$; browsers separate cookies with "; ", so
  // the space after the semicolon is allowed here, or a cookie that is not the first would never match.
  return [{ headers: { cookie: { regex: `^(.*?;\\s*)?(${escapeRegExp(match.cookie)}=${escapeRegExp(match.value)})(;.*)?$` } } }];
}

/** Turns the Canary's analysis into an A/B test: iterations and the match, no weights. */
export function writeAbAnalysis(canary: Resource, routing: AbRouting): void {
  if (routing.match === undefined)
    throw pathError(
      canary,
      ANALYSIS,
      "an A/B test on Flagger needs a header or cookie match, and the environment's ab settings give none",
      "set ab.match in the environment in modelship.yaml, e.g. {header: x-variant, value: b} or {cookie: variant, value: b}",
    );
  writeValue(canary, ITERATIONS, routing.iterations ?? readInteger(canary, ITERATIONS) ?? DEFAULT_ITERATIONS);
  canary.document.setIn(MATCH, canary.document.createNode(flaggerMatch(routing.match)));
  for (const key of ["maxWeight", "stepWeight", "stepWeights"]) removeValue(canary, [...ANALYSIS, key]);
}
