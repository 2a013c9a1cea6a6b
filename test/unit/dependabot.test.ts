/**
 * .github/dependabot.yml watches every place a third-party action is pinned: "/" (our workflows,
 * generated copies included, and the root action.yml), each composite action under actions/ that
 * uses one, and each example repository that pins a ref (today modelship's own `@v1`, which
 * Dependabot moves to the next major release); and npm for the root package. Derived from the files here,
 * so a new composite action with a `uses:` fails this until Dependabot is told about it.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { parse } from "yaml";
import { findUses } from "../../scripts/lib/self-refs.ts";

const ROOT = join(import.meta.dirname, "../..");

interface Update {
  "package-ecosystem": string;
  directory?: string;
  directories?: string[];
}

/** A `uses:` of another repository's action or workflow at a ref (the examples' are modelship's own `@v1`). */
const pinned = (text: string) => findUses(text).some((uses) => !uses.comment && !uses.value.startsWith("./") && uses.value.includes("@"));
const thirdParty = (text: string) =>
  findUses(text).some((uses) => !uses.comment && !uses.value.startsWith("./") && !uses.value.startsWith("modelship/modelship"));

test("dependabot.yml covers / and every composite action and example that pins a third-party action, and npm", () => {
  const config = parse(readFileSync(join(ROOT, ".github/dependabot.yml"), "utf8")) as { version: number; updates: Update[] };
  assert.equal(config.version, 2);
  const directories = (ecosystem: string) =>
    config.updates
      .filter((update) => update["package-ecosystem"] === ecosystem)
      .flatMap((update) => update.directories ?? (update.directory === undefined ? [] : [update.directory]))
      .sort();
  const actions = readdirSync(join(ROOT, "actions"))
    .filter((name) => existsSync(join(ROOT, "actions", name, "action.yml")))
    .filter((name) => thirdParty(readFileSync(join(ROOT, "actions", name, "action.yml"), "utf8")))
    .map((name) => `/actions/${name}`);
  const examples = readdirSync(join(ROOT, "examples"))
    .filter((name) => existsSync(join(ROOT, "examples", name, ".github/workflows")))
    .filter((name) =>
      readdirSync(join(ROOT, "examples", name, ".github/workflows")).some((file) =>
        pinned(readFileSync(join(ROOT, "examples", name, ".github/workflows", file), "utf8")),
      ),
    )
    .map((name) => `/examples/${name}`);
  assert.ok(actions.includes("/actions/evaluate") && actions.includes("/actions/train"), JSON.stringify(actions));
  assert.ok(examples.includes("/examples/model-repo") && examples.includes("/examples/gitops-repo"), JSON.stringify(examples));
  assert.deepEqual(directories("github-actions"), ["/", ...actions, ...examples].sort());
  assert.deepEqual(directories("npm"), ["/"]);
});
