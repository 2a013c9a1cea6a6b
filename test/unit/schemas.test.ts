import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import Ajv2020Module from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

const dir = join(import.meta.dirname, "../../schemas");
const files = (await readdir(dir)).filter((file) => file.endsWith(".schema.json")).sort();
const others = await Promise.all(
  files.map(async (file) => JSON.parse(await readFile(join(dir, file), "utf8")) as Record<string, unknown> & { $id: string }),
);

/** Every place in a schema where properties are declared, with its JSON pointer. */
function* propertyDeclarations(node: unknown, pointer = ""): Generator<{ pointer: string; schema: Record<string, unknown> }> {
  if (Array.isArray(node)) {
    for (const [index, item] of node.entries()) yield* propertyDeclarations(item, `${pointer}/${index}`);
    return;
  }
  if (typeof node !== "object" || node === null) return;
  const record = node as Record<string, unknown>;
  if (typeof record.properties === "object" && record.properties !== null) {
    for (const [name, schema] of Object.entries(record.properties as Record<string, unknown>)) {
      if (typeof schema === "object" && schema !== null)
        yield { pointer: `${pointer}/properties/${name}`, schema: schema as Record<string, unknown> };
    }
  }
  for (const [key, value] of Object.entries(record)) yield* propertyDeclarations(value, `${pointer}/${key}`);
}

describe("JSON Schemas in schemas/", () => {
  it("exist", () => {
    assert.ok(files.includes("modelship.schema.json"));
  });

  for (const file of files) {
    describe(file, async () => {
      const schema = JSON.parse(await readFile(join(dir, file), "utf8")) as Record<string, unknown>;

      it("declares draft 2020-12 and an $id named after the file", () => {
        assert.equal(schema.$schema, "https://json-schema.org/draft/2020-12/schema");
        assert.equal(schema.$id, `https://modelship.dev/schemas/${file}`);
      });

      it("describes every property", () => {
        const missing = [...propertyDeclarations(schema)]
          .filter(({ schema: property }) => typeof property.description !== "string" || property.description.trim() === "")
          .map(({ pointer }) => pointer);
        assert.deepEqual(missing, [], `properties without a description in ${file}`);
      });

      it("compiles under ajv's strict mode", () => {
        const ajv = new Ajv2020Module.default({ strict: true, allErrors: true, allowUnionTypes: true });
        addFormatsModule.default(ajv);
        // Schemas may reference each other by $id (modelship.yaml's gates section is a gate policy).
        for (const other of others) if (other.$id !== schema.$id) ajv.addSchema(other);
        assert.doesNotThrow(() => ajv.compile(schema));
      });
    });
  }
});
