/**
 * The structural-schema validator against the behaviour kube-apiserver documents for custom
 * resources (https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/,
 * quoted beside the tests that rely on it) and against the vendored upstream CRDs in vendor/crds/.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { parseAllDocuments, parseDocument } from "yaml";
import {
  crdVersionSchema,
  validateStructural,
  type StructuralProblem,
  type StructuralSchema,
} from "../../../src/gitops/validate/structural-schema.ts";
import { exampleManifest } from "../../support/manifests.ts";

/** A CronTab-like resource whose `spec` has `schema`. */
function resource(spec: unknown, metadata: unknown = { name: "my-new-cron-object" }): Record<string, unknown> {
  return { apiVersion: "stable.example.com/v1", kind: "CronTab", metadata, spec };
}

/** The root schema of a resource whose spec is `spec`. */
function rootWith(spec: StructuralSchema): StructuralSchema {
  return { type: "object", properties: { spec } };
}

/** The errors (not the notes) as `[field, rule]` pairs. */
function errors(schema: StructuralSchema, data: unknown): [string, string][] {
  return validateStructural(schema, data)
    .filter((problem) => problem.severity === "error")
    .map((problem) => [problem.field, problem.rule]);
}

/** The only problem, checked to be the only one. */
function only(schema: StructuralSchema, data: unknown): StructuralProblem {
  const problems = validateStructural(schema, data);
  assert.equal(problems.length, 1, JSON.stringify(problems, null, 1));
  return problems[0]!;
}

function assertValid(schema: StructuralSchema, data: unknown): void {
  assert.deepEqual(validateStructural(schema, data), []);
}

const CRONTAB: StructuralSchema = rootWith({
  type: "object",
  properties: {
    cronSpec: { type: "string", pattern: "^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$" },
    image: { type: "string" },
    replicas: { type: "integer", minimum: 1, maximum: 10 },
  },
});

describe("rule 1: types and value validations", () => {
  it("accepts a resource that matches its schema", () => {
    assertValid(CRONTAB, resource({ cronSpec: "* * * * */5", image: "my-awesome-cron-image", replicas: 5 }));
  });

  it("rejects the docs' invalid CronTab with the apiserver's two messages", () => {
    // "spec.cronSpec in body should match '^(\d+|\*)(/\d+)?(\s+(\d+|\*)(/\d+)?){4}$'
    //  spec.replicas in body should be less than or equal to 10"
    const problems = validateStructural(CRONTAB, resource({ cronSpec: "* * * *", image: "my-awesome-cron-image", replicas: 15 }));
    assert.deepEqual(
      problems.map((problem) => [problem.pointer, problem.rule, problem.message]),
      [
        [
          "/spec/cronSpec",
          "pattern",
          `spec.cronSpec: Invalid value: "* * * *": spec.cronSpec in body should match '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$'`,
        ],
        ["/spec/replicas", "limit", "spec.replicas: Invalid value: 15: spec.replicas in body should be less than or equal to 10"],
      ],
    );
  });

  it("rejects a value of the wrong type and checks nothing else about it", () => {
    const problem = only(CRONTAB, resource({ replicas: "15" }));
    assert.deepEqual([problem.field, problem.rule], ["spec.replicas", "type"]);
    assert.equal(problem.message, 'spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"');
  });

  it("takes an integer as a number and an integral float as an integer, and rejects a fraction as an integer", () => {
    const schema = rootWith({ type: "object", properties: { ratio: { type: "number" }, count: { type: "integer" } } });
    assertValid(schema, resource({ ratio: 3, count: 4.0 }));
    assert.deepEqual(errors(schema, resource({ count: 4.5 })), [["spec.count", "type"]]);
  });

  it("checks every JSON type: object, array, string, boolean", () => {
    const schema = rootWith({
      type: "object",
      properties: { o: { type: "object" }, a: { type: "array" }, s: { type: "string" }, b: { type: "boolean" } },
    });
    assertValid(schema, resource({ o: {}, a: [], s: "x", b: true }));
    const bad = errors(schema, resource({ o: [], a: {}, s: 1, b: "true" }));
    assert.deepEqual(bad, [
      ["spec.o", "type"],
      ["spec.a", "type"],
      ["spec.s", "type"],
      ["spec.b", "type"],
    ]);
  });

  it("reports a missing required field as the apiserver's Required value", () => {
    const schema = rootWith({ type: "object", required: ["image"], properties: { image: { type: "string" } } });
    const problem = only(schema, resource({}));
    assert.deepEqual([problem.pointer, problem.rule, problem.message], ["/spec/image", "required", "spec.image: Required value"]);
  });

  it("rejects a value outside enum with the supported values", () => {
    const schema = rootWith({ type: "object", properties: { mode: { type: "string", enum: ["Serverless", "Standard"] } } });
    assertValid(schema, resource({ mode: "Standard" }));
    assert.equal(
      only(schema, resource({ mode: "RawDeployment" })).message,
      'spec.mode: Unsupported value: "RawDeployment": supported values: "Serverless", "Standard"',
    );
  });

  it("honours exclusiveMinimum, exclusiveMaximum and multipleOf", () => {
    const schema = rootWith({
      type: "object",
      properties: { w: { type: "number", minimum: 0, exclusiveMinimum: true, maximum: 100, exclusiveMaximum: true, multipleOf: 5 } },
    });
    assertValid(schema, resource({ w: 95 }));
    assert.deepEqual(errors(schema, resource({ w: 0 })), [["spec.w", "limit"]]);
    assert.deepEqual(errors(schema, resource({ w: 100 })), [["spec.w", "limit"]]);
    assert.deepEqual(errors(schema, resource({ w: 12 })), [["spec.w", "limit"]]);
  });

  it("counts string length in characters for minLength and maxLength", () => {
    const schema = rootWith({ type: "object", properties: { s: { type: "string", minLength: 2, maxLength: 3 } } });
    assertValid(schema, resource({ s: "ééé" }));
    assert.equal(only(schema, resource({ s: "abcd" })).message, "spec.s: Too long: may not be more than 3 bytes");
    assert.deepEqual(errors(schema, resource({ s: "a" })), [["spec.s", "limit"]]);
  });

  it("checks minItems, maxItems, uniqueItems and every item against items", () => {
    const schema = rootWith({
      type: "object",
      properties: { l: { type: "array", minItems: 1, maxItems: 2, uniqueItems: true, items: { type: "integer", minimum: 0 } } },
    });
    assertValid(schema, resource({ l: [1, 2] }));
    assert.equal(only(schema, resource({ l: [1, 2, 3] })).message, "spec.l: Too many: 3: must have at most 2 items");
    assert.deepEqual(errors(schema, resource({ l: [] })), [["spec.l", "limit"]]);
    assert.deepEqual(errors(schema, resource({ l: [4, 4] })), [["spec.l", "unique-items"]]);
    assert.deepEqual(errors(schema, resource({ l: [-1] })), [["spec.l[0]", "limit"]]);
  });

  it("checks minProperties, maxProperties and a map's values against additionalProperties", () => {
    const schema = rootWith({
      type: "object",
      properties: { m: { type: "object", minProperties: 1, maxProperties: 2, additionalProperties: { type: "string" } } },
    });
    assertValid(schema, resource({ m: { a: "x", b: "y" } }));
    assert.deepEqual(errors(schema, resource({ m: {} })), [["spec.m", "limit"]]);
    assert.deepEqual(errors(schema, resource({ m: { a: "x", b: "y", c: "z" } })), [["spec.m", "limit"]]);
    assert.deepEqual(errors(schema, resource({ m: { a: 1 } })), [["spec.m.a", "type"]]);
  });

  it("checks date-time, date and byte formats as strfmt does", () => {
    const schema = rootWith({
      type: "object",
      properties: {
        t: { type: "string", format: "date-time" },
        d: { type: "string", format: "date" },
        b: { type: "string", format: "byte" },
      },
    });
    assertValid(schema, resource({ t: "2024-01-15T14:30:45.123Z", d: "2024-02-29", b: "aGVsbG8=" }));
    assertValid(schema, resource({ t: "2024-01-15t14:30:45+01:00" }));
    assert.deepEqual(errors(schema, resource({ t: "2024-01-15 14:30", d: "2023-02-29", b: "hello!" })), [
      ["spec.t", "format"],
      ["spec.d", "format"],
      ["spec.b", "format"],
    ]);
    assert.equal(
      only(schema, resource({ t: "yesterday" })).message,
      'spec.t: Invalid value: "yesterday": spec.t in body must be of type date-time: "yesterday"',
    );
  });

  it("does not range-check int32 or int64, as the apiserver does not", () => {
    // kube-openapi's typeValidator accepts any int64 for `type: integer` whatever its format
    // (pkg/validation/validate/type.go: `t.Type.Contains(schType)` passes before the format matters).
    const schema = rootWith({
      type: "object",
      properties: { port: { type: "integer", format: "int32" }, size: { type: "integer", format: "int64" } },
    });
    assertValid(schema, resource({ port: 2 ** 40, size: 2 ** 50 }));
    assert.deepEqual(errors(schema, resource({ port: "80" })), [["spec.port", "type"]]);
  });

  it("ignores formats it does not know", () => {
    // "format is an OpenAPI v3 format string. Unknown formats are ignored."
    const schema = rootWith({
      type: "object",
      properties: { u: { type: "string", format: "url" }, s: { type: "string", format: "string" } },
    });
    assertValid(schema, resource({ u: "not a url", s: "x" }));
  });

  it("treats allOf, anyOf, oneOf and not as value validations", () => {
    const properties: Record<string, StructuralSchema> = { a: { type: "integer" }, b: { type: "integer" } };
    const messages = (junctors: StructuralSchema, spec: unknown): string[] =>
      validateStructural(rootWith({ type: "object", properties, ...junctors }), resource(spec)).map((problem) => problem.message);
    const anyOf = { anyOf: [{ required: ["a"] }, { required: ["b"] }] };
    assert.deepEqual(messages(anyOf, { b: 1 }), []);
    assert.deepEqual(messages(anyOf, {}), [
      'spec: Invalid value: "": "spec" must validate at least one schema (anyOf)',
      "spec.a: Required value",
    ]);
    const oneOf = { oneOf: [{ required: ["a"] }, { required: ["b"] }] };
    assert.deepEqual(messages(oneOf, { a: 1 }), []);
    assert.deepEqual(messages(oneOf, { a: 1, b: 2 }), [
      'spec: Invalid value: "": "spec" must validate one and only one schema (oneOf). Found 2 valid alternatives',
    ]);
    const allOf = { allOf: [{ properties: { a: { minimum: 0 } } }, { properties: { a: { maximum: 9 } } }] };
    assert.deepEqual(messages(allOf, { a: 5 }), []);
    assert.deepEqual(messages(allOf, { a: 10 }), [
      "spec.a: Invalid value: 10: spec.a in body should be less than or equal to 9",
      'spec: Invalid value: "": "spec" must validate all the schemas (allOf)',
    ]);
    const not = { not: { required: ["a", "b"] } };
    assert.deepEqual(messages(not, { a: 1 }), []);
    assert.deepEqual(messages(not, { a: 1, b: 2 }), ['spec: Invalid value: "": "spec" must not validate the schema (not)']);
  });
});

describe("rule 2: unknown fields (strict field validation)", () => {
  it("reports a field the schema does not specify as the apiserver's unknown field", () => {
    // "if you specify a field that the API server does not recognize, the unknown field is pruned";
    // fieldValidation=Strict "will fail the request ... if any unknown fields would be dropped".
    const problem = only(CRONTAB, resource({ image: "x", someRandomField: 42 }));
    assert.deepEqual(problem, {
      pointer: "/spec/someRandomField",
      field: "spec.someRandomField",
      message: 'unknown field "spec.someRandomField"',
      rule: "unknown-field",
      severity: "error",
    });
  });

  it("always allows apiVersion, kind and metadata at the root, but nowhere else", () => {
    assertValid(CRONTAB, resource({}));
    assert.deepEqual(errors(CRONTAB, resource({ kind: "x" })), [["spec.kind", "unknown-field"]]);
  });

  it("reports unknown fields inside list items by index, and validates nothing that was pruned", () => {
    const schema = rootWith({
      type: "object",
      properties: { steps: { type: "array", items: { type: "object", properties: { setWeight: { type: "integer" } } } } },
    });
    const problem = only(schema, resource({ steps: [{ setWeight: 20 }, { setweight: "x" }] }));
    assert.deepEqual([problem.pointer, problem.message], ["/spec/steps/1/setweight", 'unknown field "spec.steps[1].setweight"']);
  });

  it("keeps unknown fields under x-kubernetes-preserve-unknown-fields but prunes and validates the specified ones", () => {
    // "Pruning is enabled again for each specified property (or additionalProperties)": the docs'
    // example keeps json.status.something and prunes json.spec.something.
    const schema: StructuralSchema = {
      type: "object",
      properties: {
        json: {
          "x-kubernetes-preserve-unknown-fields": true,
          type: "object",
          properties: { spec: { type: "object", properties: { foo: { type: "string" }, bar: { type: "string" } } } },
        },
      },
    };
    const data = {
      apiVersion: "v",
      kind: "K",
      metadata: { name: "a" },
      json: { spec: { foo: "abc", bar: "def", something: "x" }, status: { something: "x" } },
    };
    const problem = only(schema, data);
    assert.equal(problem.message, 'unknown field "json.spec.something"');
    assert.deepEqual(errors(schema, { ...data, json: { spec: { foo: 1 }, status: {} } }), [["json.spec.foo", "type"]]);
  });

  it("lets x-kubernetes-preserve-unknown-fields with a type hold only that type", () => {
    // "With this, only `object` type values are allowed."
    const schema: StructuralSchema = {
      type: "object",
      properties: { json: { "x-kubernetes-preserve-unknown-fields": true, type: "object" } },
    };
    assertValid(schema, { apiVersion: "v", kind: "K", metadata: { name: "a" }, json: { anything: [1, { deep: true }] } });
    assert.deepEqual(errors(schema, { apiVersion: "v", kind: "K", metadata: { name: "a" }, json: "text" }), [["json", "type"]]);
  });

  it("prunes every field of an object under a schema that specifies none", () => {
    const schema = rootWith({ type: "object", properties: { tags: { type: "array" } } });
    assert.deepEqual(errors(schema, resource({ tags: [{ a: 1 }] })), [["spec.tags[0].a", "unknown-field"]]);
  });
});

describe("rule 3: x-kubernetes-int-or-string", () => {
  // "With one of those specification, both an integer and a string validate."
  const schema = rootWith({
    type: "object",
    properties: { maxSurge: { "x-kubernetes-int-or-string": true, anyOf: [{ type: "integer" }, { type: "string" }], pattern: "^\\d+%$" } },
  });

  it("accepts an integer or a string", () => {
    assertValid(schema, resource({ maxSurge: 1 }));
    assertValid(schema, resource({ maxSurge: "25%" }));
  });

  it("rejects anything else with an int-or-string problem", () => {
    for (const value of [true, 1.5, { a: 1 }, [1]]) {
      const [problem] = validateStructural(schema, resource({ maxSurge: value })).filter((found) => found.rule !== "unknown-field");
      assert.equal(problem?.rule, "int-or-string", JSON.stringify(value));
      assert.match(problem.message, /must be of type integer,string/);
    }
  });

  it("applies string validations only to the string case", () => {
    assert.deepEqual(errors(schema, resource({ maxSurge: "25 percent" })), [["spec.maxSurge", "pattern"]]);
  });
});

describe("rule 4: nullable", () => {
  // "null values for fields that either don't specify the nullable flag, or give it a false value,
  // will be pruned before defaulting happens. If a default is present, it will be applied. When
  // nullable is true, null values will be conserved and won't be defaulted."
  const schema = rootWith({
    type: "object",
    properties: {
      foo: { type: "string", nullable: false, default: "default" },
      bar: { type: "string", nullable: true },
      baz: { type: "string" },
      list: { type: "array", items: { type: "string" } },
      optional: { type: "array", items: { type: "string", nullable: true } },
    },
  });

  it("prunes the null of a non-nullable field, defaults it when it has a default, and keeps a nullable null", () => {
    assertValid(schema, resource({ foo: null, bar: null, baz: null }));
  });

  it("makes a pruned null count as absent for required", () => {
    const required: StructuralSchema = rootWith({ ...schema.properties!.spec!, required: ["baz", "bar"] });
    assert.deepEqual(errors(required, resource({ bar: null, baz: null })), [["spec.baz", "required"]]);
  });

  it("rejects a null list item unless the items are nullable", () => {
    const problem = only(schema, resource({ list: ["a", null], optional: ["a", null] }));
    assert.deepEqual([problem.field, problem.rule], ["spec.list[1]", "nullable"]);
    assert.equal(problem.message, 'spec.list[1]: Invalid value: "null": spec.list[1] in body must be of type string: "null"');
  });
});

describe("rule 5: x-kubernetes-embedded-resource", () => {
  // "With x-kubernetes-embedded-resource: true, the apiVersion, kind and metadata are implicitly
  // specified and validated."
  const schema = rootWith({
    type: "object",
    properties: {
      template: {
        type: "object",
        "x-kubernetes-embedded-resource": true,
        properties: { spec: { type: "object", properties: { image: { type: "string" } } } },
      },
      raw: { type: "object", "x-kubernetes-embedded-resource": true, "x-kubernetes-preserve-unknown-fields": true },
    },
  });

  it("accepts a complete embedded object, with metadata, and anything under preserve-unknown-fields", () => {
    const template = { apiVersion: "v1", kind: "Pod", metadata: { name: "p", labels: { app: "a" } }, spec: { image: "x" } };
    assertValid(schema, resource({ template, raw: { apiVersion: "apps/v1", kind: "Deployment", spec: { replicas: 1 } } }));
  });

  it("requires apiVersion and kind", () => {
    assert.deepEqual(errors(schema, resource({ template: { spec: {} } })), [
      ["spec.template.apiVersion", "embedded-resource"],
      ["spec.template.kind", "embedded-resource"],
    ]);
  });

  it("checks their shape: one slash at most in apiVersion, a DNS-1035 kind, strings only", () => {
    const bad = errors(schema, resource({ raw: { apiVersion: "a/b/c", kind: "Pod_Template" }, template: { apiVersion: 1, kind: "Pod" } }));
    assert.deepEqual(bad, [
      ["spec.template.apiVersion", "embedded-resource"],
      ["spec.raw.apiVersion", "embedded-resource"],
      ["spec.raw.kind", "embedded-resource"],
    ]);
  });

  it("validates the embedded metadata as ObjectMeta: unknown fields, types, names", () => {
    const problems = validateStructural(
      schema,
      resource({ template: { apiVersion: "v1", kind: "Pod", metadata: { nmae: "p", labels: { a: 1 }, namespace: "Bad_NS" } } }),
    );
    assert.deepEqual(
      problems.map((problem) => [problem.field, problem.rule]),
      [
        ["spec.template.metadata.nmae", "unknown-field"],
        ["spec.template.metadata.labels.a", "embedded-resource"],
        ["spec.template.metadata.namespace", "embedded-resource"],
      ],
    );
    assert.equal(problems[0]!.message, 'unknown field "spec.template.metadata.nmae"');
  });
});

describe("rule 6: defaults", () => {
  // "Defaulting happens on the object in the request to the API server using the request version
  // defaults" (before validation); the docs' CronTab gets cronSpec "5 0 * * *" and replicas 1.
  const schema = rootWith({
    type: "object",
    required: ["cronSpec", "replicas"],
    properties: {
      cronSpec: { type: "string", pattern: "^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$", default: "5 0 * * *" },
      image: { type: "string" },
      replicas: { type: "integer", minimum: 1, maximum: 10, default: 1 },
      limits: { type: "object", default: {}, required: ["cpu"], properties: { cpu: { type: "string", default: "1" } } },
    },
  });

  it("satisfies required fields with defaults, down nested defaulted objects", () => {
    assertValid(schema, resource({ image: "my-awesome-cron-image" }));
  });

  it("does not default a field the manifest sets, and validates what it sets", () => {
    assert.deepEqual(errors(schema, resource({ replicas: 0 })), [["spec.replicas", "limit"]]);
  });

  it("never changes the caller's data", () => {
    const data = resource({ image: "x" });
    const before = structuredClone(data);
    validateStructural(schema, data);
    assert.deepEqual(data, before);
  });

  it("does not default inside an object the manifest leaves out", () => {
    const nested = rootWith({
      type: "object",
      properties: { inner: { type: "object", required: ["x"], properties: { x: { type: "string", default: "d" } } } },
    });
    assertValid(nested, resource({}));
    assertValid(nested, resource({ inner: {} }));
  });
});

describe("rule 7: x-kubernetes-validations (CEL)", () => {
  // "x-kubernetes-validations could have multiple rules"; a failing rule reports its message, or
  // "failed rule: {Rule}" when it has none.
  const schema = rootWith({
    type: "object",
    "x-kubernetes-validations": [
      { rule: "self.minReplicas <= self.replicas", message: "replicas should be greater than or equal to minReplicas." },
      { rule: "self.replicas <= self.maxReplicas" },
    ],
    properties: { minReplicas: { type: "integer" }, replicas: { type: "integer" }, maxReplicas: { type: "integer" } },
    required: ["minReplicas", "replicas", "maxReplicas"],
  });

  it("passes rules that hold", () => {
    assertValid(schema, resource({ minReplicas: 1, replicas: 5, maxReplicas: 10 }));
  });

  it("reports a false rule with its message, or 'failed rule' and the rule", () => {
    const problems = validateStructural(schema, resource({ minReplicas: 0, replicas: 20, maxReplicas: 10 }));
    assert.deepEqual(
      problems.map((problem) => [problem.pointer, problem.rule, problem.severity, problem.message]),
      [["/spec", "cel", "error", "spec: Invalid value: failed rule: self.replicas <= self.maxReplicas"]],
    );
    assert.equal(
      validateStructural(schema, resource({ minReplicas: 9, replicas: 5, maxReplicas: 10 }))[0]!.message,
      "spec: Invalid value: replicas should be greater than or equal to minReplicas.",
    );
  });

  it("prefers messageExpression, and falls back to message when it yields no string", () => {
    const withExpression = rootWith({
      type: "object",
      properties: {
        n: {
          type: "integer",
          "x-kubernetes-validations": [
            { rule: "self < 10", messageExpression: "'n is ' + string(self)" },
            { rule: "self < 5", message: "small", messageExpression: "self" },
          ],
        },
      },
    });
    assert.deepEqual(
      validateStructural(withExpression, resource({ n: 12 })).map((problem) => problem.message),
      ["spec.n: Invalid value: 12: n is 12", "spec.n: Invalid value: 12: small"],
    );
  });

  it("sees integers as CEL ints, escapes property names, hides undeclared fields and treats nulls as absent", () => {
    const escaped = rootWith({
      type: "object",
      "x-kubernetes-preserve-unknown-fields": true,
      properties: { "x-prop": { type: "integer" }, namespace: { type: "string" }, maybe: { type: "string", nullable: true } },
      "x-kubernetes-validations": [
        { rule: "self.x__dash__prop + 1 == 3 && self.__namespace__ == 'ns'" },
        { rule: "!has(self.hidden) && !has(self.maybe)" },
        { rule: "type(self.x__dash__prop) == int" },
      ],
    });
    assertValid(escaped, resource({ "x-prop": 2, namespace: "ns", hidden: 1, maybe: null }));
  });

  it("reads defaulted values, as the apiserver validates after defaulting", () => {
    const defaulted = rootWith({
      type: "object",
      properties: { group: { type: "string", default: "" }, port: { type: "integer" } },
      "x-kubernetes-validations": [{ rule: "size(self.group) == 0 ? has(self.port) : true", message: "Must have port" }],
    });
    assert.deepEqual(errors(defaulted, resource({})), [["spec", "cel"]]);
    assertValid(defaulted, resource({ port: 80 }));
  });

  it("does not run transition rules: oldSelf exists only on update", () => {
    // "Transition rules by default are applied only on UPDATE requests and are skipped if an old value could not be found."
    const transition = rootWith({ type: "object", "x-kubernetes-validations": [{ rule: "self == oldSelf", message: "immutable" }] });
    const problem = only(transition, resource({}));
    assert.deepEqual([problem.rule, problem.severity], ["transition", "not-evaluated"]);
  });

  it("reports a rule the library cannot evaluate as not evaluated, never as an error", () => {
    const unsupported = rootWith({
      type: "object",
      properties: { l: { type: "array", items: { type: "integer" } } },
      "x-kubernetes-validations": [{ rule: "self.l.isSorted()" }, { rule: "self.l.all(x, x > 0" }],
    });
    const problems = validateStructural(unsupported, resource({ l: [2, 1] }));
    assert.deepEqual(
      problems.map((problem) => [problem.rule, problem.severity]),
      [
        ["cel", "not-evaluated"],
        ["cel", "not-evaluated"],
      ],
    );
    assert.match(problems[0]!.message, /rule not evaluated \(the CEL library could not evaluate it: .*\): self\.l\.isSorted\(\)/);
  });

  it("reports a missing field as the apiserver's runtime error", () => {
    const missing = rootWith({
      type: "object",
      properties: { a: { type: "integer" } },
      "x-kubernetes-validations": [{ rule: "self.a > 0" }],
    });
    assert.equal(only(missing, resource({})).message, "spec: Invalid value: no such key: a evaluating rule: self.a > 0");
  });

  it("points a failing rule at its fieldPath", () => {
    const pointed = rootWith({
      type: "object",
      properties: { a: { type: "integer" } },
      "x-kubernetes-validations": [{ rule: "self.a > 0", fieldPath: ".a" }],
    });
    assert.equal(only(pointed, resource({ a: 0 })).pointer, "/spec/a");
  });

  it("skips every rule when a blocking error is found, as the apiserver does", () => {
    const problems = validateStructural(schema, resource({ minReplicas: "0", replicas: 20, maxReplicas: 10 }));
    assert.deepEqual(
      problems.map((problem) => [problem.field, problem.rule, problem.severity]),
      [
        ["spec.minReplicas", "type", "error"],
        ["", "cel", "not-evaluated"],
      ],
    );
  });
});

describe("rule 8: metadata at the root", () => {
  it("requires a name (or generateName) that is a DNS-1123 subdomain", () => {
    assert.equal(only(CRONTAB, resource({}, {})).message, "metadata.name: Required value: name or generateName is required");
    assertValid(CRONTAB, resource({}, { generateName: "cron-" }));
    const problem = only(CRONTAB, resource({}, { name: "My_Cron" }));
    assert.deepEqual([problem.field, problem.rule], ["metadata.name", "metadata"]);
    assert.match(problem.message, /^metadata\.name: Invalid value: "My_Cron": a lowercase RFC 1123 subdomain must consist of/);
  });

  it("takes labels and annotations as maps of strings with qualified-name keys", () => {
    assertValid(
      CRONTAB,
      resource({}, { name: "a", labels: { "app.kubernetes.io/name": "a" }, annotations: { "example.com/note": "any text: at all" } }),
    );
    assert.deepEqual(errors(CRONTAB, resource({}, { name: "a", labels: { app: 1 } })), [["metadata.labels.app", "metadata"]]);
    assert.deepEqual(errors(CRONTAB, resource({}, { name: "a", labels: { app: "not valid!" } })), [["metadata.labels", "metadata"]]);
    assert.deepEqual(errors(CRONTAB, resource({}, { name: "a", annotations: { "bad key": "x" } })), [["metadata.annotations", "metadata"]]);
  });

  it("reports a field ObjectMeta does not have as an unknown field", () => {
    assert.equal(only(CRONTAB, resource({}, { name: "a", label: { app: "a" } })).message, 'unknown field "metadata.label"');
  });

  it("lets the schema restrict metadata.name", () => {
    // "if metadata is specified, then only restrictions on metadata.name and metadata.generateName are allowed."
    const schema: StructuralSchema = {
      type: "object",
      properties: { metadata: { type: "object", properties: { name: { type: "string", maxLength: 5 } } } },
    };
    assert.deepEqual(errors(schema, { apiVersion: "v1", kind: "K", metadata: { name: "too-long" } }), [["metadata.name", "limit"]]);
  });
});

describe("list types", () => {
  const schema = rootWith({
    type: "object",
    properties: {
      set: { type: "array", "x-kubernetes-list-type": "set", items: { type: "string" } },
      ports: {
        type: "array",
        "x-kubernetes-list-type": "map",
        "x-kubernetes-list-map-keys": ["containerPort", "protocol"],
        items: { type: "object", properties: { containerPort: { type: "integer" }, protocol: { type: "string", default: "TCP" } } },
      },
    },
  });

  it("rejects the second appearance of a value in a set", () => {
    assert.equal(only(schema, resource({ set: ["a", "b", "a", "a"] })).message, 'spec.set[2]: Duplicate value: "a"');
  });

  it("rejects two items of a map list with the same keys, after defaulting", () => {
    assertValid(schema, resource({ ports: [{ containerPort: 80 }, { containerPort: 80, protocol: "UDP" }] }));
    const problem = only(schema, resource({ ports: [{ containerPort: 80 }, { containerPort: 80, protocol: "TCP" }] }));
    assert.deepEqual([problem.pointer, problem.rule], ["/spec/ports/1", "list-type"]);
  });
});

describe("robustness", () => {
  it("reports a resource that is not an object instead of throwing", () => {
    assert.deepEqual(
      validateStructural(CRONTAB, ["a"]).map((problem) => problem.rule),
      ["type"],
    );
  });

  it("reports a pattern JavaScript cannot compile as not evaluated", () => {
    const schema = rootWith({ type: "object", properties: { s: { type: "string", pattern: "(?i)^abc$" } } });
    assert.deepEqual(
      validateStructural(schema, resource({ s: "ABC" })).map((problem) => [problem.rule, problem.severity]),
      [["pattern", "not-evaluated"]],
    );
  });
});

/** The CRDs vendored in vendor/crds/, by `group/version Kind`. */
const VENDORED = loadVendoredCrds(new URL("../../../vendor/crds/", import.meta.url));

function loadVendoredCrds(folder: URL): Map<string, StructuralSchema> {
  const schemas = new Map<string, StructuralSchema>();
  for (const entry of readdirSync(folder, { recursive: true, encoding: "utf8" })) {
    if (!entry.endsWith(".yaml")) continue;
    for (const document of parseAllDocuments(readFileSync(new URL(entry, folder), "utf8"))) {
      const crd = document.toJS() as { kind?: string; spec?: { group: string; names: { kind: string }; versions: { name: string }[] } };
      if (crd.kind !== "CustomResourceDefinition" || crd.spec === undefined) continue;
      for (const { name } of crd.spec.versions) {
        const schema = crdVersionSchema(crd, name);
        if (schema !== undefined) schemas.set(`${crd.spec.group}/${name} ${crd.spec.names.kind}`, schema);
      }
    }
  }
  return schemas;
}

/** The problems of a manifest against its vendored CRD. */
function againstCrd(data: Record<string, unknown>): StructuralProblem[] {
  const schema = VENDORED.get(`${String(data.apiVersion)} ${String(data.kind)}`);
  assert.ok(schema !== undefined, `vendor/crds holds ${String(data.apiVersion)} ${String(data.kind)}`);
  return validateStructural(schema, data);
}

type Data = Record<string, unknown>;

/** The object at `path` below `data`, asserted to be one. */
function dig(data: Data, ...path: (string | number)[]): Data {
  let node: unknown = data;
  for (const token of path) node = (node as Record<string | number, unknown>)[token];
  assert.ok(typeof node === "object" && node !== null, `an object at ${path.join(".")}`);
  return node as Data;
}

/** The example app's document of `kind` in `file`, as plain data, edited by `edit`. */
function exampleResource(file: string, kind: string, edit: (data: Data) => void = () => undefined): Data {
  const documents = parseAllDocuments(exampleManifest(file)).map((document) => document.toJS() as Data);
  const data = documents.find((document) => document.kind === kind)!;
  edit(data);
  return data;
}

describe("the vendored upstream CRDs", () => {
  it("holds every engine modelship writes manifests for", () => {
    for (const type of [
      "serving.kserve.io/v1beta1 InferenceService",
      "argoproj.io/v1alpha1 Rollout",
      "argoproj.io/v1alpha1 Application",
      "flagger.app/v1beta1 Canary",
    ]) {
      assert.ok(VENDORED.has(type), type);
    }
  });

  it("accepts every resource of the example GitOps app (a transition rule aside)", () => {
    const files = {
      "inferenceservice.yaml": "InferenceService",
      "rollout.yaml": "Rollout",
      "analysis-template.yaml": "AnalysisTemplate",
      "application.yaml": "Application",
      "flagger.yaml": "Canary",
      "seldon.yaml": "Model",
    };
    for (const [file, kind] of Object.entries(files)) {
      const problems = againstCrd(exampleResource(file, kind));
      assert.deepEqual(
        problems.filter((problem) => problem.severity === "error"),
        [],
        file,
      );
    }
  });

  it("rejects storageURI in a KServe InferenceService's predictor model as an unknown field", () => {
    const data = exampleResource("inferenceservice.yaml", "InferenceService", (isvc) => {
      const model = dig(isvc, "spec", "predictor", "model");
      model.storageURI = model.storageUri;
      Reflect.deleteProperty(model, "storageUri");
    });
    const problem = only(VENDORED.get("serving.kserve.io/v1beta1 InferenceService")!, data);
    assert.deepEqual(problem, {
      pointer: "/spec/predictor/model/storageURI",
      field: "spec.predictor.model.storageURI",
      message: 'unknown field "spec.predictor.model.storageURI"',
      rule: "unknown-field",
      severity: "error",
    });
  });

  it("rejects setweight in an Argo Rollout canary step as an unknown field", () => {
    const data = exampleResource("rollout.yaml", "Rollout", (rollout) => {
      dig(rollout, "spec", "strategy", "canary").steps = [{ setweight: 20 }];
    });
    const found = againstCrd(data).filter((problem) => problem.severity === "error");
    assert.deepEqual(
      found.map((problem) => problem.message),
      ['unknown field "spec.strategy.canary.steps[0].setweight"'],
    );
  });

  it("rejects an Argo Rollout setWeight given as a string: the CRD says integer (int32)", () => {
    const text = exampleManifest("rollout.yaml").replace("- setWeight: 20", '- setWeight: "20"');
    const data = parseDocument(text).toJS() as Record<string, unknown>;
    const found = againstCrd(data).filter((problem) => problem.severity === "error");
    assert.deepEqual(
      found.map((problem) => [problem.pointer, problem.rule, problem.message]),
      [
        [
          "/spec/strategy/canary/steps/0/setWeight",
          "type",
          'spec.strategy.canary.steps[0].setWeight: Invalid value: "string": spec.strategy.canary.steps[0].setWeight in body must be of type integer: "string"',
        ],
      ],
    );
  });

  it("rejects an Argo CD Application with an unknown field", () => {
    const data = exampleResource("application.yaml", "Application", (application) => {
      dig(application, "spec", "source").targetRevison = "main";
      dig(application, "spec", "syncPolicy", "automated").selfheal = true;
    });
    assert.deepEqual(
      againstCrd(data).map((problem) => problem.message),
      ['unknown field "spec.source.targetRevison"', 'unknown field "spec.syncPolicy.automated.selfheal"'],
    );
  });

  it("runs Flagger's CEL rule on a defaulted backendRef: a Service mirror needs a port", () => {
    // group defaults to "" and kind to Service, so the rule holds only when port is set.
    const withMirror = (backendRef: Record<string, unknown>) =>
      exampleResource("flagger.yaml", "Canary", (canary) => {
        dig(canary, "spec", "service").mirror = [{ backendRef }];
      });
    const problems = againstCrd(withMirror({ name: "shadow" }));
    assert.deepEqual(
      problems.map((problem) => [problem.pointer, problem.rule, problem.severity, problem.message]),
      [
        [
          "/spec/service/mirror/0/backendRef",
          "cel",
          "error",
          "spec.service.mirror[0].backendRef: Invalid value: Must have port for Service reference",
        ],
      ],
    );
    assert.deepEqual(againstCrd(withMirror({ name: "shadow", port: 8080 })), []);
  });

  it("runs Flux's HelmRelease rules: chart or chartRef, not both", () => {
    const release = (spec: Record<string, unknown>) => ({
      apiVersion: "helm.toolkit.fluxcd.io/v2",
      kind: "HelmRelease",
      metadata: { name: "model" },
      spec: { interval: "5m", ...spec },
    });
    const chartRef = { kind: "OCIRepository", name: "model-chart" };
    assert.deepEqual(againstCrd(release({ chartRef })), []);
    assert.deepEqual(
      againstCrd(release({})).map((problem) => [problem.field, problem.message]),
      [["spec", "spec: Invalid value: either chart or chartRef must be set"]],
    );
  });
});
