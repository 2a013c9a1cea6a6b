/**
 * modelship.dev serves nothing: no message, hint or document may send a user there. Schema `$id`s
 * (and the `$ref`s that name them) are identifiers, not links, and may keep the URI form; what a
 * user is told to open is the schema file in the repository.
 */
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { describe, it } from "node:test";
import { isUserError } from "../../src/common/errors.ts";
import { assertValid, schemaLink } from "../../src/common/schema-validation.ts";
import { parseYamlSource } from "../../src/common/yaml-source.ts";
import policySchema from "../../schemas/gate-policy.schema.json" with { type: "json" };

const root = join(import.meta.dirname, "../..");

/** Every file under `dir` whose name ends with one of `extensions`. */
async function filesUnder(dir: string, extensions: string[]): Promise<string[]> {
  const entries = await readdir(join(root, dir), { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && extensions.some((extension) => entry.name.endsWith(extension)))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

/** Lines that link modelship.dev, other than a schema's `$id` or a `$ref` naming one. */
function deadLinks(path: string, text: string): string[] {
  return text
    .split("\n")
    .map((line, index) => ({ line, number: index + 1 }))
    .filter(({ line }) => /https?:\/\/(?:www\.)?modelship\.dev/.test(line) && !/"\$(?:id|ref)":/.test(line))
    .map(({ line, number }) => `${path}:${number}: ${line.trim()}`);
}

describe("no links to modelship.dev", () => {
  it("in sources, schemas, docs, examples, the README and actions", async () => {
    const paths = [
      ...(await filesUnder("src", [".ts"])),
      ...(await filesUnder("schemas", [".json"])),
      ...(await filesUnder("docs", [".md"])),
      ...(await filesUnder("examples", [".md", ".yaml", ".yml"])),
      ...(await filesUnder("actions", [".yml"])),
      "README.md",
    ];
    assert.ok(paths.length > 50, `scanned ${paths.length} files`);
    const found: string[] = [];
    for (const path of paths) found.push(...deadLinks(path, await readFile(join(root, path), "utf8")));
    assert.deepEqual(found, []);
  });

  it("the scan itself sees a link (a hint naming modelship.dev) but not a schema's $id", () => {
    assert.equal(deadLinks("x.ts", 'hint: "see https://modelship.dev/schemas/a.schema.json"').length, 1);
    assert.equal(deadLinks("x.json", '  "$id": "https://modelship.dev/schemas/a.schema.json",').length, 0);
  });

  it("a schema error's hint names the schema file in the repository", () => {
    const source = parseYamlSource("quality: []\nunknown_key: 1\n", "gates.yaml");
    assert.throws(
      () => assertValid(policySchema, source.data, { file: "gates.yaml", what: "the gate policy", source }),
      (error: unknown) => {
        assert.ok(isUserError(error));
        assert.ok(error.hint?.includes("https://github.com/modelship/modelship/blob/v1/schemas/gate-policy.schema.json"), error.hint);
        assert.ok(!error.message.includes("modelship.dev"), error.message);
        return true;
      },
    );
    assert.equal(
      schemaLink({ $id: "https://modelship.dev/schemas/gate-policy.schema.json" }),
      "https://github.com/modelship/modelship/blob/v1/schemas/gate-policy.schema.json",
    );
  });
});
