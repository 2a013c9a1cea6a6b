import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isUserError, UserError } from "../../../src/common/errors.ts";
import { assertValid } from "../../../src/common/schema-validation.ts";
import { parseYamlSource } from "../../../src/common/yaml-source.ts";

const schema = {
  $id: "https://modelship.dev/schemas/test.schema.json",
  type: "object",
  additionalProperties: false,
  properties: {
    name: { type: "string" },
    columns: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name"],
        properties: { name: { type: "string" }, type: { enum: ["integer", "string"] } },
      },
    },
  },
};

describe("YAML sources", () => {
  it("report a syntax error with file, line and column", () => {
    const text = "name: x\ncolumns:\n  - name: a\n   type: integer\n";
    assert.throws(
      () => parseYamlSource(text, "c.yaml"),
      (error: unknown) =>
        isUserError(error) &&
        error.file === "c.yaml" &&
        error.line === 4 &&
        typeof error.column === "number" &&
        /^c\.yaml:4:\d+: YAML syntax error/.test(error.message),
    );
  });

  it("locate the line of a JSON pointer", () => {
    const source = parseYamlSource("name: x\ncolumns:\n  - name: a\n  - name: b\n    type: integr\n", "c.yaml");
    assert.deepEqual(source.locate("/columns/1/type"), { line: 5, column: 11 });
    assert.equal(source.locate("/columns/1/missing")?.line, 4, "falls back to the nearest existing parent");
  });

  it("refuse a second document with content, at the line of its `---`", () => {
    for (const second of ["b: 2\n", "~\n", "[\n"])
      assert.throws(
        () => parseYamlSource(`a: 1\nb: 0\n---\n${second}`, "m.yaml"),
        (error: unknown) => isUserError(error) && error.line === 3 && /holds 2 YAML documents/.test(error.message),
        JSON.stringify(second),
      );
  });

  it("read a file with a leading `---`, or a trailing `---` and nothing but comments after it, as its one document", () => {
    for (const text of ["---\na: 1\n", "a: 1\n---\n", "a: 1\n---\n# the end\n"]) {
      const source = parseYamlSource(text, "m.yaml");
      assert.deepEqual(source.data, { a: 1 }, JSON.stringify(text));
      assert.equal(source.locate("/a")?.line, text.startsWith("---") ? 2 : 1);
    }
  });

  it("refuse duplicate keys", () => {
    assert.throws(() => parseYamlSource("a: 1\na: 2\n", "d.yaml"), UserError);
  });
});

describe("schema validation", () => {
  it("gathers every problem with its line and pointer into one error", () => {
    const source = parseYamlSource("name: 3\ncolumns:\n  - name: a\n    type: integr\n  - nam: b\n", "c.yaml");
    assert.throws(
      () => assertValid(schema, source.data, { file: "c.yaml", what: "data contract", source }),
      (error: unknown) => {
        assert.ok(isUserError(error));
        assert.match(error.message, /data contract does not match its schema \(4 problems\)/);
        assert.match(error.message, /c\.yaml:1:7: \/name: must be string/);
        assert.match(error.message, /c\.yaml:4:11: \/columns\/0\/type: must be one of: "integer", "string"/);
        assert.match(error.message, /\/columns\/1\/nam: unknown property "nam"/);
        assert.match(error.message, /\/columns\/1: missing required property "name"/);
        assert.equal(error.line, 1);
        return true;
      },
    );
  });
});
