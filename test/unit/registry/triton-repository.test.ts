/**
 * The Triton model repository a release publishes: unpacked as KServe's storage initializer unpacks
 * it (its Python, mirrored below), it follows Triton's documented model repository rules, its
 * config.pbtxt parses as Triton's ModelConfig and describes the graph, and the model it holds loads
 * in onnxruntime and predicts as the released model.onnx does. The same model gives the same bytes
 * (a release is immutable and checksummed), and no model name leaves the archive's one folder.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { isUserError } from "../../../src/common/errors.ts";
import { loadOnnxRuntime } from "../../../src/common/onnx-runtime.ts";
import { readOnnxGraph } from "../../../src/evaluate/onnx-graph.ts";
import { parseManifest } from "../../../src/registry/manifest.ts";
import { packageModel, type PackageOptions } from "../../../src/registry/package.ts";
import { TRITON_ARCHIVE_NAME, tritonModelConfig, writeTritonArchive } from "../../../src/registry/triton-repository.ts";
import { python } from "../../support/python.ts";
import { makeToyModel, PY_SCORE_MODEL, toyGateReport } from "../../support/toy-model.ts";

/**
 * KServe's storage initializer for an http(s) storageUri, as kserve/kserve
 * python/storage/kserve_storage/kserve_storage.py has it (`Storage._download_from_uri` and
 * `Storage._unpack_archive_file`; python/kserve/kserve/storage/storage.py in older releases): the
 * mimetype is guessed from the URL's path, a tar must be served with a tar or gzip content type, a
 * gzip encoding is gunzipped to `<filename>.tar`, which tarfile extracts into the model folder
 * (/mnt/models) with filter="data" and no folder stripped, and the archive is removed. The response
 * is the release asset's bytes and content type. Python 3.11.2 here predates tarfile's filters, so
 * the data filter's refusals (PEP 706) are checked by hand where it is missing.
 */
const PY_KSERVE_UNPACK = String.raw`
import gzip, mimetypes, os, shutil, tarfile
from urllib.parse import urlparse
uri, out_dir, content_type = data["uri"], data["out"], data["contentType"]
url = urlparse(uri)
filename = os.path.basename(url.path)
if mimetypes.guess_type(url.path)[0] is None and url.query != "":
    mimetype, encoding = mimetypes.guess_type(url.query)
else:
    mimetype, encoding = mimetypes.guess_type(url.path)
local_path = os.path.join(out_dir, filename)
tar_content_types = ("application/x-tar", "application/x-gtar", "application/x-gzip", "application/gzip")
if mimetype == "application/x-tar" and not content_type.startswith(tar_content_types):
    raise RuntimeError("URI: %s did not respond with any of following 'Content-Type': " % uri + ", ".join(tar_content_types))
with open(data["archive"], "rb") as raw:
    if encoding == "gzip":
        stream = gzip.GzipFile(fileobj=raw)
        local_path = os.path.join(out_dir, f"{filename}.tar")
    else:
        stream = raw
    with open(local_path, "wb") as out:
        shutil.copyfileobj(stream, out)
members = []
if mimetype in ["application/x-tar", "application/zip"]:
    with tarfile.open(local_path, "r", encoding="utf-8") as archive:
        for member in archive.getmembers():
            members.append({"name": member.name, "type": member.type.decode(), "mode": member.mode, "mtime": member.mtime,
                            "uid": member.uid, "gid": member.gid, "uname": member.uname, "gname": member.gname})
        if hasattr(tarfile, "data_filter"):
            archive.extractall(out_dir, filter="data")
        else:
            root = os.path.realpath(out_dir)
            for member in archive.getmembers():
                target = os.path.realpath(os.path.join(out_dir, member.name))
                if os.path.isabs(member.name) or os.path.commonpath([root, target]) != root:
                    raise RuntimeError("outside the destination: " + member.name)
                if not (member.isfile() or member.isdir()):
                    raise RuntimeError("not a file or folder: " + member.name)
            archive.extractall(out_dir)
    os.remove(local_path)
tree = []
for folder, dirs, files in os.walk(out_dir):
    for name in sorted(dirs) + sorted(files):
        tree.append(os.path.relpath(os.path.join(folder, name), out_dir) + ("/" if name in dirs else ""))
emit({"mimetype": mimetype, "encoding": encoding, "members": members, "tree": sorted(tree)})
`;

/**
 * Triton's model repository rules (triton-inference-server/server docs/user_guide/model_repository.md:
 * "Repository Layout", "Model Versions", "ONNX Models") and model configuration
 * (model_configuration.md), checked on an unpacked repository: every top-level entry is a model
 * folder with config.pbtxt and numerically named version folders (none starting with "0"), each
 * holding model.onnx (the ONNX Runtime backend's default name); config.pbtxt parses as Triton's
 * ModelConfig (the fields modelship writes, with the field numbers and DataType values of
 * model_config.proto, vendored by Seldon as scheduler/pkg/agent/repository/triton/config/), names
 * its folder, asks for the ONNX Runtime backend, and lists exactly the graph's inputs (initializers
 * left out) and outputs with their types and shapes as python-onnx reads them.
 */
const PY_MODEL_CONFIG = String.raw`
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory, text_format
F = descriptor_pb2.FieldDescriptorProto
fdp = descriptor_pb2.FileDescriptorProto(name="model_config_subset.proto", package="inference", syntax="proto3")
types = [("TYPE_INVALID", 0), ("TYPE_BOOL", 1), ("TYPE_UINT8", 2), ("TYPE_UINT16", 3), ("TYPE_UINT32", 4), ("TYPE_UINT64", 5),
         ("TYPE_INT8", 6), ("TYPE_INT16", 7), ("TYPE_INT32", 8), ("TYPE_INT64", 9), ("TYPE_FP16", 10), ("TYPE_FP32", 11),
         ("TYPE_FP64", 12), ("TYPE_STRING", 13)]
enum = fdp.enum_type.add(name="DataType")
for name, number in types: enum.value.add(name=name, number=number)
def message(name, fields):
    m = fdp.message_type.add(name=name)
    for field_name, number, kind, label, type_name in fields:
        f = m.field.add(name=field_name, number=number, type=kind, label=label)
        if type_name: f.type_name = type_name
O, R = F.LABEL_OPTIONAL, F.LABEL_REPEATED
message("ModelInput", [("name", 1, F.TYPE_STRING, O, None), ("data_type", 2, F.TYPE_ENUM, O, ".inference.DataType"), ("dims", 4, F.TYPE_INT64, R, None)])
message("ModelOutput", [("name", 1, F.TYPE_STRING, O, None), ("data_type", 2, F.TYPE_ENUM, O, ".inference.DataType"), ("dims", 3, F.TYPE_INT64, R, None)])
message("ModelConfig", [("name", 1, F.TYPE_STRING, O, None), ("platform", 2, F.TYPE_STRING, O, None), ("max_batch_size", 4, F.TYPE_INT32, O, None),
                        ("input", 5, F.TYPE_MESSAGE, R, ".inference.ModelInput"), ("output", 6, F.TYPE_MESSAGE, R, ".inference.ModelOutput"),
                        ("default_model_filename", 8, F.TYPE_STRING, O, None), ("backend", 17, F.TYPE_STRING, O, None)])
pool = descriptor_pool.DescriptorPool(); pool.Add(fdp)
ModelConfig = message_factory.MessageFactory(pool).GetPrototype(pool.FindMessageTypeByName("inference.ModelConfig"))
`;

const PY_TRITON_CHECK = String.raw`${PY_MODEL_CONFIG}
import os, re, onnx
ONNX_TO_TRITON = {1: "TYPE_FP32", 2: "TYPE_UINT8", 3: "TYPE_INT8", 4: "TYPE_UINT16", 5: "TYPE_INT16", 6: "TYPE_INT32", 7: "TYPE_INT64",
                  8: "TYPE_STRING", 9: "TYPE_BOOL", 10: "TYPE_FP16", 11: "TYPE_FP64", 12: "TYPE_UINT32", 13: "TYPE_UINT64"}
def described(values):
    out = []
    for v in values:
        t = v.type.tensor_type
        out.append({"name": v.name, "data_type": ONNX_TO_TRITON[t.elem_type],
                    "dims": [d.dim_value if d.HasField("dim_value") else -1 for d in t.shape.dim]})
    return out
repo = data["repo"]
problems, models = [], {}
for model in sorted(os.listdir(repo)):
    folder = os.path.join(repo, model)
    if not os.path.isdir(folder): problems.append(f"{model}: not a folder"); continue
    versions = [v for v in os.listdir(folder) if os.path.isdir(os.path.join(folder, v))]
    served = [v for v in versions if re.fullmatch(r"[1-9][0-9]*", v)]
    if not served: problems.append(f"{model}: no numeric version folder")
    for v in served:
        if not os.path.isfile(os.path.join(folder, v, "model.onnx")): problems.append(f"{model}/{v}: no model.onnx")
    config = ModelConfig()
    with open(os.path.join(folder, "config.pbtxt")) as f: text_format.Parse(f.read(), config)
    if config.name not in ("", model): problems.append(f"{model}: config names {config.name}")
    if not (config.backend == "onnxruntime" or config.platform == "onnxruntime_onnx"): problems.append(f"{model}: not the ONNX Runtime backend")
    graph = onnx.load(os.path.join(folder, served[0], config.default_model_filename or "model.onnx")).graph
    weights = {i.name for i in graph.initializer}
    expected = {"input": described([i for i in graph.input if i.name not in weights]), "output": described(graph.output)}
    type_name = pool.FindEnumTypeByName("inference.DataType").values_by_number
    got = {role: [{"name": v.name, "data_type": type_name[v.data_type].name, "dims": list(v.dims)} for v in values]
           for role, values in (("input", config.input), ("output", config.output))}
    if got != expected: problems.append(f"{model}: config {got} but the graph has {expected}")
    models[model] = {"versions": sorted(served), "max_batch_size": config.max_batch_size, "backend": config.backend, "io": got}
emit({"problems": problems, "models": models})
`;

/** A model whose second output is a sequence (as skl2onnx's ZipMap gives), which Triton cannot serve. */
const PY_SEQUENCE_MODEL = String.raw`
import onnx
from onnx import helper, TensorProto
x = helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 2])
y = helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 2])
seq = helper.make_tensor_sequence_value_info("rows", TensorProto.FLOAT, None)
nodes = [helper.make_node("Identity", ["x"], ["y"]), helper.make_node("SequenceConstruct", ["x"], ["rows"])]
m = helper.make_model(helper.make_graph(nodes, "seq", [x], [y, seq]), opset_imports=[helper.make_opsetid("", 13)], ir_version=7)
onnx.checker.check_model(m)
onnx.save(m, data["path"])
emit(True)
`;

/** The asset URL a GitHub release of `model` 1.0.0 gives the archive: what KServe's storageUri holds. */
const ASSET_URL = `https://github.com/octo/models/releases/download/toy%2Fv1.0.0/${TRITON_ARCHIVE_NAME}`;

let dir: string;
let report: string;
let count = 0;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "modelship-triton-"));
  makeToyModel(dir);
  report = await toyGateReport(dir, { policy: { quality: [{ metric: "roc_auc", min: 0.5 }] } });
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

function options(overrides: Partial<PackageOptions> = {}): PackageOptions {
  return {
    model: "toy",
    version: "1.0.0",
    tag: "toy/v1.0.0",
    modelPath: join(dir, "model.onnx"),
    gateReportPath: report,
    allowUngated: false,
    outDir: join(dir, `out-${++count}`),
    toolVersion: "test",
    ...overrides,
  };
}

async function predict(path: string, rows: number[][]): Promise<number[]> {
  const ort = await loadOnnxRuntime();
  const session = await ort.InferenceSession.create(path);
  try {
    const x = new ort.Tensor("float32", Float32Array.from(rows.flat()), [rows.length, 2]);
    const result = await session.run({ x });
    return [...(result.probability!.data as Float32Array)];
  } finally {
    await session.release();
  }
}

describe("the Triton model repository of a release", () => {
  test("KServe's storage initializer unpacks it into a repository Triton loads, and the model predicts as model.onnx does", async () => {
    const pkg = await packageModel(options());
    const manifest = parseManifest(await readFile(join(pkg.dir, "manifest.json"), "utf8"), "manifest.json");
    assert.deepEqual(manifest.serving, [
      { layout: "onnx-file", file: "model.onnx", runtimes: ["seldon-v2:triton"] },
      { layout: "triton-model-repository", file: TRITON_ARCHIVE_NAME, runtimes: ["kserve:kserve-tritonserver"], tritonModel: "toy" },
    ]);
    assert.equal(manifest.files.find((file) => file.name === TRITON_ARCHIVE_NAME)?.role, "triton-model-repository");

    const models = await mkdtemp(join(dir, "mnt-models-"));
    const unpacked = python<{ mimetype: string; encoding: string; members: Record<string, unknown>[]; tree: string[] }>(PY_KSERVE_UNPACK, {
      uri: ASSET_URL,
      archive: join(pkg.dir, TRITON_ARCHIVE_NAME),
      contentType: "application/gzip",
      out: models,
    });
    assert.deepEqual([unpacked.mimetype, unpacked.encoding], ["application/x-tar", "gzip"]);
    // Unpacked as it stands into /mnt/models: the model folder at the top, the archive itself gone.
    assert.deepEqual(unpacked.tree, ["toy/", "toy/1/", "toy/1/model.onnx", "toy/config.pbtxt"]);
    // Fixed owner, modes and times: nothing of the machine that packaged it.
    for (const member of unpacked.members) {
      assert.deepEqual([member.uid, member.gid, member.uname, member.gname], [0, 0, "", ""], String(member.name));
      assert.equal(member.mode, member.type === "5" ? 0o755 : 0o644, String(member.name));
    }

    const checked = python<{ problems: string[]; models: Record<string, { versions: string[]; max_batch_size: number; backend: string }> }>(
      PY_TRITON_CHECK,
      { repo: models },
    );
    assert.deepEqual(checked.problems, []);
    assert.deepEqual(checked.models.toy, {
      versions: ["1"],
      max_batch_size: 0,
      backend: "onnxruntime",
      io: {
        input: [{ name: "x", data_type: "TYPE_FP32", dims: [-1, 2] }],
        output: [{ name: "probability", data_type: "TYPE_FP32", dims: [-1, 1] }],
      },
    });

    const served = join(models, "toy", "1", "model.onnx");
    assert.equal(
      createHash("sha256")
        .update(await readFile(served))
        .digest("hex"),
      manifest.files[0]!.sha256,
    );
    const rows = [
      [40, 30],
      [80, 90],
    ];
    const prediction = await predict(served, rows);
    assert.deepEqual(prediction, await predict(join(pkg.dir, "model.onnx"), rows));
    assert.deepEqual(prediction, [70 / 256, 170 / 256]);
  });

  test("a content type KServe does not take for a tar is refused by its initializer, so the store serves application/gzip", async () => {
    const pkg = await packageModel(options());
    const models = await mkdtemp(join(dir, "mnt-models-"));
    assert.throws(
      () =>
        python(PY_KSERVE_UNPACK, {
          uri: ASSET_URL,
          archive: join(pkg.dir, TRITON_ARCHIVE_NAME),
          contentType: "application/octet-stream",
          out: models,
        }),
      /did not respond with any of following 'Content-Type'/,
    );
  });

  test("the same model gives the same archive bytes, whenever and wherever it is packaged; gzip carries no time stamp", async () => {
    const first = await packageModel(options({ now: () => new Date("2026-01-01T00:00:00Z") }));
    const second = await packageModel(options({ now: () => new Date("2027-06-01T12:00:00Z"), toolVersion: "other" }));
    const bytes = await readFile(join(first.dir, TRITON_ARCHIVE_NAME));
    assert.ok(bytes.equals(await readFile(join(second.dir, TRITON_ARCHIVE_NAME))), "identical archives");
    const sha = (name: string, pkg: typeof first) => pkg.manifest.files.find((file) => file.name === name)!.sha256;
    assert.equal(sha(TRITON_ARCHIVE_NAME, first), sha(TRITON_ARCHIVE_NAME, second));
    // gzip header (RFC 1952): ID1 ID2 CM=8, FLG=0 (no name), MTIME=0, XFL=0, OS=255 (unknown).
    assert.deepEqual([...bytes.subarray(0, 10)], [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
    // Another model, other bytes.
    const other = await packageModel(options({ modelPath: join(dir, "other.onnx"), allowUngated: true }));
    assert.notEqual(sha(TRITON_ARCHIVE_NAME, other), sha(TRITON_ARCHIVE_NAME, first));
  });

  test("a model name with a path in it never reaches the archive", async () => {
    const graph = readOnnxGraph(await readFile(join(dir, "model.onnx")));
    for (const name of ["../escape", "a/b", "/etc", "..", ".", "a\\b", ""]) {
      assert.throws(
        () => tritonModelConfig(name, graph),
        (error: unknown) => isUserError(error) && /cannot name a folder/.test(error.problem),
        name,
      );
      await assert.rejects(
        writeTritonArchive({
          model: name,
          modelPath: join(dir, "model.onnx"),
          modelSha256: "0".repeat(64),
          modelBytes: 1,
          config: "",
          outPath: join(dir, `never-${++count}.tar.gz`),
        }),
        (error: unknown) => isUserError(error) && /cannot name a folder/.test(error.problem),
        name,
      );
      await assert.rejects(
        packageModel(options({ model: name })),
        (error: unknown) => isUserError(error) && /cannot name a folder/.test(error.problem),
        name,
      );
    }
  });

  test("a graph Triton cannot serve (a sequence output) is released without the archive, its manifest saying why", async () => {
    const path = join(dir, "sequence.onnx");
    python(PY_SEQUENCE_MODEL, { path });
    const pkg = await packageModel(options({ modelPath: path, gateReportPath: undefined, allowUngated: true }));
    assert.ok(!pkg.names.includes(TRITON_ARCHIVE_NAME));
    assert.deepEqual(pkg.manifest.serving?.[1], {
      layout: "triton-model-repository",
      runtimes: ["kserve:kserve-tritonserver"],
      unavailable: 'output "rows" is a sequence, not a tensor; Triton\'s ONNX Runtime backend serves tensors only',
    });
  });

  test("tensor names are written as protobuf text format strings: quotes, backslashes and non-ASCII survive a parse", () => {
    const tensor = (name: string, elemType: number) => ({ name, type: { kind: "tensor" as const, elemType, shape: [3] } });
    const graph = {
      nodes: [],
      inputs: [],
      outputs: [],
      initializers: ["w"],
      parameters: 1,
      externalData: [],
      inputInfo: [tensor('a"b\\c\nd', 7), tensor("w", 1)],
      outputInfo: [tensor("é ü", 9)],
    };
    const config = tritonModelConfig("m", graph);
    assert.ok("text" in config);
    const parsed = python<[string, string[], string[]]>(
      `${PY_MODEL_CONFIG}\nconfig = text_format.Parse(data["text"], ModelConfig())\nemit([config.name, [i.name for i in config.input], [o.name for o in config.output]])`,
      { text: config.text },
    );
    // The initializer w is a weight, not an input ONNX Runtime feeds.
    assert.deepEqual(parsed, ["m", ['a"b\\c\nd'], ["é ü"]]);
  });
});

test("readOnnxGraph reads each input's and output's type and shape, and the initializers, as python-onnx does", async () => {
  const path = join(dir, "shapes.onnx");
  python(`${PY_SCORE_MODEL}\nscore_model(data["path"], [1.0, 0.0], 2.0)\nemit(True)`, { path });
  const graph = readOnnxGraph(await readFile(path));
  assert.deepEqual(graph.inputInfo, [{ name: "x", type: { kind: "tensor", elemType: 1, shape: ["N", 2] } }]);
  assert.deepEqual(graph.outputInfo, [{ name: "probability", type: { kind: "tensor", elemType: 1, shape: ["N", 1] } }]);
  assert.deepEqual(graph.initializers, ["w", "div", "lo", "hi"]);
});
