/**
 * Format versions (docs/compatibility.md), through the real readers of every format modelship reads:
 * a file without a version is read as version 1, version 1 is read, a newer version is refused with
 * "upgrade modelship" (the file, the line, the pointer and the fix) before the schema can answer with
 * its bare "must be 1", and a garbled version says what is allowed. Also: every schema in schemas/
 * declares its version key, and the example repositories' files carry `version: 1`.
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { parse as parseYaml } from "yaml";
import { isUserError, type UserError } from "../../../src/common/errors.ts";
import { formatOfSchema, upgradeFormat, type FileFormat } from "../../../src/common/format-version.ts";
import { MemoryLogger } from "../../../src/common/logger.ts";
import { assertValid } from "../../../src/common/schema-validation.ts";
import { TOOL_VERSION } from "../../../src/common/tool-version.ts";
import { parseConfig } from "../../../src/config/modelship-config.ts";
import { inferContract } from "../../../src/data/contract/infer-contract.ts";
import { parseContract } from "../../../src/data/contract/load-contract.ts";
import { profileData, readProfile } from "../../../src/data/profile/profile-data.ts";
import { readPolicyFile } from "../../../src/gates/policy.ts";
import { readHealth, type HealthContext } from "../../../src/gitops/health.ts";
import { LocalStore } from "../../../src/registry/local-store.ts";
import { parseManifest } from "../../../src/registry/manifest.ts";
import { packageModel } from "../../../src/registry/package.ts";
import { fetchModel } from "../../../src/registry/verified-fetch.ts";
import { loadRuns } from "../../../src/train/rank-runs.ts";
import { runTraining } from "../../../src/train/run-training.ts";
import { loadTrainConfig } from "../../../src/train/train-config.ts";
import { runVerifyStage } from "../../../src/stages/verify-stage.ts";
import { pushFiles, show } from "../../support/git.ts";
import { publishTestReleases } from "../../support/registry-package.ts";
import { APP, MODEL, verifyWorld } from "../../support/verify-world.ts";

const root = join(import.meta.dirname, "../../..");
let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "modelship-format-version-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** 1-based line and column where `needle` first starts in `text`. */
function positionOf(text: string, needle: string): { line: number; column: number } {
  const index = text.indexOf(needle);
  assert.ok(index >= 0, `${needle} is in the test's text`);
  const before = text.slice(0, index).split("\n");
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

async function userError(run: () => unknown): Promise<UserError> {
  try {
    await run();
  } catch (error) {
    assert.ok(isUserError(error), `expected a UserError, got ${String(error)}`);
    return error;
  }
  assert.fail("expected the read to fail");
}

const UPGRADE =
  "upgrade modelship (npm install --save-dev modelship@latest, and a newer modelship action ref in your workflows; docs/compatibility.md)";

/** The refusal of a file written for format `version` where modelship reads version 1. */
function assertNewer(
  error: UserError,
  expected: { file: string; what: string; key: "version" | "schema"; version: number; text?: string; value?: string },
): void {
  const pointer = `/${expected.key}`;
  assert.equal(
    error.problem,
    `was written for format version ${expected.version} of the ${expected.what}; this modelship (${TOOL_VERSION}) reads version 1`,
  );
  assert.equal(error.file, expected.file);
  assert.equal(error.pointer, pointer);
  assert.equal(
    error.hint,
    expected.key === "version"
      ? `${UPGRADE}, or write the file for version 1: set /version to 1 and use only the fields docs/configuration.md lists`
      : `${UPGRADE}, or make the file again with this modelship`,
  );
  if (expected.text !== undefined) {
    const { line, column } = positionOf(expected.text, expected.value!);
    assert.equal(error.line, line, "the line of the version's value");
    assert.equal(error.message, `${expected.file}:${line}:${column}: ${error.problem} (at ${pointer})\n  Fix: ${error.hint}`);
  }
  assert.doesNotMatch(error.message, /does not match its schema|must be 1/, "not the schema's generic answer");
}

/** The refusal of a `version:` that is no version at all. */
function assertGarbledVersion(error: UserError, expected: { file: string; what: string; raw: unknown }): void {
  assert.equal(
    error.problem,
    `/version is ${JSON.stringify(expected.raw)}, which is not a format version of the ${expected.what} (this modelship writes 1)`,
  );
  assert.equal(error.file, expected.file);
  assert.equal(error.pointer, "/version");
  assert.equal(error.hint, "write `version: 1`, or remove the key (a file without it is read as version 1); see docs/compatibility.md");
}

/** A user-written format: its reader, a valid body without `version`, and its name in messages. */
interface UserFormat {
  name: string;
  what: string;
  file: string;
  /** The file's text after the `version` line (YAML). */
  body: string;
  /** Reads the file at `path` (relative to `dir`); returns something only a successful read returns. */
  read: (file: string) => Promise<unknown>;
  /** The file as errors name it, when not as given. */
  shown?: (file: string) => string;
}

const USER_FORMATS: UserFormat[] = [
  {
    name: "modelship.yaml",
    what: "modelship config",
    file: "modelship.yaml",
    body: "model: churn\n",
    read: async (file) => parseConfig(await readFile(join(dir, file), "utf8"), { file, cwd: dir }).config?.model,
  },
  {
    name: "data contract",
    what: "data contract",
    file: "contract.yaml",
    body: "columns:\n  - { name: age, type: integer }\n",
    read: async (file) => parseContract(await readFile(join(dir, file), "utf8"), file).columns.length,
  },
  {
    name: "gate policy file",
    what: "gate policy",
    file: "policy.yaml",
    body: "quality:\n  - { metric: accuracy, min: 0.5 }\n",
    read: async (file) => (await readPolicyFile(file, dir)).quality.length,
  },
  {
    name: "train config",
    what: "train config",
    file: "train.yaml",
    body: "data: { train: train.csv }\ntarget: y\nfeatures: [age]\n",
    read: async (file) => (await loadTrainConfig(file, dir)).target,
  },
  {
    name: "canary metrics document",
    what: "canary metrics document",
    file: "canary-metrics.yaml",
    body: 'versions: { "0.0.2": { error_rate: 0.01 } }\n',
    read: async (file) => {
      const context: HealthContext = { model: "churn", canaryVersion: "0.0.2", stableVersion: "0.0.1", window: "10m" };
      const [result] = await readHealth({ kind: "metrics-file", path: join(dir, file) }, [{ name: "error_rate", max: 0.05 }], context);
      return result!.canary;
    },
    shown: (file) => join(dir, file),
  },
];

describe("user-written formats (version key: absent is 1)", () => {
  for (const format of USER_FORMATS) {
    describe(format.name, () => {
      const write = async (versionLine: string) => {
        const text = `# a ${format.name}\n${versionLine}${format.body}`;
        await writeFile(join(dir, format.file), text);
        return text;
      };

      it("reads a file without a version as version 1, and a file with version: 1", async () => {
        await write("");
        const absent = await format.read(format.file);
        assert.notEqual(absent, undefined);
        await write("version: 1\n");
        assert.deepEqual(await format.read(format.file), absent);
      });

      it("refuses version: 2 with the upgrade message, naming the file, the line and /version", async () => {
        const text = await write("version: 2\n");
        const error = await userError(() => format.read(format.file));
        assertNewer(error, {
          file: format.shown?.(format.file) ?? format.file,
          what: format.what,
          key: "version",
          version: 2,
          text,
          value: "2\n",
        });
      });

      it("refuses a garbled version, saying what to write", async () => {
        for (const [line, raw] of [
          ['version: "1"\n', "1"],
          ["version: v1\n", "v1"],
          ["version: 1.5\n", 1.5],
          ["version: 0\n", 0],
          ["version: [1]\n", [1]],
        ] as const) {
          await write(line);
          const error = await userError(() => format.read(format.file));
          assertGarbledVersion(error, { file: format.shown?.(format.file) ?? format.file, what: format.what, raw });
        }
      });
    });
  }
});

// A logistic regression on two inputs, built with onnx.helper, and the metrics.json the test gives it.
const TRAIN_PY = String.raw`
import os, sys
import onnx
from onnx import helper, TensorProto
out = os.environ["MODELSHIP_OUTPUT_DIR"]
w = helper.make_tensor("w", TensorProto.FLOAT, [2, 1], [0.5, -0.25])
graph = helper.make_graph([helper.make_node("MatMul", ["x", "w"], ["z"]), helper.make_node("Sigmoid", ["z"], ["probability"])],
    "logistic", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 2])], [helper.make_tensor_value_info("probability", TensorProto.FLOAT, ["N", 1])], [w])
onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], ir_version=8), os.path.join(out, "model.onnx"))
if sys.argv[1] != "-":
    open(os.path.join(out, "metrics.json"), "w").write(sys.argv[1])
`;

describe("metrics.json (a training command's, version key in either form)", () => {
  let work: string;
  let runs = 0;
  before(async () => {
    work = join(dir, "train-work");
    await mkdir(work, { recursive: true });
    await writeFile(join(work, "train.py"), TRAIN_PY);
    await writeFile(join(work, "train.csv"), "x1,x2,y\n1,2,0\n3,4,1\n");
  });
  const train = (metrics: string) =>
    runTraining({
      run: { command: `/usr/bin/python3 train.py '${metrics}'` },
      outputDir: `runs/run-${++runs}`,
      cwd: work,
      requireGpu: "false",
      data: { train: "train.csv" },
      env: process.env,
      logger: new MemoryLogger(),
      toolVersion: "test",
    });

  it("reads version 1 or none in the flat and the wrapped form; the version is never a metric", async () => {
    for (const text of ['{"loss": 0.25}', '{"version": 1, "loss": 0.25}', '{"version": 1, "metrics": {"loss": 0.25}}']) {
      const result = await train(text);
      assert.deepEqual(result.record.metrics, { loss: 0.25 }, text);
    }
  });

  it("refuses version 2 in either form with the upgrade message, not the two forms' hint", async () => {
    for (const text of ['{"version": 2, "loss": 0.25}', '{"version": 2, "metrics": {"loss": 0.25}}']) {
      const error = await userError(() => train(text));
      assertNewer(error, {
        file: "$MODELSHIP_OUTPUT_DIR/metrics.json",
        what: "metrics.json",
        key: "version",
        version: 2,
        text,
        value: "2,",
      });
    }
  });

  it("refuses a garbled version", async () => {
    const error = await userError(() => train('{"version": "one", "loss": 0.25}'));
    assertGarbledVersion(error, { file: "$MODELSHIP_OUTPUT_DIR/metrics.json", what: "metrics.json", raw: "one" });
  });

  it("run records (schema modelship/run-record@N): @1 is read, @2 refused, another kind or a garbled id refused", async () => {
    const result = await train("-");
    const written = JSON.parse(await readFile(result.metricsPath, "utf8")) as Record<string, unknown>;
    assert.equal(written.version, 1, "the metrics.json modelship writes carries version 1 first");
    assert.equal(Object.keys(written)[0], "version");

    const recordText = await readFile(result.runRecordPath, "utf8");
    const sweep = join(dir, "sweep");
    await mkdir(join(sweep, "a"), { recursive: true });
    const file = join(sweep, "a", "run-record.json");
    await writeFile(file, recordText);
    assert.equal((await loadRuns(sweep)).length, 1);

    const newer = recordText.replace('"modelship/run-record@1"', '"modelship/run-record@2"');
    await writeFile(file, newer);
    const error = await userError(() => loadRuns(sweep));
    assertNewer(error, { file, what: "run record", key: "schema", version: 2, text: newer, value: '"modelship/run-record@2"' });

    await writeFile(file, recordText.replace('"modelship/run-record@1"', '"modelship/gate-report@1"'));
    const foreign = await userError(() => loadRuns(sweep));
    assert.equal(foreign.problem, 'is a gate report (schema: "modelship/gate-report@1"), not a run record');
    assert.equal(foreign.pointer, "/schema");
    assert.match(foreign.hint ?? "", /give the run record here \(its \/schema is "modelship\/run-record@1"\)/);

    await writeFile(file, recordText.replace('"modelship/run-record@1"', '"modelship/run-record@latest"'));
    const garbled = await userError(() => loadRuns(sweep));
    assert.equal(
      garbled.problem,
      '/schema is "modelship/run-record@latest", which is not a format version of the run record (this modelship writes "modelship/run-record@1")',
    );
    assert.match(garbled.hint ?? "", /not written by modelship as a run record, or was damaged/);
  });
});

describe("formats modelship writes (schema: modelship/<kind>@N)", () => {
  it("the model manifest: @2 (a release by a newer modelship) is refused by fetch with the upgrade message, not 'tampered with'", async () => {
    const registry = join(dir, "registry");
    await publishTestReleases(join(dir, "packages"), registry, "churn", [{ version: "1.0.0" }]);
    const store = new LocalStore({ root: registry });
    const fetched = await fetchModel({ store, model: "churn", version: "1.0.0", dir: join(dir, "fetch-1"), logger: new MemoryLogger() });
    assert.equal(fetched.manifest.version, "1.0.0");

    const manifestFile = join(registry, "churn", "1.0.0", "manifest.json");
    const text = await readFile(manifestFile, "utf8");
    const newer = text.replace('"modelship/model-manifest@1"', '"modelship/model-manifest@2"');
    await writeFile(manifestFile, newer);
    const error = await userError(() =>
      fetchModel({ store, model: "churn", version: "1.0.0", dir: join(dir, "fetch-2"), logger: new MemoryLogger() }),
    );
    assert.equal(error.problem, `was written for format version 2 of the model manifest; this modelship (${TOOL_VERSION}) reads version 1`);
    assert.equal(error.pointer, "/schema");
    assert.match(error.file ?? "", /manifest\.json$/);
    assert.doesNotMatch(error.message, /tampered/);

    // parseManifest, which every store and verify-promotion read a manifest with: the line too.
    const direct = await userError(() => parseManifest(newer, "manifest.json"));
    assertNewer(direct, {
      file: "manifest.json",
      what: "model manifest",
      key: "schema",
      version: 2,
      text: newer,
      value: '"modelship/model-manifest@2"',
    });
    const garbled = await userError(() => parseManifest(text.replace('"modelship/model-manifest@1"', "7"), "manifest.json"));
    assert.equal(
      garbled.problem,
      '/schema is 7, which is not a format version of the model manifest (this modelship writes "modelship/model-manifest@1")',
    );
  });

  it("the gate report a release reads: @2 refused before anything else is checked", async () => {
    const model = join(dir, "model.onnx");
    await writeFile(model, "bytes");
    const report = join(dir, "gate-report.json");
    const text = '{\n  "schema": "modelship/gate-report@2",\n  "verdict": "pass"\n}\n';
    await writeFile(report, text);
    const options = {
      model: "churn",
      version: "1.0.0",
      tag: "churn/v1.0.0",
      modelPath: model,
      gateReportPath: report,
      allowUngated: false,
      outDir: join(dir, "package-out"),
      toolVersion: "test",
    };
    const error = await userError(() => packageModel(options));
    assertNewer(error, { file: report, what: "gate report", key: "schema", version: 2, text, value: '"modelship/gate-report@2"' });
    await writeFile(report, '{"schema": "modelship/drift-report@1"}');
    const foreign = await userError(() => packageModel(options));
    assert.equal(foreign.problem, 'is a drift report (schema: "modelship/drift-report@1"), not a gate report');
  });

  it("the reference profile: @1 is read, @2 refused with the line of /schema", async () => {
    const data = join(dir, "profile.csv");
    await writeFile(data, "age,y\n30,0\n40,1\n50,1\n");
    const contract = parseContract(
      "columns:\n  - { name: age, type: integer }\n  - { name: y, type: integer, role: target }\n",
      "contract.yaml",
    );
    const profile = await profileData({ contract, paths: [data], logger: new MemoryLogger(), toolVersion: "test" });
    const file = join(dir, "profile.json");
    const text = `${JSON.stringify(profile, null, 2)}\n`;
    await writeFile(file, text);
    assert.equal((await readProfile(file)).rows, 3);
    const newer = text.replace('"modelship/reference-profile@1"', '"modelship/reference-profile@2"');
    await writeFile(file, newer);
    const error = await userError(() => readProfile(file));
    assertNewer(error, {
      file,
      what: "reference profile",
      key: "schema",
      version: 2,
      text: newer,
      value: '"modelship/reference-profile@2"',
    });
  });

  it("fields a newer minor added to a format modelship writes are ignored; the same in a user's file is a typo", async () => {
    const registry = join(dir, "registry-minor");
    await publishTestReleases(join(dir, "packages-minor"), registry, "churn", [{ version: "1.0.0" }]);
    const text = await readFile(join(registry, "churn", "1.0.0", "manifest.json"), "utf8");
    const manifest = JSON.parse(text) as Record<string, unknown> & { gate: Record<string, unknown> };
    const newer = { ...manifest, signed_by: "future", gate: { ...manifest.gate, reviewer: "someone" } };
    const read = parseManifest(JSON.stringify(newer), "manifest.json");
    assert.equal(read.digest, manifest.digest as string);
    assert.equal(read.gate.verdict, "pass");
    // Still checked: a known field of the wrong type is refused.
    const broken = await userError(() => parseManifest(JSON.stringify({ ...newer, digest: 7 }), "manifest.json"));
    assert.match(broken.message, /\/digest: must be string/);

    const contract = await userError(() =>
      parseContract("version: 1\ncolumns:\n  - { name: age, type: integer, nulable: false }\n", "c.yaml"),
    );
    assert.match(contract.message, /\/columns\/0\/nulable: unknown property "nulable"/);
  });

  it("a report without its schema key is refused by the schema (the key is required, never defaulted)", async () => {
    const error = await userError(() => parseManifest('{"name": "churn"}', "manifest.json"));
    assert.match(error.message, /missing required property "schema"/);
  });
});

describe("older versions", () => {
  // No format has a version 2 yet; a synthetic one shows how an older version is read or retired.
  const format: FileFormat = {
    key: "version",
    current: 3,
    upgrades: {
      2: (document) => {
        const { threshold, ...rest } = document;
        return { ...rest, version: 3, min: threshold };
      },
    },
  };

  it("reads an older version through its upgrades, and a current one as it is", () => {
    assert.deepEqual(upgradeFormat({ version: 2, threshold: 0.5 }, format, { file: "f.yaml", what: "thing" }), { version: 3, min: 0.5 });
    const current = { version: 3, min: 0.5 };
    assert.equal(upgradeFormat(current, format, { file: "f.yaml", what: "thing" }), current);
  });

  it("refuses a version no longer read, saying how to rewrite it", async () => {
    const error = await userError(() => upgradeFormat({ version: 1 }, format, { file: "f.yaml", what: "thing" }));
    assert.equal(
      error.problem,
      `was written for format version 1 of the thing, which this modelship (${TOOL_VERSION}) no longer reads (it reads version 3)`,
    );
    assert.equal(error.pointer, "/version");
    assert.match(error.hint ?? "", /rewrite the file for version 3 .*set \/version to 3/);
  });
});

describe("every schema in schemas/ declares its format version", async () => {
  const schemaDir = join(root, "schemas");
  const files = (await readdir(schemaDir)).filter((file) => file.endsWith(".schema.json")).sort();
  const schemas = await Promise.all(
    files.map(async (file) => ({
      file,
      schema: JSON.parse(await readFile(join(schemaDir, file), "utf8")) as Record<string, unknown> & { $id: string },
    })),
  );

  for (const { file, schema } of schemas) {
    it(`${file}: a \`schema\` (written by modelship, required) or \`version\` (written by users, optional) key at version 1`, () => {
      const format = formatOfSchema(schema);
      assert.ok(format !== undefined, `${file} declares neither a "schema": "modelship/<kind>@1" nor a "version": 1 property`);
      assert.equal(format.current, 1);
      const required = (schema.required as string[] | undefined) ?? [];
      if (format.key === "schema") {
        assert.equal(format.id, `modelship/${file.replace(".schema.json", "")}`, "the identifier is named after the file");
        assert.ok(required.includes("schema"), "a report always names its format");
      } else {
        assert.ok(!required.includes("version"), "a user's file may leave the version out (it is then 1)");
      }
    });

    it(`${file}: a newer version gets the upgrade message from the schema check itself`, async () => {
      const format = formatOfSchema(schema)!;
      const data = format.key === "schema" ? { schema: `${format.id!}@2` } : { version: 2 };
      const error = await userError(() => assertValid(schema, data, { file: "x.json", what: "document" }));
      assert.match(error.problem, /^was written for format version 2 of the document; this modelship .* reads version 1$/);
    });
  }
});

describe("writers", () => {
  it("`contract infer` writes version: 1 first, for CSV (with a dialect) and JSON Lines (without)", async () => {
    for (const [name, text] of [
      ["infer.csv", "age,y\n30,a\n40,b\n"],
      ["infer.jsonl", '{"age": 30, "y": "a"}\n{"age": 40, "y": "b"}\n'],
    ] as const) {
      const path = join(dir, name);
      await writeFile(path, text);
      const { yaml } = await inferContract({ paths: [path], logger: new MemoryLogger() });
      const lines = yaml.split("\n").filter((line) => line !== "" && !line.startsWith("#"));
      assert.equal(lines[0], "version: 1", name);
      assert.equal((parseYaml(yaml) as Record<string, unknown>).version, 1);
    }
  });
});

describe("the examples", () => {
  const files = [
    "examples/model-repo/modelship.yaml",
    "examples/model-repo/data/contract.yaml",
    "examples/model-repo/train/train.yaml",
    "examples/model-repo/train/baseline.yaml",
    "examples/model-repo/policies/fairness-reviewed.yaml",
    "examples/gitops-repo/modelship.yaml",
  ];
  for (const file of files) {
    it(`${file} carries version: 1`, async () => {
      const document = parseYaml(await readFile(join(root, file), "utf8")) as Record<string, unknown>;
      assert.equal(document.version, 1);
    });
  }
});

describe("verify-promotion of a release made by a newer modelship", () => {
  it("fails the check with the upgrade message at the manifest's /schema, not as a damaged release", async () => {
    const world = await verifyWorld();
    try {
      const manifestFile = join(world.registry, MODEL, "0.0.2", "manifest.json");
      const text = await readFile(manifestFile, "utf8");
      await writeFile(manifestFile, text.replace('"modelship/model-manifest@1"', '"modelship/model-manifest@2"'));
      const values = `${APP}/values.yaml`;
      pushFiles(
        world.bare,
        "newer",
        { [values]: show(world.bare, "main", values).replace(world.uri("0.0.1"), world.uri("0.0.2")) },
        { from: "main" },
      );
      let outcome: string;
      try {
        const result = await runVerifyStage({ head: "newer", remote: world.bare, base: "main" }, world.run);
        assert.equal(result.ok, false, result.markdown);
        outcome = `${result.problems.join("\n")}\n${result.markdown}`;
      } catch (error) {
        assert.ok(isUserError(error), String(error));
        outcome = error.message;
      }
      assert.match(outcome, /was written for format version 2 of the model manifest; this modelship \(.*\) reads version 1/);
      assert.match(outcome, /npm install --save-dev modelship@latest/);
      assert.doesNotMatch(outcome, /tampered/);
    } finally {
      await world.cleanup();
    }
  });
});
