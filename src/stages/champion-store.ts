/**
 * The evaluate stage's champion from the registry: `champion.release: 1.4.0` (or `latest`) is
 * fetched and verified like any model before it is compared; `production` is not resolved yet.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UserError } from "../common/errors.ts";
import type { Logger } from "../common/logger.ts";
import type { LoadedConfig } from "../config/modelship-config.ts";
import type { ChampionSource } from "../gates/policy.ts";
import { fetchModel } from "../registry/verified-fetch.ts";
import { shortDigest } from "../registry/manifest.ts";
import type { RegistryStore } from "../registry/registry-types.ts";
import { openRunRegistry } from "./registry-stage.ts";
import type { StageRun } from "./stage-run.ts";

/** Finds the champion's model file for a champion named by release (or production). */
export type ChampionResolver = (source: Exclude<ChampionSource, { kind: "model" }>) => Promise<string>;

/**
 * A resolver for runEvaluation's `resolveChampion`: fetches the released champion into a temp folder,
 * whose path goes onto `temps` (when given) for the caller to remove once the evaluation is done.
 */
export function registryChampion(options: { store: RegistryStore; model: string; logger: Logger; temps?: string[] }): ChampionResolver {
  return async (source) => {
    if (source.kind === "production") {
      throw new UserError("champion.production is not resolved yet (it will read the stable model from the GitOps repository)", {
        pointer: "/champion/production",
        hint: "give champion.release: a version (or latest) for now",
      });
    }
    const temp = await mkdtemp(join(process.env.RUNNER_TEMP ?? tmpdir(), "modelship-champion-"));
    options.temps?.push(temp);
    const dir = join(temp, "model");
    const fetched = await fetchModel({ store: options.store, model: options.model, version: source.version, dir, logger: options.logger });
    options.logger.info(
      `Champion: ${options.model} ${fetched.version} from ${options.store.description}, verified (digest ${shortDigest(fetched.manifest.digest)}).`,
    );
    return fetched.modelPath;
  };
}

/**
 * runEvaluation's `resolveChampion` for a run: the registry (the registry input or flag, else
 * release.registry, else the face's default) is opened only when the policy names a released champion.
 */
export function runChampionResolver(options: {
  registry?: string;
  loaded: LoadedConfig;
  model?: string;
  run: StageRun;
  temps?: string[];
}): ChampionResolver {
  const { loaded, run } = options;
  return async (source) =>
    registryChampion({
      store: openRunRegistry(run, loaded, { registry: options.registry }),
      model: options.model ?? "",
      logger: run.logger,
      ...(options.temps === undefined ? {} : { temps: options.temps }),
    })(source);
}
