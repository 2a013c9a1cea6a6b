import assert from "node:assert/strict";
import { access, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parse } from "yaml";

const root = join(import.meta.dirname, "../../..");
const names = (await readdir(join(root, "actions"), { withFileTypes: true }))
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

interface Manifest {
  name: string;
  description: string;
  inputs?: Record<string, { description?: string; required?: boolean; default?: string }>;
  outputs?: Record<string, { description?: string }>;
  runs: { using: string; main?: string; steps?: CompositeStep[] };
}

/** Input names an entry file reads: getInput("x"), getRequiredInput("x"), getBooleanInput("x", …), getOptionalListInput("x")… */
function inputsReadBy(source: string): Set<string> {
  const names = [
    ...source.matchAll(
      /get(?:Required|Boolean|Choice|Integer|List|Lines|Number|OptionalList|OptionalLines)?Input(?:<[^>]*>)?\(\s*"([a-z0-9-]+)"/g,
    ),
  ].map((match) => match[1]!);
  return new Set(names);
}

/** Output names an entry file sets: setOutput("x"), and comment-url/comment-action through publishStageReport. */
function outputsSetBy(source: string): Set<string> {
  const names = [...source.matchAll(/setOutput\(\s*"([a-z0-9-]+)"/g)].map((match) => match[1]!);
  if (source.includes("publishStageReport(")) names.push("comment-url", "comment-action");
  return new Set(names);
}

/** An action's entry file, with stage-context.ts appended when it reads the promotion actions' shared inputs through it. */
async function sourceOf(name: string): Promise<string> {
  const source = await readFile(join(root, "src/actions", `${name}.ts`), "utf8");
  // Imported statically or, as the entries do to start fast, with import("./stage-context.ts").
  if (!source.includes('"./stage-context.ts"')) return source;
  return source + (await readFile(join(root, "src/actions/stage-context.ts"), "utf8"));
}

interface CompositeStep {
  id?: string;
  run?: string;
  env?: Record<string, string>;
}

describe("action manifests", () => {
  for (const name of names) {
    describe(`actions/${name}`, async () => {
      const manifest = parse(await readFile(join(root, "actions", name, "action.yml"), "utf8")) as Manifest;

      it("has a name, a description, and a description for every input and output", () => {
        assert.ok(manifest.name && manifest.description);
        for (const [input, spec] of Object.entries(manifest.inputs ?? {})) assert.ok(spec.description, `input ${input}`);
        for (const [output, spec] of Object.entries(manifest.outputs ?? {})) assert.ok(spec.description, `output ${output}`);
      });

      if (manifest.runs.using !== "composite") {
        it("runs on node24 from a built bundle in dist/", async () => {
          assert.equal(manifest.runs.using, "node24");
          assert.equal(manifest.runs.main, `../../dist/${name}.js`);
          await access(join(root, "dist", `${name}.js`));
        });

        it("declares exactly the inputs and outputs its entry file uses", async () => {
          const source = await sourceOf(name);
          assert.deepEqual([...inputsReadBy(source)].sort(), Object.keys(manifest.inputs ?? {}).sort(), "inputs");
          assert.deepEqual([...outputsSetBy(source)].sort(), Object.keys(manifest.outputs ?? {}).sort(), "outputs");
        });
      } else {
        it("passes its JavaScript step every input the entry file reads, and maps every output it sets", async () => {
          const step = manifest.runs.steps?.find((candidate) => candidate.run?.includes(`dist/${name}.js`));
          assert.ok(step, `a step runs dist/${name}.js`);
          const source = await sourceOf(name);
          const passed = Object.keys(step.env ?? {})
            .filter((key) => key.startsWith("INPUT_"))
            .map((key) => key.slice("INPUT_".length).toLowerCase());
          assert.deepEqual([...inputsReadBy(source)].sort(), passed.sort(), "inputs passed as INPUT_* variables");
          for (const input of passed)
            assert.equal(
              step.env?.[`INPUT_${input.toUpperCase()}`],
              `\${{ inputs.${input} }}`,
              `INPUT_${input.toUpperCase()} comes from inputs.${input}`,
            );
          for (const output of outputsSetBy(source)) {
            const mapped = (manifest.outputs as Record<string, { value?: string }> | undefined)?.[output]?.value;
            if (mapped !== undefined) assert.equal(mapped, `\${{ steps.${step.id}.outputs.${output} }}`, `output ${output}`);
          }
        });
      }
    });
  }
});

describe("the root action", () => {
  it("is generated from the actions and runs dist/main.js", async () => {
    const text = await readFile(join(root, "action.yml"), "utf8");
    assert.match(text, /^# GENERATED from actions\/\*\/action\.yml/);
    const manifest = parse(text) as Manifest;
    assert.equal(manifest.runs.main, "dist/main.js");
    assert.ok(manifest.inputs?.command?.required);
  });
});
