/**
 * The evaluate stage's champion from the registry: `champion.release: 1.4.0` (or `latest`) is
 * fetched and verified like any model before it is compared; `production` is not resolved yet.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UserError } from "../common/errors.ts";
import type { Logger } from "../common/logger.ts";
import type { ChampionSource } from "../gates/policy.ts";
import { fetchModel } from "../registry/fetch.ts";
import { shortDigest } from "../registry/manifest.ts";
import type { RegistryStore } from "../registry/types.ts";

/** A resolver for runEvaluation's `resolveChampion`: fetches the released champion into a temp folder. */
export function registryChampion(options: {
  store: RegistryStore;
  model: string;
  logger: Logger;
}): (source: Exclude<ChampionSource, { kind: "model" }>) => Promise<string> {
  return async (source) => {
    if (source.kind === "production") {
      throw new UserError("champion.production is not resolved yet (it will read the stable model from the GitOps repository)", {
        pointer: "/champion/production",
        hint: "give champion.release: a version (or latest) for now",
      });
    }
    const dir = join(await mkdtemp(join(process.env.RUNNER_TEMP ?? tmpdir(), "modelship-champion-")), "model");
    const fetched = await fetchModel({ store: options.store, model: options.model, version: source.version, dir, logger: options.logger });
    options.logger.info(
      `Champion: ${options.model} ${fetched.version} from ${options.store.description}, verified (digest ${shortDigest(fetched.manifest.digest)}).`,
    );
    return fetched.modelPath;
  };
}
