/**
 * Writes schemas/upstream-crds/<group>_<kind>_<version>.json from the upstream CRDs vendored in vendor/crds/
 * (listed, pinned and checksummed in vendor/crds/sources.json): one file per served version of each
 * CustomResourceDefinition, holding that version's `openAPIV3Schema` exactly as upstream wrote it
 * except that `description` texts are left out (they are most of the bytes, and the validator never
 * reads them). A vendored file whose sha256 differs from sources.json stops the script: the pin and
 * the bytes must change together. Files of schemas/upstream-crds/ that no CRD produces any more are removed.
 * `npm run build` runs this first; `npm run check-generated` fails when a committed copy differs.
 */
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { sha256Of } from "../src/common/file-hash.ts";

const root = join(import.meta.dirname, "..");
const OUT = "schemas/upstream-crds";

interface VendoredFile {
  file: string;
  upstreamPath: string;
  sha256: string;
}
interface VendoredSource {
  folder: string;
  project: string;
  repository: string;
  tag: string;
  commit: string;
  licence: string;
  licenceFile: string;
  files: VendoredFile[];
}
interface CrdVersion {
  name: string;
  served?: boolean;
  deprecated?: boolean;
  schema?: { openAPIV3Schema?: unknown };
}
interface Crd {
  kind?: string;
  spec?: { group: string; names: { kind: string; plural: string }; scope?: string; versions: CrdVersion[] };
}

/** The schema without `description` keys, except where `description` is a property name (under `properties`). */
function withoutDescriptions(node: unknown, underProperties = false): unknown {
  if (Array.isArray(node)) return node.map((item) => withoutDescriptions(item));
  if (typeof node !== "object" || node === null) return node;
  const entries = Object.entries(node as Record<string, unknown>)
    .filter(([key]) => underProperties || key !== "description")
    .map(([key, value]) => [key, withoutDescriptions(value, !underProperties && (key === "properties" || key === "patternProperties"))]);
  return Object.fromEntries(entries);
}

const { sources } = JSON.parse(await readFile(join(root, "vendor/crds/sources.json"), "utf8")) as { sources: VendoredSource[] };
await mkdir(join(root, OUT), { recursive: true });
const written: string[] = [];
for (const source of sources) {
  for (const vendored of source.files) {
    const bytes = await readFile(join(root, vendored.file));
    const sha256 = sha256Of(bytes);
    if (sha256 !== vendored.sha256)
      throw new Error(`${vendored.file}: sha256 ${sha256}, but vendor/crds/sources.json pins ${vendored.sha256}; refresh both together`);
    for (const document of parseAllDocuments(bytes.toString("utf8"))) {
      const crd = document.toJS() as Crd | null;
      if (crd?.kind !== "CustomResourceDefinition" || crd.spec === undefined) continue;
      for (const version of crd.spec.versions) {
        if (version.served === false || version.schema?.openAPIV3Schema === undefined) continue;
        const name = `${crd.spec.group}_${crd.spec.names.kind.toLowerCase()}_${version.name}.json`;
        const generated = {
          $comment: `GENERATED from ${vendored.file} by scripts/generate-crd-schemas.ts (descriptions left out) — do not edit; refresh the vendored CRD instead`,
          apiVersion: `${crd.spec.group}/${version.name}`,
          kind: crd.spec.names.kind,
          scope: crd.spec.scope ?? "Namespaced",
          ...(version.deprecated === true ? { deprecated: true } : {}),
          source: {
            project: source.project,
            repository: source.repository,
            tag: source.tag,
            commit: source.commit,
            path: vendored.upstreamPath,
            licence: source.licence,
          },
          openAPIV3Schema: withoutDescriptions(version.schema.openAPIV3Schema),
        };
        // One line: the schemas are read by the validator, not by people (the vendored YAML is the readable copy).
        await writeFile(join(root, OUT, name), `${JSON.stringify(generated)}\n`);
        written.push(name);
      }
    }
  }
}
for (const file of await readdir(join(root, OUT))) if (!written.includes(file)) await rm(join(root, OUT, file));
console.log(`generated ${written.length} CRD schemas in ${OUT}/ from vendor/crds/: ${written.join(", ")}`);
