/**
 * Bad input for the model commands and actions (train, evaluate, release, fetch, registry, and the
 * actions train, evaluate, release, fetch-model, select-best, validate-data and comment): hostile
 * and malformed models, gate policies and gate reports, tampered manifests and registries, version
 * strings, model names and tag formats, output folders that cannot be written, flags and
 * environment variables out of range.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { readFile, symlink, writeFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { aliasBomb, type BadInputCase } from "../../support/bad-input.ts";
import { python } from "../../support/python.ts";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

/** Models the kit does not have, made once by python3-onnx: three features, two inputs named for absent columns, a rank-3 input. */
const MODELS = python<Record<"three" | "named" | "rank3", string>>(String.raw`
import base64, onnx
from onnx import helper, TensorProto
def model(inputs, nodes, outputs, inits):
    m = helper.make_model(helper.make_graph(nodes, "g", inputs, outputs, inits), opset_imports=[helper.make_opsetid("", 13)], ir_version=7)
    onnx.checker.check_model(m)
    return base64.b64encode(m.SerializeToString()).decode()
lo = helper.make_tensor("lo", TensorProto.FLOAT, [], [0.0]); hi = helper.make_tensor("hi", TensorProto.FLOAT, [], [1.0])
prob = helper.make_tensor_value_info("probability", TensorProto.FLOAT, ["N", 1])
x3 = helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 3])
w3 = helper.make_tensor("w", TensorProto.FLOAT, [3, 1], [0.0, 0.0, 0.01])
three = model([x3], [helper.make_node("MatMul", ["x", "w"], ["s"]), helper.make_node("Clip", ["s", "lo", "hi"], ["probability"])], [prob], [w3, lo, hi])
a = helper.make_tensor_value_info("income", TensorProto.FLOAT, ["N", 1]); b = helper.make_tensor_value_info("education", TensorProto.FLOAT, ["N", 1])
named = model([a, b], [helper.make_node("Add", ["income", "education"], ["s"]), helper.make_node("Clip", ["s", "lo", "hi"], ["probability"])], [prob], [lo, hi])
x22 = helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 2, 2]); y22 = helper.make_tensor_value_info("probability", TensorProto.FLOAT, ["N", 2, 2])
rank3 = model([x22], [helper.make_node("Clip", ["x", "lo", "hi"], ["probability"])], [y22], [lo, hi])
emit({"three": three, "named": named, "rank3": rank3})
`);
const model = (name: keyof typeof MODELS) => Buffer.from(MODELS[name], "base64");

/** The kit's model cut short: a protobuf that ends mid-field. */
const truncated = (work: string) =>
  readFile(join(work, "model.onnx")).then((bytes) => writeFile(join(work, "cut.onnx"), bytes.subarray(0, 100)));

/** Six levels of nine aliases each: 9^6 = 531441 copies from a few lines (a "billion laughs"). */
const ALIAS_BOMB = aliasBomb(6, "  ");

/** Matches output that never says `pattern` (the harness's `says` only asserts what is there). */
const never = (pattern: RegExp): RegExp => new RegExp(`^(?![\\s\\S]*(?:${pattern.source}))`, pattern.flags);

const VERSION_DIR = "registry/toy/1.0.0";
const sha256 = (text: string | Buffer) => createHash("sha256").update(text).digest("hex");

/**
 * Rewrites the released toy 1.0.0's manifest with `change`, and its SHA256SUMS and digest to agree,
 * so the package is consistent except for what the attack changed.
 */
function tamperManifest(change: (manifest: { files: { name: string; sha256: string }[]; digest: string }) => void) {
  return async (work: string) => {
    const path = join(work, VERSION_DIR, "manifest.json");
    const manifest = JSON.parse(await readFile(path, "utf8")) as { files: { name: string; sha256: string }[]; digest: string };
    change(manifest);
    const sums = [...manifest.files]
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((file) => `${file.sha256}  ${file.name}\n`)
      .join("");
    await writeFile(join(work, VERSION_DIR, "SHA256SUMS"), sums);
    manifest.digest = sha256(sums);
    await writeFile(path, `${JSON.stringify(manifest, null, 2)}\n`);
  };
}

/**
 * The composite train and evaluate actions set up Node and install onnxruntime before their one
 * JavaScript step (`node dist/<name>.js` with the inputs as INPUT_*), which runAction cannot run. This
 * writes a manifest of that step alone (the composite's inputs that the step reads, its main) and
 * returns its path from actions/, for `action.name`.
 */
function javascriptStep(name: "train" | "evaluate"): string {
  const composite = parseYaml(readFileSync(join(ROOT, "actions", name, "action.yml"), "utf8")) as {
    inputs: Record<string, unknown>;
    runs: { steps: { run?: string; env?: Record<string, string> }[] };
  };
  const step = composite.runs.steps.find((candidate) => candidate.run?.includes(`dist/${name}.js`));
  if (step?.env === undefined) throw new Error(`actions/${name}/action.yml has no step running dist/${name}.js`);
  const inputs = Object.fromEntries(
    Object.keys(step.env)
      .filter((variable) => variable.startsWith("INPUT_"))
      .map((variable) => variable.slice("INPUT_".length).toLowerCase())
      .map((input) => [input, composite.inputs[input]]),
  );
  const dir = mkdtempSync(join(tmpdir(), `modelship-corpus-${name}-step-`));
  writeFileSync(
    join(dir, "action.yml"),
    stringifyYaml({
      name: `modelship ${name} (the JavaScript step)`,
      inputs,
      runs: { using: "node24", main: join(ROOT, "dist", `${name}.js`) },
    }),
  );
  process.on("exit", () => {
    rmSync(dir, { recursive: true, force: true });
  });
  return relative(join(ROOT, "actions"), dir);
}

const TRAIN_STEP = javascriptStep("train");
const EVALUATE_STEP = javascriptStep("evaluate");

const evaluate = (...rest: string[]) => ["evaluate", "--report-dir", "reports", ...rest];
const release = (...rest: string[]) => ["release", "--version", "2.0.0", ...rest];
const NOT_ONNX = "this is not a protobuf\n";

export const MODEL_CASES: BadInputCase[] = [
  // ── malformed and hostile models ──────────────────────────────────────────
  {
    name: "evaluate: a model that is not ONNX",
    files: { "bad.onnx": NOT_ONNX },
    cli: evaluate("--model", "bad.onnx"),
    says: ["bad.onnx", /ONNX/],
  },
  {
    name: "evaluate: a truncated ONNX model",
    setup: truncated,
    cli: evaluate("--model", "cut.onnx"),
    says: ["cut.onnx", /ONNX/, never(/onnxruntime_src|\.cc:\d+/)],
  },
  {
    name: "evaluate: an empty model file",
    files: { "empty.onnx": "" },
    cli: evaluate("--model", "empty.onnx"),
    says: ["empty.onnx", /empty/, never(/onnxruntime_src|\.cc:\d+/)],
  },
  {
    name: "evaluate: a model path that is a folder",
    files: { "folder.onnx": { folder: true } },
    cli: evaluate("--model", "folder.onnx"),
    says: ["folder.onnx", /folder|directory/],
  },
  {
    name: "evaluate: a model that does not exist names --model",
    cli: evaluate("--model", "gone.onnx"),
    says: ["gone.onnx", /not found/, "--model"],
  },
  {
    name: "evaluate: MODELSHIP_MODEL naming a missing file",
    cli: evaluate(),
    env: { MODELSHIP_MODEL: "gone.onnx" },
    says: ["gone.onnx", "MODELSHIP_MODEL"],
  },
  {
    name: "evaluate: a model of three features fed two",
    files: { "three.onnx": model("three") },
    cli: evaluate("--model", "three.onnx"),
    says: ["three.onnx", /3 features/, "evaluate.features", "--feature"],
  },
  {
    name: "evaluate: a model whose inputs are named for columns the data lacks",
    files: { "named.onnx": model("named") },
    cli: evaluate("--model", "named.onnx"),
    says: ["named.onnx", '"income"', '"education"', "test.csv"],
  },
  {
    name: "evaluate: a model with a rank-3 input",
    files: { "rank3.onnx": model("rank3") },
    cli: evaluate("--model", "rank3.onnx"),
    says: ["rank3.onnx", "[N, 2, 2]"],
  },
  {
    name: "evaluate: a champion that does not exist names --champion",
    cli: evaluate("--champion", "gone.onnx"),
    says: ["gone.onnx", "--champion", never(/evaluate\.model/)],
  },
  {
    name: "evaluate: a champion that is not ONNX",
    files: { "bad.onnx": NOT_ONNX },
    cli: evaluate("--champion", "bad.onnx"),
    says: ["bad.onnx", /champion/, /ONNX/],
  },
  // ── evaluate's flags and environment ──────────────────────────────────────
  {
    name: "evaluate: --feature not in the data",
    cli: evaluate("--feature", "weight", "--feature", "hours"),
    says: ['"weight"', "--feature", "test.csv"],
  },
  {
    name: "evaluate: --feature listed twice",
    cli: evaluate("--feature", "age", "--feature", "age"),
    says: ['"age"', /twice/, "--feature"],
  },
  { name: "evaluate: --target that is not a column", cli: evaluate("--target", "income"), says: ['"income"', "--target", "test.csv"] },
  {
    name: "evaluate: --positive-label that is not a class",
    cli: evaluate("--positive-label", "maybe"),
    says: ['"maybe"', "--positive-label", /"no", "yes"/],
  },
  { name: "evaluate: --threshold 1.5", cli: evaluate("--threshold", "1.5"), says: ["--threshold", "1.5", /0 .*1/] },
  { name: "evaluate: --threshold abc", cli: evaluate("--threshold", "abc"), says: ["--threshold", '"abc"'] },
  {
    name: "evaluate: MODELSHIP_THRESHOLD out of range",
    cli: evaluate(),
    env: { MODELSHIP_THRESHOLD: "2" },
    says: ["MODELSHIP_THRESHOLD", "2"],
  },
  { name: "evaluate: --resamples -5", cli: evaluate("--resamples", "-5"), says: ["--resamples", '"-5"'] },
  {
    name: "evaluate: MODELSHIP_RESAMPLES that is not a number",
    cli: evaluate(),
    env: { MODELSHIP_RESAMPLES: "lots" },
    says: ["MODELSHIP_RESAMPLES", '"lots"'],
  },
  { name: "evaluate: --seed abc", cli: evaluate("--seed", "abc"), says: ["--seed", '"abc"'] },
  { name: "evaluate: --threads 0", cli: evaluate("--threads", "0"), says: ["--threads", /at least 1|1 to|from 1/] },
  { name: "evaluate: --threads -2 asks for a number from 1", cli: evaluate("--threads", "-2"), says: ["--threads", '"-2"', never(/≥ 0/)] },
  { name: "evaluate: --fail-on loud", cli: evaluate("--fail-on", "loud"), says: ["--fail-on", "fail, warn, never"] },
  {
    name: "evaluate: --report-dir under a file",
    files: { taken: "x" },
    cli: ["evaluate", "--report-dir", "taken/reports"],
    says: ["--report-dir", "taken", /is a file/],
  },
  // ── gate policies ─────────────────────────────────────────────────────────
  {
    name: "gate policy: a misspelt metric names the line, pointer and the metric meant",
    files: { "gates.yaml": "quality:\n  - metric: acuracy\n    min: 0.5\n" },
    cli: evaluate("--policy", "gates.yaml"),
    says: ["gates.yaml:2", "/quality/0/metric", '"accuracy"'],
  },
  {
    name: "gate policy: min above max can never pass",
    files: { "gates.yaml": "quality:\n  - metric: accuracy\n    min: 0.9\n    max: 0.1\n" },
    cli: evaluate("--policy", "gates.yaml"),
    says: ["gates.yaml:3", "/quality/0", /min/, /max/],
  },
  {
    name: "gate policy: a bound a metric can never reach (accuracy ≥ 2)",
    files: { "gates.yaml": "quality:\n  - metric: accuracy\n    min: 2\n" },
    cli: evaluate("--policy", "gates.yaml"),
    says: ["gates.yaml:3", "/quality/0/min", /between 0 and 1/],
  },
  {
    name: "gate policy in modelship.yaml: min above max names modelship.yaml and the pointer",
    setup: async (work) => {
      const config = await readFile(join(work, "modelship.yaml"), "utf8");
      await writeFile(join(work, "modelship.yaml"), `${config}gates:\n  quality:\n    - { metric: roc_auc, min: 0.8, max: 0.6 }\n`);
    },
    cli: evaluate(),
    says: ["modelship.yaml", "/gates/quality/0"],
  },
  {
    name: "gate policy: an alias bomb",
    files: { "gates.yaml": `x-bomb:\n${ALIAS_BOMB}quality: []\n` },
    cli: evaluate("--policy", "gates.yaml"),
    says: ["gates.yaml", /alias/i],
  },
  {
    name: "gate policy: a YAML syntax error names line and column",
    files: { "gates.yaml": "quality: [\n  - metric\n" },
    cli: evaluate("--policy", "gates.yaml"),
    says: [/gates\.yaml:\d+:\d+/, /syntax/i],
  },
  { name: "gate policy: a file that does not exist", cli: evaluate("--policy", "gone.yaml"), says: ["--policy", "gone.yaml", /not found/] },
  {
    name: "gate policy: gates.policy in modelship.yaml naming a file that does not exist",
    setup: async (work) => {
      const config = await readFile(join(work, "modelship.yaml"), "utf8");
      await writeFile(join(work, "modelship.yaml"), `${config}gates:\n  policy: gone.yaml\n`);
    },
    cli: evaluate(),
    says: ["gates.policy", "gone.yaml", /not found/],
  },
  {
    name: "gate policy: a gate without min or max",
    files: { "gates.yaml": "quality:\n  - metric: accuracy\n" },
    cli: evaluate("--policy", "gates.yaml"),
    says: ["gates.yaml:2", "/quality/0"],
  },
  {
    name: "gate policy: a regression metric for a classifier",
    files: { "gates.yaml": "quality:\n  - metric: mae\n    max: 0.5\n" },
    cli: evaluate("--policy", "gates.yaml"),
    says: ["gates.yaml", "/quality/0/metric", '"mae"'],
  },
  {
    name: "gate policy: a champion file that does not exist names the policy's champion.model",
    files: { "gates.yaml": "champion:\n  model: gone.onnx\n" },
    cli: evaluate("--policy", "gates.yaml"),
    says: ["gone.onnx", "champion", never(/evaluate\.model/)],
  },
  // ── gate reports and what a release packages ──────────────────────────────
  {
    name: "release: a gate report that does not exist",
    cli: release("--gate-report", "gone.json"),
    says: ["gone.json", /not found/, "--gate-report"],
  },
  {
    name: "release: a gate report that is not JSON",
    files: { "bad.json": '{\n  "schema": oops\n' },
    cli: release("--gate-report", "bad.json"),
    says: [/bad\.json:\d+/],
  },
  {
    name: "release: a gate report that is another kind of file",
    cli: release("--gate-report", "profile.json"),
    says: ["profile.json", "/schema", "gate-report"],
  },
  {
    name: "release: a gate report made for other model bytes names --allow-ungated",
    cli: release("--model", "other.onnx"),
    says: ["gate-report.json", /other model bytes/, "--allow-ungated"],
  },
  {
    name: "release: a gate report whose verdict is fail",
    setup: async (work) => {
      const path = join(work, ".modelship/evaluation/gate-report.json");
      const report = JSON.parse(await readFile(path, "utf8")) as { verdict: string; passed: boolean };
      Object.assign(report, { verdict: "fail", passed: false });
      await writeFile(path, JSON.stringify(report));
    },
    cli: release(),
    says: [/verdict is fail/, "--allow-ungated"],
  },
  {
    name: "release: an empty model file, ungated",
    files: { "empty.onnx": "" },
    cli: release("--model", "empty.onnx", "--allow-ungated"),
    says: ["empty.onnx", /empty/, never(/onnxruntime_src/)],
  },
  {
    name: "release: a truncated model, ungated",
    setup: truncated,
    cli: release("--model", "cut.onnx", "--allow-ungated"),
    says: ["cut.onnx", /ONNX/],
  },
  {
    name: "release: a model path that is a folder",
    files: { "folder.onnx": { folder: true } },
    cli: release("--model", "folder.onnx"),
    says: ["folder.onnx", /folder/, "--model"],
  },
  { name: "release: a model that does not exist", cli: release("--model", "gone.onnx"), says: ["gone.onnx", /not found/, "--model"] },
  {
    name: "release: a reference profile that does not exist",
    cli: release("--reference-profile", "gone.json"),
    says: ["gone.json", /not found/, "--reference-profile"],
  },
  {
    name: "release: a reference profile that is not a profile",
    cli: release("--reference-profile", "contract.yaml"),
    says: ["contract.yaml", /reference profile/],
  },
  {
    name: "release: a reference profile that is not JSON",
    files: { "bad.json": "{ nope" },
    cli: release("--reference-profile", "bad.json"),
    says: ["bad.json:1", /JSON/],
  },
  {
    name: "release: a run record that is another kind of file",
    cli: release("--run-record", "profile.json"),
    says: ["profile.json", "/schema", "run-record"],
  },
  { name: "release: --reference-data that does not exist", cli: release("--reference-data", "gone.csv"), says: ["gone.csv"] },
  // ── versions, names and tags ──────────────────────────────────────────────
  {
    name: "release: --version 1.2 is refused before any profiling",
    cli: ["release", "--reference-data", "train", "--version", "1.2"],
    says: ['"1.2" is not a version', "--version", /Fix: .*1\.4\.0/, never(/Profil/)],
  },
  {
    name: "release: MODELSHIP_VERSION that is not a version",
    cli: ["release"],
    env: { MODELSHIP_VERSION: "latest" },
    says: ['"latest"', "MODELSHIP_VERSION"],
  },
  {
    name: "release: --version with a build number",
    cli: ["release", "--version", "1.2.3+build.7"],
    says: ['"1.2.3+build.7"', "--version"],
  },
  { name: "release: --bump huge", cli: ["release", "--bump", "huge"], says: ["--bump", "MODELSHIP_BUMP", "patch, minor, major"] },
  {
    name: "release: --version and --bump together",
    cli: ["release", "--version", "2.0.0", "--bump", "minor"],
    says: ["--version", "--bump"],
  },
  { name: "release: --tag-format without {version}", cli: release("--tag-format", "v{model}"), says: ["--tag-format", "{version}"] },
  {
    name: "release: --tag-format that makes no git tag",
    cli: release("--tag-format", "{model}/../v{version}"),
    says: ["--tag-format", '"toy/../v2.0.0"'],
  },
  {
    name: "release: --tag-format checked before profiling",
    cli: ["release", "--reference-data", "train", "--tag-format", "{model}"],
    says: ["--tag-format", never(/Profil/)],
  },
  { name: "release: --model-name with ../", cli: release("--model-name", "../evil"), says: ['"../evil"', "--model-name"] },
  {
    name: "release: MODELSHIP_MODEL_NAME that is a path",
    cli: release(),
    env: { MODELSHIP_MODEL_NAME: "/etc/passwd" },
    says: ['"/etc/passwd"', "MODELSHIP_MODEL_NAME"],
  },
  {
    name: "release: MODELSHIP_ALLOW_UNGATED that is not a boolean",
    cli: release(),
    env: { MODELSHIP_ALLOW_UNGATED: "sure" },
    says: ["MODELSHIP_ALLOW_UNGATED", '"sure"'],
  },
  {
    name: "release: a version released with other bytes leaves nothing in TMPDIR after profiling",
    cli: ["release", "--model", "other.onnx", "--version", "1.0.0", "--allow-ungated", "--reference-data", "train"],
    says: [/already released with other bytes/, "registry/toy/1.0.0"],
  },
  // ── registries ────────────────────────────────────────────────────────────
  {
    name: "release: a registry that is a file",
    files: { reg: "x" },
    cli: release("--registry", "reg"),
    says: ["reg", /is a file/, "--registry"],
  },
  {
    name: "release: a registry URL of another scheme",
    cli: release("--registry", "ftp://example.com/models"),
    says: ['"ftp://example.com/models"'],
  },
  {
    name: "release: a version folder that is a file",
    files: { "registry/toy/2.0.0": "x" },
    cli: release(),
    says: ["registry/toy/2.0.0", /is a file/, never(/registry path is a file/)],
  },
  {
    name: "fetch: a version folder that is a file",
    files: { "registry/toy/2.0.0": "x" },
    cli: ["fetch", "toy@2.0.0"],
    says: ["registry/toy/2.0.0", /is a file/],
  },
  {
    name: "fetch: a version folder that is a symbolic link",
    files: { "registry/toy/3.0.0": { link: "1.0.0" } },
    cli: ["fetch", "toy@3.0.0"],
    says: ["registry/toy/3.0.0", /symbolic link/],
  },
  {
    name: "fetch: a symbolic link inside a version folder is named as a link, not as missing",
    files: { [`${VERSION_DIR}/passwd`]: { link: "/etc/passwd" } },
    cli: ["fetch", "toy@1.0.0"],
    says: ["passwd", "is a symbolic link", never(/missing/)],
  },
  {
    name: "fetch: a package file replaced by a symbolic link",
    files: { [`${VERSION_DIR}/model-card.md`]: { link: "/etc/hostname" } },
    cli: ["fetch", "toy@1.0.0"],
    says: ["model-card.md", "is a symbolic link", never(/missing/)],
  },
  {
    name: "fetch: a manifest naming ../../evil",
    setup: tamperManifest((manifest) => (manifest.files[0]!.name = "../../evil")),
    cli: ["fetch", "toy@1.0.0"],
    says: ["manifest.json", "/files/0/name", /tampered/],
  },
  {
    name: "fetch: a manifest naming /etc/passwd",
    setup: tamperManifest((manifest) => (manifest.files[0]!.name = "/etc/passwd")),
    cli: ["fetch", "toy@1.0.0"],
    says: ["manifest.json", "/files/0/name", /tampered/],
  },
  {
    name: "fetch: a manifest naming ..",
    setup: tamperManifest((manifest) => (manifest.files[0]!.name = "..")),
    cli: ["fetch", "toy@1.0.0"],
    says: ["manifest.json", '".."', /tampered/],
  },
  {
    name: "fetch: a tampered SHA256SUMS",
    setup: async (work) => {
      const path = join(work, VERSION_DIR, "SHA256SUMS");
      await writeFile(
        path,
        (await readFile(path, "utf8")).replace(/^./, (c) => (c === "0" ? "1" : "0")),
      );
    },
    cli: ["fetch", "toy@1.0.0"],
    says: ["SHA256SUMS", /digest/, /tampered/],
  },
  {
    name: "fetch: model bytes changed after release",
    setup: async (work) => {
      const path = join(work, VERSION_DIR, "model.onnx");
      const bytes = await readFile(path);
      bytes[20] = bytes[20]! ^ 1;
      await writeFile(path, bytes);
    },
    cli: ["fetch", "toy@1.0.0"],
    says: ["model.onnx", /sha256/, /tampered/],
  },
  {
    name: "fetch: a file the manifest does not list",
    files: { [`${VERSION_DIR}/evil.sh`]: "rm -rf ~\n" },
    cli: ["fetch", "toy@1.0.0"],
    says: ["evil.sh", /not listed/],
  },
  {
    name: "fetch: a manifest that is not JSON",
    files: { [`${VERSION_DIR}/manifest.json`]: "{ nope" },
    cli: ["fetch", "toy@1.0.0"],
    says: ["manifest.json:1", /JSON/],
  },
  { name: "fetch: an unknown version lists the released ones", cli: ["fetch", "toy@9.9.9"], says: ["toy@9.9.9", "1.0.0"] },
  { name: "fetch: a version that is not a version", cli: ["fetch", "toy@1.2"], says: ['"1.2"', /1\.4\.0/] },
  { name: "fetch: a model name with ../", cli: ["fetch", "../evil@1.0.0"], says: ['"../evil"'] },
  { name: "fetch: a model never released", cli: ["fetch", "nope"], says: ["nope", /no versions/] },
  { name: "fetch: no model", cli: ["fetch"], says: ["MODEL", "modelship fetch"] },
  {
    name: "fetch: --dir that is a file",
    files: { taken: "x" },
    cli: ["fetch", "toy", "--dir", "taken"],
    says: ["--dir", "taken", /is a file/],
  },
  {
    name: "fetch: --dir under a file",
    files: { taken: "x" },
    cli: ["fetch", "toy", "--dir", "taken/toy"],
    says: ["--dir", "taken", /is a file/],
  },
  {
    name: "fetch: --dir holding other files is not replaced",
    cli: ["fetch", "toy", "--dir", "."],
    says: [/not be replaced|will not replace/],
  },
  {
    name: "fetch: --cache that is a file",
    files: { taken: "x" },
    cli: ["fetch", "toy", "--cache", "taken"],
    says: ["--cache", "taken", /is a file/],
  },
  {
    name: "fetch: --cache under a file",
    files: { taken: "x" },
    cli: ["fetch", "toy", "--cache", "taken/cache"],
    says: ["--cache", "taken", /is a file/],
  },
  { name: "fetch: a registry that is a file", files: { reg: "x" }, cli: ["fetch", "toy", "--registry", "reg"], says: ["reg", /is a file/] },
  { name: "fetch: --tag-format without {version}", cli: ["fetch", "toy", "--tag-format", "{model}"], says: ["--tag-format", "{version}"] },
  {
    name: "fetch: a file:// URL with two slashes",
    cli: ["fetch", "toy", "--registry", "file://registry"],
    says: ['"file://registry"', /three slashes/],
  },
  { name: "registry show: an unknown version", cli: ["registry", "show", "toy@9.9.9"], says: ["toy@9.9.9", "1.0.0"] },
  { name: "registry show: a model never released", cli: ["registry", "show", "nope"], says: ["nope", /no versions/] },
  {
    name: "registry show: a damaged manifest",
    files: { [`${VERSION_DIR}/manifest.json`]: '{"schema": "modelship/model-manifest@1"}' },
    cli: ["registry", "show", "toy@1.0.0"],
    says: ["manifest.json", /required/],
  },
  { name: "registry list: no model", cli: ["registry", "list"], says: ["registry list", "MODEL"] },
  { name: "registry list: a model name with ../", cli: ["registry", "list", "../x"], says: ['"../x"'] },
  {
    name: "registry list: a registry that is a file",
    files: { reg: "x" },
    cli: ["registry", "list", "toy", "--registry", "reg"],
    says: ["reg", /is a file/],
  },
  {
    name: "registry: an unknown subcommand",
    cli: ["registry", "delete", "toy"],
    says: ['"registry delete"', "registry list", "registry show"],
  },
  { name: "registry: no subcommand", cli: ["registry"], says: ["registry list", "registry show"] },
  // ── train ─────────────────────────────────────────────────────────────────
  { name: "train: nothing to train", cli: ["train"], says: ["--command", "--train-config", "train.command"] },
  {
    name: "train: --command and --train-config together",
    files: { "train.yaml": "x: 1\n" },
    cli: ["train", "--command", "true", "--train-config", "train.yaml"],
    says: ["--command", "--train-config"],
  },
  { name: "train: --train-config that does not exist", cli: ["train", "--train-config", "gone.yaml"], says: ["gone.yaml", /not found/] },
  {
    name: "train: --train-config that is not a train config",
    cli: ["train", "--train-config", "contract.yaml"],
    says: ["contract.yaml:", "/columns"],
  },
  {
    name: "train: a train config that is an alias bomb",
    files: { "train.yaml": `x-bomb:\n${ALIAS_BOMB}` },
    cli: ["train", "--train-config", "train.yaml"],
    says: ["train.yaml", /alias/i],
  },
  {
    name: "train: --param without =",
    cli: ["train", "--command", "true", "--param", "learning_rate"],
    says: ['"learning_rate"', "--param", "NAME=VALUE"],
  },
  {
    name: "train: --require-gpu sometimes",
    cli: ["train", "--command", "true", "--require-gpu", "sometimes"],
    says: ["--require-gpu", "true, false, auto"],
  },
  {
    name: "train: MODELSHIP_SEED that is not a number",
    cli: ["train", "--command", "true"],
    env: { MODELSHIP_SEED: "abc" },
    says: ["MODELSHIP_SEED", '"abc"'],
  },
  {
    name: "train: --output that is a file is refused before the command runs",
    files: { taken: "x" },
    cli: ["train", "--command", "touch ran", "--output", "taken"],
    says: ["--output", "taken", /is a file/, never(/── Train/)],
  },
  {
    name: "train: --output under a file",
    files: { taken: "x" },
    cli: ["train", "--command", "touch ran", "--output", "taken/model"],
    says: ["--output", "taken", /is a file/],
  },
  {
    name: "train: --output in a new folder is not left behind when training fails",
    cli: ["train", "--command", "exit 3", "--output", "out/model"],
    says: [/exit code 3/],
  },
  {
    name: "train: a model.onnx that is not ONNX names MODELSHIP_OUTPUT_DIR, not a staging path",
    cli: ["train", "--command", 'echo nope > "$MODELSHIP_OUTPUT_DIR/model.onnx"'],
    says: ["MODELSHIP_OUTPUT_DIR/model.onnx", /ONNX/, never(/partial/)],
  },
  {
    name: "train: a model.onnx that is empty",
    cli: ["train", "--command", ': > "$MODELSHIP_OUTPUT_DIR/model.onnx"'],
    says: ["model.onnx", /empty/],
  },
  {
    name: "train: a model.onnx that is a folder",
    cli: ["train", "--command", 'mkdir "$MODELSHIP_OUTPUT_DIR/model.onnx"'],
    says: ["model.onnx", /folder/, never(/wrote nothing/)],
  },
  {
    name: "train: a model.onnx that is a symbolic link",
    cli: ["train", "--command", 'ln -s "$PWD/model.onnx" "$MODELSHIP_OUTPUT_DIR/model.onnx"'],
    says: ["model.onnx", /symbolic link/, never(/wrote nothing/)],
  },
  {
    name: "train: a metrics.json that is not JSON names MODELSHIP_OUTPUT_DIR",
    cli: ["train", "--command", 'cp model.onnx "$MODELSHIP_OUTPUT_DIR/" && echo "{ nope" > "$MODELSHIP_OUTPUT_DIR/metrics.json"'],
    says: ["MODELSHIP_OUTPUT_DIR/metrics.json", never(/partial/)],
  },
  { name: "train: a failing command", cli: ["train", "--command", "echo boom >&2; exit 3"], says: [/exit code 3/, "boom"] },
  // ── actions ───────────────────────────────────────────────────────────────
  { name: "train action: nothing to train", action: { name: TRAIN_STEP }, says: ["command", "train-config"] },
  {
    name: "train action: require-gpu sometimes",
    action: { name: TRAIN_STEP, inputs: { command: "true", "require-gpu": "sometimes" } },
    says: ['"require-gpu"'],
  },
  {
    name: "train action: params without =",
    action: { name: TRAIN_STEP, inputs: { command: "true", params: "layers" } },
    says: ['"layers"', "NAME=VALUE"],
  },
  { name: "train action: seed abc", action: { name: TRAIN_STEP, inputs: { command: "true", seed: "abc" } }, says: ['"seed"', '"abc"'] },
  {
    name: "train action: output that is a file",
    files: { taken: "x" },
    action: { name: TRAIN_STEP, inputs: { command: "touch ran", output: "taken" } },
    says: ["output", "taken", /is a file/],
  },
  {
    name: "evaluate action: a model that is not ONNX",
    files: { "bad.onnx": NOT_ONNX },
    action: { name: EVALUATE_STEP, inputs: { model: "bad.onnx", comment: "false" } },
    says: ["bad.onnx", /ONNX/],
  },
  { name: "evaluate action: threshold 1.5", action: { name: EVALUATE_STEP, inputs: { threshold: "1.5" } }, says: ["threshold", "1.5"] },
  { name: "evaluate action: threshold abc", action: { name: EVALUATE_STEP, inputs: { threshold: "abc" } }, says: ["threshold", '"abc"'] },
  { name: "evaluate action: resamples -5", action: { name: EVALUATE_STEP, inputs: { resamples: "-5" } }, says: ['"resamples"', '"-5"'] },
  { name: "evaluate action: fail-on loud", action: { name: EVALUATE_STEP, inputs: { "fail-on": "loud" } }, says: ['"fail-on"'] },
  {
    name: "evaluate action: a policy that is an alias bomb",
    files: { "gates.yaml": `x-bomb:\n${ALIAS_BOMB}` },
    action: { name: EVALUATE_STEP, inputs: { policy: "gates.yaml" } },
    says: ["gates.yaml", /alias/i],
  },
  {
    name: "evaluate action: report-dir that is a file",
    files: { taken: "x" },
    action: { name: EVALUATE_STEP, inputs: { "report-dir": "taken" } },
    says: ["report-dir", "taken"],
  },
  { name: "release action: version 1.2", action: { name: "release", inputs: { version: "1.2" } }, says: ['"1.2"', "version"] },
  { name: "release action: bump huge", action: { name: "release", inputs: { bump: "huge" } }, says: ['"bump"', "patch, minor, major"] },
  {
    name: "release action: allow-ungated maybe",
    action: { name: "release", inputs: { "allow-ungated": "maybe" } },
    says: ['"allow-ungated"'],
  },
  {
    name: "release action: tag-format without {version}",
    action: { name: "release", inputs: { version: "2.0.0", "tag-format": "{model}" } },
    says: ["tag-format", "{version}"],
  },
  {
    name: "release action: a reference profile that does not exist",
    action: { name: "release", inputs: { version: "2.0.0", "reference-profile": "gone.json" } },
    says: ["gone.json", "reference-profile"],
  },
  {
    name: "release action: model-name with ../",
    action: { name: "release", inputs: { "model-name": "../evil" } },
    says: ['"../evil"', "model-name"],
  },
  { name: "fetch-model action: no model", action: { name: "fetch-model" }, says: ['input "model" is required'] },
  {
    name: "fetch-model action: an unknown version",
    action: { name: "fetch-model", inputs: { model: "toy@9.9.9" } },
    says: ["toy@9.9.9", "1.0.0"],
  },
  {
    name: "fetch-model action: dir that is a file",
    files: { taken: "x" },
    action: { name: "fetch-model", inputs: { model: "toy", dir: "taken" } },
    says: ["dir", "taken", /is a file/],
  },
  {
    name: "fetch-model action: cache-dir under a file",
    files: { taken: "x" },
    action: { name: "fetch-model", inputs: { model: "toy", "cache-dir": "taken/cache" } },
    says: ["cache-dir", "taken"],
  },
  {
    name: "fetch-model action: a tampered package",
    setup: async (work) => {
      await symlink("/etc/passwd", join(work, VERSION_DIR, "passwd"));
    },
    action: { name: "fetch-model", inputs: { model: "toy@1.0.0" } },
    says: ["passwd", "is a symbolic link"],
  },
  {
    name: "select-best action: a runs folder that does not exist",
    action: { name: "select-best", inputs: { runs: "gone", metric: "val_accuracy" } },
    says: ["gone", /does not exist/],
  },
  {
    name: "select-best action: mode biggest",
    files: { "runs/a": { folder: true } },
    action: { name: "select-best", inputs: { runs: "runs", metric: "val_accuracy", mode: "biggest" } },
    says: ['"mode"', "max, min"],
  },
  {
    name: "select-best action: a run record that is not JSON",
    files: { "runs/a/run-record.json": "{ nope" },
    action: { name: "select-best", inputs: { runs: "runs", metric: "val_accuracy" } },
    says: ["run-record.json"],
  },
  {
    name: "select-best action: no metric",
    files: { "runs/a": { folder: true } },
    action: { name: "select-best", inputs: { runs: "runs" } },
    says: ['input "metric" is required'],
  },
  {
    name: "validate-data action: max-examples -3",
    action: { name: "validate-data", inputs: { "max-examples": "-3" } },
    says: ['"max-examples"', '"-3"'],
  },
  {
    name: "validate-data action: a contract that does not exist",
    action: { name: "validate-data", inputs: { contract: "gone.yaml" } },
    says: ["gone.yaml", /not found/],
  },
  {
    name: "validate-data action: fail-on loud",
    action: { name: "validate-data", inputs: { "fail-on": "loud" } },
    says: ['"fail-on"', "error, warning"],
  },
  { name: "comment action: no body-file", action: { name: "comment" }, says: ['input "body-file" is required'] },
  {
    name: "comment action: a body file that does not exist",
    action: { name: "comment", inputs: { "body-file": "gone.md" } },
    says: ["gone.md", "body-file"],
  },
  {
    name: "comment action: a body file that is a folder",
    files: { "report.md": { folder: true } },
    action: { name: "comment", inputs: { "body-file": "report.md" } },
    says: ["report.md", /folder/],
  },
  {
    name: "comment action: issue-number abc",
    files: { "report.md": "hi\n" },
    action: { name: "comment", inputs: { "body-file": "report.md", "issue-number": "abc" } },
    says: ['"issue-number"', '"abc"'],
  },
];
