/**
 * The vendored upstream CRDs are what vendor/crds/sources.json pins (byte for byte, with their
 * licence beside them), and the validator knows every schema generated from them.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { parseAllDocuments } from "yaml";
import { upstreamCrd, upstreamCrds } from "../../../src/gitops/validate/upstream-crds.ts";

const ROOT = new URL("../../../", import.meta.url);
const read = (path: string): Buffer => readFileSync(new URL(path, ROOT));

interface Source {
  folder: string;
  project: string;
  tag: string;
  commit: string;
  licence: string;
  licenceFile: string;
  files: { file: string; upstreamPath: string; sha256: string }[];
}
const { sources } = JSON.parse(read("vendor/crds/sources.json").toString("utf8")) as { sources: Source[] };

describe("the vendored upstream CRDs", () => {
  test("cover KServe, Argo Rollouts, Flagger, Seldon Core v2, Argo CD and Flux, each at a release tag and commit", () => {
    assert.deepEqual(
      sources.map((source) => source.project),
      ["KServe", "Argo Rollouts", "Flagger", "Seldon Core v2", "Argo CD", "Flux kustomize-controller", "Flux helm-controller"],
    );
    for (const source of sources) {
      assert.match(source.tag, /^v\d+\.\d+\.\d+$/, source.project);
      assert.match(source.commit, /^[0-9a-f]{40}$/, source.project);
    }
  });

  test("each file is the one pinned (sha256), and each project's licence is beside it and is Apache-2.0", () => {
    for (const source of sources) {
      assert.equal(source.licence, "Apache-2.0", source.project);
      assert.match(read(source.licenceFile).toString("utf8"), /Apache License\s+Version 2\.0/, source.licenceFile);
      for (const file of source.files) {
        assert.ok(file.file.startsWith(`vendor/crds/${source.folder}/`), file.file);
        assert.equal(createHash("sha256").update(read(file.file)).digest("hex"), file.sha256, file.file);
      }
    }
    // Nothing in vendor/crds/ that sources.json does not list.
    for (const source of sources) {
      const listed = new Set([...source.files.map((file) => file.file), source.licenceFile]);
      for (const name of readdirSync(new URL(`vendor/crds/${source.folder}/`, ROOT)))
        assert.ok(listed.has(`vendor/crds/${source.folder}/${name}`), `vendor/crds/${source.folder}/${name} is listed`);
    }
  });

  test("every served version of every vendored CRD has its generated schema, and the validator knows each", () => {
    const served: string[] = [];
    for (const source of sources)
      for (const file of source.files)
        for (const document of parseAllDocuments(read(file.file).toString("utf8"))) {
          const crd = document.toJS() as {
            kind?: string;
            spec?: { group: string; names: { kind: string }; versions: { name: string; served: boolean }[] };
          };
          if (crd.kind !== "CustomResourceDefinition" || crd.spec === undefined) continue;
          for (const version of crd.spec.versions.filter((entry) => entry.served))
            served.push(`${crd.spec.group}/${version.name} ${crd.spec.names.kind}`);
        }
    assert.deepEqual(
      served.sort(),
      upstreamCrds()
        .map((crd) => `${crd.apiVersion} ${crd.kind}`)
        .sort(),
    );
    for (const type of served) {
      const [apiVersion, kind] = type.split(" ") as [string, string];
      const crd = upstreamCrd(apiVersion, kind)!;
      assert.equal(typeof crd.openAPIV3Schema, "object", type);
      assert.ok(
        sources.some((source) => source.project === crd.source.project && source.tag === crd.source.tag),
        type,
      );
    }
  });
});
