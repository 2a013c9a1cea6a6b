/**
 * The ONNX checks against KServe's own runtimes (kserve/kserve config/runtimes/): a runtime that does
 * not list onnx is refused with a fix naming the runtime KServe installs for it, and Triton pointed
 * at one .onnx file (which it cannot load: it serves a model repository) is refused too.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkOnnx } from "../../../src/gitops/validate/onnx-checks.ts";

const ARCHIVE = "https://github.com/OWNER/models/releases/download/adult-income%2Fv0.0.2/triton-model-repository.tar.gz";
const FILE = "https://github.com/OWNER/models/releases/download/adult-income%2Fv0.0.2/model.onnx";

/** An InferenceService whose predictor (and, with `canaryUri`, one canary) has `runtime` and `storageUri`. */
function isvc(runtime: string | undefined, storageUri: string, canaryUri?: string) {
  const model = (uri: string) => ({ modelFormat: { name: "onnx" }, ...(runtime === undefined ? {} : { runtime }), storageUri: uri });
  return {
    apiVersion: "serving.kserve.io/v1beta1",
    kind: "InferenceService",
    name: "adult-income",
    data: {
      spec: {
        predictor: { model: model(storageUri) },
        ...(canaryUri === undefined ? {} : { canary: [{ trafficPercent: 10, predictor: { model: model(canaryUri) } }] }),
      },
    },
  };
}

describe("ONNX checks of an InferenceService", () => {
  for (const runtime of [
    "kserve-sklearnserver",
    "kserve-predictiveserver",
    "kserve-huggingfaceserver-multinode",
    "kserve-autogluonserver",
    "kserve-vllmserver",
  ]) {
    it(`${runtime}, whose supportedModelFormats leave out onnx, is refused; the fix names kserve-tritonserver`, () => {
      const findings = checkOnnx(isvc(runtime, ARCHIVE));
      assert.equal(findings.length, 1);
      assert.equal(findings[0]!.pointer, "/spec/predictor/model/runtime");
      assert.match(findings[0]!.hint, /^pin kserve-tritonserver \(the runtime KServe installs for onnx\), or remove runtime/);
      assert.doesNotMatch(findings[0]!.hint, /ortserver/);
    });
  }

  it("kserve-tritonserver, pinned or picked by KServe, passes on a Triton model repository archive or a folder", () => {
    for (const runtime of ["kserve-tritonserver", undefined])
      for (const uri of [ARCHIVE, "s3://models/adult-income/", "gs://models/repository"])
        assert.deepEqual(checkOnnx(isvc(runtime, uri)), [], `${runtime ?? "(no runtime)"} ${uri}`);
  });

  it("kserve-tritonserver on one .onnx file is refused, for the stable predictor and a canary alike", () => {
    for (const runtime of ["kserve-tritonserver", undefined]) {
      const findings = checkOnnx(isvc(runtime, FILE, `${FILE}?download=1`));
      assert.deepEqual(
        findings.map((finding) => finding.pointer),
        ["/spec/predictor/model/storageUri", "/spec/canary/0/predictor/model/storageUri"],
      );
      assert.match(findings[0]!.message, /storageUri is one \.onnx file, but .*kserve-tritonserver.* serves a Triton model repository/);
      assert.match(findings[0]!.hint, /triton-model-repository\.tar\.gz/);
    }
  });

  it("a runtime of the cluster's own may load one .onnx file", () => {
    assert.deepEqual(checkOnnx(isvc("our-onnx-runtime", FILE)), []);
  });
});
