/**
 * verify-promotion: the GitOps repository's own check of a pull request. Every model URI the PR
 * brings into a manifest must point to a release whose files match their sha256s and whose gate
 * verdict passed for those bytes; every changed manifest must still validate. Made a required
 * status check, it keeps an ungated model out of production even when someone edits the YAML by hand.
 */
import { getErrorMessage, isUserError } from "../common/errors.ts";
import type { Logger } from "../common/logger.ts";
import type { RegistryStore } from "../registry/registry-types.ts";
import { shortDigest } from "../registry/manifest.ts";
import { code, escapeMarkdown, sections, statusIcon, table } from "../common/markdown.ts";
import { withClone } from "../git/git-workspace.ts";
import { findModelUris, parseModelUri, type ReleaseLocation } from "./model-uri.ts";
import { checkRelease, type CheckedRelease } from "./release-check.ts";
import { readState, STATE_KEYS, type RolloutState, type TargetSpec } from "./targets/target-dispatch.ts";
import { formatProblem, validateManifestText } from "./validate-manifests.ts";

export interface VerifyRequest {
  /** The GitOps repository (URL or path) and the PR's base branch and head ref (a branch or refs/pull/N/head). */
  remote: string;
  base: string;
  head: string;
  token?: string;
  /** Targets from modelship.yaml: their stable and canary URIs are checked even when they are not release URLs. */
  targets: TargetSpec[];
  openRegistry: (spec: string) => RegistryStore;
  tagFormat?: string;
  logger: Logger;
}

export interface CheckedUri {
  file: string;
  uri: string;
  ok: boolean;
  detail: string;
}

export interface VerifyResult {
  ok: boolean;
  files: string[];
  uris: CheckedUri[];
  /** Manifest problems (schema, webhook rules, ML checks) and unreadable files. */
  problems: string[];
  markdown: string;
}

const YAML_FILE = /\.ya?ml$/i;

/** Checks the changes `head` makes to `base`. */
export async function verifyPromotion(request: VerifyRequest): Promise<VerifyResult> {
  const { logger } = request;
  return withClone(
    { remote: request.remote, base: request.base, ...(request.token === undefined ? {} : { token: request.token }), logger },
    async (workspace) => {
      const head = await workspace.fetchRef(request.head);
      const baseRef = `refs/remotes/origin/${request.base}`;
      // The PR's own changes: from where it branched off, not from a base that moved since.
      const forkPoint =
        (await workspace.git(["merge-base", baseRef, head], { allowFailure: true })).stdout.toString("utf8").trim() || baseRef;
      const files = (await workspace.changedFiles(forkPoint, head)).filter((file) => YAML_FILE.test(file));
      const problems: string[] = [];
      const candidates = new Map<string, { file: string; uri: string; digest?: string }>();
      for (const file of files) {
        const after = await workspace.readFile(file, head);
        if (after === undefined) continue;
        const before = (await workspace.readFile(file, forkPoint)) ?? "";
        try {
          for (const problem of validateManifestText(after, file, { modelFormat: "onnx" }).problems) problems.push(formatProblem(problem));
        } catch (error) {
          if (!isUserError(error)) throw error;
          problems.push(getErrorMessage(error));
          continue;
        }
        const known = new Set(findModelUris(before, request.tagFormat));
        for (const uri of findModelUris(after, request.tagFormat)) if (!known.has(uri)) candidates.set(`${file}\0${uri}`, { file, uri });
        for (const target of request.targets.filter((spec) => spec.file === file)) {
          let states: [RolloutState, RolloutState];
          try {
            states = [before === "" ? {} : readState(before, target), readState(after, target)];
          } catch (error) {
            if (!isUserError(error)) throw error;
            problems.push(getErrorMessage(error));
            continue;
          }
          const old = new Set([states[0].stable?.uri, states[0].canary?.uri]);
          for (const model of [states[1].stable, states[1].canary]) {
            if (model === undefined || old.has(model.uri)) continue;
            candidates.set(`${file}\0${model.uri}`, {
              file,
              uri: model.uri,
              ...(model.digest === undefined ? {} : { digest: model.digest }),
            });
          }
        }
      }
      const uris: CheckedUri[] = [];
      // A release is downloaded and checked once, however many files point at it.
      const releases = new Map<string, Promise<CheckedRelease>>();
      const check = (location: ReleaseLocation): Promise<CheckedRelease> => {
        const key = `${location.registry}\0${location.model}\0${location.version}`;
        let checked = releases.get(key);
        if (checked === undefined)
          releases.set(
            key,
            (checked = checkRelease({
              store: request.openRegistry(location.registry),
              model: location.model,
              version: location.version,
              logger,
            })),
          );
        return checked;
      };
      for (const candidate of candidates.values()) uris.push(await checkUri(candidate, request.tagFormat, check));
      const ok = problems.length === 0 && uris.every((uri) => uri.ok);
      const markdown = renderVerification({ ok, files, uris, problems });
      logger.info(
        ok
          ? `verify-promotion: ${uris.length} model URI(s) in ${files.length} file(s) verified.`
          : `verify-promotion: ${uris.filter((uri) => !uri.ok).length + problems.length} problem(s).`,
      );
      return { ok, files, uris, problems, markdown };
    },
  );
}

async function checkUri(
  candidate: { file: string; uri: string; digest?: string },
  tagFormat: string | undefined,
  check: (location: ReleaseLocation) => Promise<CheckedRelease>,
): Promise<CheckedUri> {
  const { file, uri } = candidate;
  const location = parseModelUri(uri, tagFormat);
  if (location === undefined)
    return {
      file,
      uri,
      ok: false,
      detail: "not a release asset of a model registry: only released, gated models may be deployed (promote with modelship)",
    };
  try {
    const checked = await check(location);
    if (checked.model.uri !== uri) {
      const file = checked.manifest.files.find((entry) => entry.name === location.file);
      if (file === undefined || file.role !== "model")
        return {
          file: candidate.file,
          uri,
          ok: false,
          detail: `${location.file} is not the model file of ${location.model}@${location.version}`,
        };
    }
    if (candidate.digest !== undefined && candidate.digest !== checked.manifest.digest) {
      return {
        file,
        uri,
        ok: false,
        detail: `the manifest records digest ${shortDigest(candidate.digest)} (annotation ${STATE_KEYS.stable.digest} or ${STATE_KEYS.canary.digest}), the release has ${shortDigest(checked.manifest.digest)}`,
      };
    }
    return {
      file,
      uri,
      ok: true,
      detail: `${location.model}@${location.version}: gate verdict ${checked.manifest.gate.verdict}, every sha256 verified (digest ${shortDigest(checked.manifest.digest)})`,
    };
  } catch (error) {
    if (!isUserError(error)) throw error;
    return { file, uri, ok: false, detail: error.problem };
  }
}

function renderVerification(result: Omit<VerifyResult, "markdown">): string {
  const heading = `## ${statusIcon(result.ok ? "pass" : "fail")} modelship verify-promotion: ${result.ok ? "every model this change deploys is released and gated" : "this change must not be merged"}`;
  const rows = result.uris.map((uri) => [statusIcon(uri.ok ? "pass" : "fail"), code(uri.file), code(uri.uri), escapeMarkdown(uri.detail)]);
  return sections(
    heading,
    result.uris.length === 0
      ? `No model URI changes in ${result.files.length} changed YAML file(s).`
      : table(["", "file", "model URI", "check"], rows),
    result.problems.length === 0
      ? undefined
      : `### Manifest problems\n\n${result.problems.map((problem) => `- ${escapeMarkdown(problem)}`).join("\n")}`,
    "_Provenance attestations are not checked here; verify them with `gh attestation verify` where the runner can reach Sigstore._",
  );
}
