import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  noRules,
  trustedRegistry,
  verifyPromotion
} from "./chunk-WYWBGQTR.js";
import {
  attestationChecker,
  provenancePolicy
} from "./chunk-OB66M5SJ.js";
import {
  openOciClient
} from "./chunk-YNXDJ5Z6.js";
import {
  checkRefName,
  resolveGitOps,
  targetSpec
} from "./chunk-XYL5FBBP.js";
import {
  openStore
} from "./chunk-OXQJNLJL.js";
import {
  gitOutput
} from "./chunk-FBLJ2B7Y.js";
import {
  loadStageConfig,
  networkPolicy
} from "./chunk-RCYMTRN5.js";
import {
  DEFAULT_CONFIG_FILE,
  parseConfig
} from "./chunk-YVAZ7I5R.js";
import {
  UserError
} from "./chunk-SU4BFKON.js";

// src/stages/verify-settings.ts
import { posix } from "node:path";
function rulesPath(given) {
  const file = posix.normalize(given);
  if (posix.isAbsolute(file) || file === ".." || file.startsWith("../"))
    throw new UserError(`the rules file "${given}" is not a path inside the GitOps repository`, {
      hint: "name modelship.yaml's path relative to the repository's root (the config input, or --rules)"
    });
  return file;
}
async function loadPromotionRules(read, options) {
  const { base } = options;
  const file = rulesPath(options.file);
  const text = await read(file);
  if (text === void 0) throw noRules(file, base, "the file is not there");
  const loaded = parseConfig(text, { file, shownAs: `${file}@${base}` });
  const verify = loaded.config?.verify;
  if (verify === void 0) throw noRules(file, base, "it has no verify section");
  const folder = posix.dirname(file);
  const ruleFiles = [];
  const readBeside = async (path) => {
    const inRepo = posix.normalize(posix.join(folder, path));
    if (posix.isAbsolute(path) || inRepo.startsWith("../")) return void 0;
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
      ...entry.server === void 0 ? {} : { server: entry.server },
      ...entry.tag_format === void 0 ? {} : { tagFormat: entry.tag_format },
      // The OCI repository prefix the registry's modelcar images live under.
      ...entry.oci === void 0 ? {} : { oci: entry.oci },
      defaultServer: options.server,
      provenance: await provenancePolicy(entry.provenance, { server, where, readFile: readBeside })
    });
    if (typeof resolved === "string")
      throw new UserError(resolved, {
        file: loaded.file,
        pointer: `/verify/registries/${index}/registry`,
        hint: "name each registry as github:OWNER/REPO (with its provenance), or a local folder by its absolute path (with provenance: off); its oci prefix as REGISTRY/PATH, e.g. ghcr.io/octo/models"
      });
    registries.push(resolved);
  }
  const targets = Object.values(loaded.config?.promote?.environments ?? {}).flatMap((environment) => environment.targets.map(targetSpec));
  return { file, registries, targets, rulesChanges: verify.rules_changes ?? "fail", ruleFiles };
}

// src/stages/verify-stage.ts
async function workTreeOf(cwd) {
  try {
    const top = (await gitOutput(["rev-parse", "--show-toplevel"], { cwd })).trim();
    return top === "" ? void 0 : top;
  } catch {
    return void 0;
  }
}
async function runVerifyStage(options, run) {
  const { logger } = run;
  const given = options.remote !== void 0 && options.base !== void 0;
  const loaded = given ? { resolvePath: (path) => path } : await loadStageConfig(run.config, run.cwd);
  const promote = "config" in loaded ? loaded.config?.promote : void 0;
  let remote = options.remote;
  if (remote === void 0 && promote?.remote === void 0 && promote?.repository === void 0) {
    remote = await workTreeOf(run.cwd);
    if (remote !== void 0)
      logger.info(
        `No --remote, promote.remote or promote.repository: checking the git repository the command runs in (${remote}); its local branches are the base and the change (fetch the change's branch first).`
      );
  }
  const gitops = resolveGitOps({ remote, base: options.base, serverUrl: run.serverUrl }, loaded);
  checkRefName(options.head, "--head (the head input)");
  rulesPath(options.rulesFile ?? DEFAULT_CONFIG_FILE);
  const token = options.gitopsToken ?? run.token;
  const server = run.serverUrl ?? "https://github.com";
  const opened = /* @__PURE__ */ new Map();
  const network = networkPolicy(run);
  const openRegistry = (registry) => {
    let store = opened.get(registry.spec);
    if (store === void 0) {
      store = openStore({
        spec: registry.spec,
        token: run.token,
        tagFormat: registry.tagFormat,
        logger,
        userAgentVersion: run.toolVersion,
        network
      });
      opened.set(registry.spec, store);
    }
    return store;
  };
  const rulesFile = options.rulesFile ?? DEFAULT_CONFIG_FILE;
  return verifyPromotion({
    remote: gitops.remote,
    base: gitops.base,
    head: options.head,
    ...token === void 0 ? {} : { token },
    loadRules: (read) => loadPromotionRules(read, { file: rulesFile, base: gitops.base, server }),
    openRegistry,
    checkProvenance: attestationChecker(run),
    // Asked only for an image under a trusted registry's oci prefix; credentials from MODELSHIP_OCI_USERNAME / _PASSWORD.
    // Asked only for a reference that matched a trusted registry's oci prefix.
    openOci: (reference) => openOciClient(run, reference, void 0, { trusted: true }),
    logger
  });
}

export {
  runVerifyStage
};
