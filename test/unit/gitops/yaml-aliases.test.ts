import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readState } from "../../../src/gitops/targets/target-dispatch.ts";
import { stableState, U1 } from "../../support/manifests.ts";

describe("manifest targets read YAML aliases", () => {
  it("argo-rollouts finds MODEL_URI in an env list whose entry is named through an anchor and alias", () => {
    // The init container anchors the variable's name; the serving container's env list refers to it.
    const text = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: adult-income
spec:
  strategy:
    canary:
      steps:
      - setWeight: 20
      - pause: {}
  template:
    spec:
      initContainers:
      - name: fetch-model
        image: busybox
        env:
        - name: &modelEnv MODEL_URI
          value: '${U1}'
      containers:
      - name: server
        image: ghcr.io/owner/onnx-server:1.4.0
        env:
        - name: LOG_LEVEL
          value: info
        - name: *modelEnv
          value: '${U1}'
`;
    assert.deepEqual(
      readState(text, { kind: "argo-rollouts", file: "apps/adult-income/rollout.yaml", container: "server" }),
      stableState(),
    );
  });
});
