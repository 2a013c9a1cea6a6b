/**
 * The verify-promotion stage as the CLI and the action run it. The rules come from the GitOps
 * repository's base branch (its modelship.yaml, read as git objects from a fresh clone), never from
 * the working tree or the change under check; each registry is opened as the rules name it, with
 * the run's token, so a URI in the change cannot make the check talk to (or send a token to) a
 * host of its choosing.
 */
import type { RegistryStore } from "../registry/registry-types.ts";
import { DEFAULT_CONFIG_FILE } from "../config/modelship-config.ts";
import { gitOutput } from "../git/git-command.ts";
import { openStore } from "../registry/open-store.ts";
import { verifyPromotion, type VerifyResult } from "../gitops/promotion-check.ts";
import type { TrustedRegistry } from "../gitops/trust-policy.ts";
import { checkRefName, resolveGitOps } from "./promote-settings.ts";
import { openOciClient } from "./oci-settings.ts";
import { attestationChecker } from "./provenance-stage.ts";
import { loadStageConfig, networkPolicy, type StageRun } from "./stage-run.ts";
import { loadPromotionRules, rulesPath } from "./verify-settings.ts";

export type { VerifyResult } from "../gitops/promotion-check.ts";
export { failures } from "../gitops/promotion-check.ts";

export interface VerifyStageOptions {
  /** The change to check: a branch or refs/pull/N/head. */
  head: string;
  /**
   * The GitOps repository (a git URL or path) and the PR's base branch. Given both, nothing is read
   * from the working tree; otherwise the run's modelship.yaml supplies promote.remote and promote.base.
   */
  remote?: string;
  base?: string;
  /** Token for cloning the GitOps repository; default the run's. */
  gitopsToken?: string;
  /** The rules' path in the GitOps repository (default modelship.yaml), read at the base branch. */
  rulesFile?: string;
}

/** The top of the git work tree `cwd` is in, or undefined when it is in none. */
async function workTreeOf(cwd: string): Promise<string | undefined> {
  try {
    const top = (await gitOutput(["rev-parse", "--show-toplevel"], { cwd })).trim();
    return top === "" ? undefined : top;
  } catch {
    return undefined;
  }
}

/** `modelship verify-promotion` / the verify-promotion action. */
export async function runVerifyStage(options: VerifyStageOptions, run: StageRun): Promise<VerifyResult> {
  const { logger } = run;
  const given = options.remote !== undefined && options.base !== undefined;
  const loaded = given ? { resolvePath: (path: string) => path } : await loadStageConfig(run.config, run.cwd);
  const promote = "config" in loaded ? loaded.config?.promote : undefined;
  let remote = options.remote;
  // In a clone of the GitOps repository (whose modelship.yaml holds the rules, not promote.remote),
  // the repository under check is the one the command stands in.
  if (remote === undefined && promote?.remote === undefined && promote?.repository === undefined) {
    remote = await workTreeOf(run.cwd);
    if (remote !== undefined)
      logger.info(
        `No --remote, promote.remote or promote.repository: checking the git repository the command runs in (${remote}); its local branches are the base and the change (fetch the change's branch first).`,
      );
  }
  const gitops = resolveGitOps({ remote, base: options.base, serverUrl: run.serverUrl }, loaded);
  // The change's ref and the rules' path are checked before anything is cloned.
  checkRefName(options.head, "--head (the head input)");
  rulesPath(options.rulesFile ?? DEFAULT_CONFIG_FILE);
  const token = options.gitopsToken ?? run.token;
  const server = run.serverUrl ?? "https://github.com";
  const opened = new Map<string, RegistryStore>();
  // The environment's allowlist only: nothing of the working tree is read.
  const network = networkPolicy(run);
  const openRegistry = (registry: TrustedRegistry): RegistryStore => {
    let store = opened.get(registry.spec);
    if (store === undefined) {
      store = openStore({
        spec: registry.spec,
        token: run.token,
        tagFormat: registry.tagFormat,
        logger,
        userAgentVersion: run.toolVersion,
        network,
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
    ...(token === undefined ? {} : { token }),
    loadRules: (read) => loadPromotionRules(read, { file: rulesFile, base: gitops.base, server }),
    openRegistry,
    checkProvenance: attestationChecker(run),
    // Asked only for an image under a trusted registry's oci prefix; credentials from MODELSHIP_OCI_USERNAME / _PASSWORD.
    // Asked only for a reference that matched a trusted registry's oci prefix.
    openOci: (reference) => openOciClient(run, reference, undefined, { trusted: true }),
    logger,
  });
}
