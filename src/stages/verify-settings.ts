/**
 * verify-promotion's rules from the GitOps repository's modelship.yaml as its base branch has it:
 * `verify.registries` (where models may come from, and the attestation each must carry),
 * `verify.rules_changes` and promote.environments' targets. Without them the check fails closed.
 */
import { posix } from "node:path";
import { UserError } from "../common/errors.ts";
import { parseConfig } from "../config/modelship-config.ts";
import { noRules } from "../gitops/promotion-check.ts";
import { trustedRegistry, type PromotionRules } from "../gitops/trust-policy.ts";
import { targetSpec } from "./promote-settings.ts";
import { provenancePolicy } from "./provenance-settings.ts";

/** The rules file's path in the GitOps repository in one spelling (./modelship.yaml is modelship.yaml); UserError when it leads outside. */
export function rulesPath(given: string): string {
  // One spelling of the path, so that a change to it is recognised however the input wrote it (./modelship.yaml).
  const file = posix.normalize(given);
  if (posix.isAbsolute(file) || file === ".." || file.startsWith("../"))
    throw new UserError(`the rules file "${given}" is not a path inside the GitOps repository`, {
      hint: "name modelship.yaml's path relative to the repository's root (the config input, or --rules)",
    });
  return file;
}

/**
 * Reads the rules with `read` (a file of the GitOps repository at the base), `file` being the
 * configuration's path there. `server` is the run's GitHub server, the default of each registry's.
 */
export async function loadPromotionRules(
  read: (path: string) => Promise<string | undefined>,
  options: { file: string; base: string; server: string },
): Promise<PromotionRules> {
  const { base } = options;
  const file = rulesPath(options.file);
  const text = await read(file);
  if (text === undefined) throw noRules(file, base, "the file is not there");
  const loaded = parseConfig(text, { file, shownAs: `${file}@${base}` });
  const verify = loaded.config?.verify;
  if (verify === undefined) throw noRules(file, base, "it has no verify section");
  const folder = posix.dirname(file);
  const ruleFiles: string[] = [];
  // A trusted root is a file of the GitOps repository beside the configuration, read at the base too.
  const readBeside = async (path: string): Promise<string | undefined> => {
    const inRepo = posix.normalize(posix.join(folder, path));
    if (posix.isAbsolute(path) || inRepo.startsWith("../")) return undefined;
    ruleFiles.push(inRepo);
    return read(inRepo);
  };
  const registries = [];
  for (const [index, entry] of verify.registries.entries()) {
    const where = `verify.registries[${index}]`;
    const server = entry.server ?? options.server;
    const resolved = trustedRegistry({
      where,
      registry: entry.registry,
      ...(entry.server === undefined ? {} : { server: entry.server }),
      ...(entry.tag_format === undefined ? {} : { tagFormat: entry.tag_format }),
      // The OCI repository prefix the registry's modelcar images live under.
      ...(entry.oci === undefined ? {} : { oci: entry.oci }),
      defaultServer: options.server,
      provenance: await provenancePolicy(entry.provenance, { server, where, readFile: readBeside }),
    });
    if (typeof resolved === "string")
      throw new UserError(resolved, {
        file: loaded.file,
        pointer: `/verify/registries/${index}/registry`,
        hint: "name each registry as github:OWNER/REPO (with its provenance), or a local folder by its absolute path (with provenance: off); its oci prefix as REGISTRY/PATH, e.g. ghcr.io/octo/models",
      });
    registries.push(resolved);
  }
  const targets = Object.values(loaded.config?.promote?.environments ?? {}).flatMap((environment) => environment.targets.map(targetSpec));
  return { file, registries, targets, rulesChanges: verify.rules_changes ?? "fail", ruleFiles };
}
