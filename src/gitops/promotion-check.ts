/**
 * verify-promotion: the GitOps repository's own check of a pull request. The rules come from the
 * PR's base branch, never from the change under check: which registries a model may come from,
 * which attestation it must carry, which targets modelship manages. A model URI the change brings
 * in passes only when it is exactly the address of the model file of a release in a trusted
 * registry whose files match their sha256s, whose gate verdict passed for those bytes and whose
 * build provenance verifies. A change to the rules themselves (modelship.yaml, a trusted root,
 * CODEOWNERS, anything under .github/) fails unless the rules let the code owners decide; a model
 * URI in a file no target covers fails as unmanaged. Made a required status check, it keeps an
 * ungated or foreign model out of production even when someone edits the YAML by hand.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getErrorMessage, isUserError, UserError } from "../common/errors.ts";
import type { Logger } from "../common/logger.ts";
import type { RegistryStore } from "../registry/registry-types.ts";
import { shortDigest } from "../registry/manifest.ts";
import { code, escapeMarkdown, sections, statusIcon, table } from "../common/markdown.ts";
import { withClone, type GitWorkspace } from "../git/git-workspace.ts";
import type { OciClient } from "../net/oci-client.ts";
import type { OciReference } from "../net/oci-reference.ts";
import { checkModelcar, imageRelease, type CheckedModelcar } from "./modelcar-check.ts";
import { checkRelease, servableUris, type CheckedRelease } from "./release-check.ts";
import { findModelUris } from "./model-uri.ts";
import { checkManifestAliases } from "./promotion-pr.ts";
import { retiredRefusal } from "../registry/retirement.ts";
import { removeTarget } from "./retire-targets.ts";
import { findServingUris, lineOf } from "./serving-uris.ts";
import { matchRegistry, type ImageLocation, type PromotionRules, type TrustedRegistry } from "./trust-policy.ts";
import { readState, STATE_KEYS, type RolloutState } from "./targets/target-dispatch.ts";
import { formatProblem, validateManifestText } from "./validate-manifests.ts";

/**
 * Whether a release's model file carries the attestation its registry requires; with `image` (a
 * modelcar's digest), the image must carry one of its own as well.
 */
export type ProvenanceCheck = (
  registry: TrustedRegistry,
  release: CheckedRelease,
  image?: string,
) => Promise<{ ok: boolean; detail: string }>;

export interface VerifyRequest {
  /** The GitOps repository (URL or path) and the PR's base branch and head ref (a branch or refs/pull/N/head). */
  remote: string;
  base: string;
  head: string;
  token?: string;
  /** Reads the rules from the base branch: `read` returns a file of the GitOps repository as the base has it. */
  loadRules: (read: (path: string) => Promise<string | undefined>) => Promise<PromotionRules>;
  /** Opens a trusted registry's store (with the registry's token: it is never sent anywhere a URI names). */
  openRegistry: (registry: TrustedRegistry) => RegistryStore;
  checkProvenance: ProvenanceCheck;
  /**
   * A client for an image repository of a trusted registry's OCI prefix (with the run's OCI
   * credentials); only asked once an `oci://` URI matched the rules.
   */
  openOci?: (reference: Pick<OciReference, "registry" | "repository">) => OciClient;
  logger: Logger;
}

export interface CheckedUri {
  file: string;
  /** 1-based line of the URI in the changed file. */
  line: number;
  uri: string;
  ok: boolean;
  detail: string;
  /** For a URI that passed: its registry, and whether its provenance was verified or is off by the rules. */
  registry?: string;
  provenance?: "verified" | "off";
}

/** A file of the rules that the change touches. */
export interface RulesChange {
  file: string;
  /** True when the rules let the code owners' review decide; false when it fails the check. */
  allowed: boolean;
}

/** A file the change deletes; `retire` when it held only what a target serves the model with (promote --action retire). */
export interface DeletedFile {
  file: string;
  retire: boolean;
}

export interface VerifyResult {
  ok: boolean;
  files: string[];
  /** Files the change deletes (no model URI can come in through them, so they are listed, not checked). */
  deleted?: DeletedFile[];
  uris: CheckedUri[];
  /** Manifest problems (schema, webhook rules, ML checks) and unreadable files. */
  problems: string[];
  rulesChanges: RulesChange[];
  /** What passed with a caveat: provenance off for a registry, a rules change left to the code owners. */
  warnings: string[];
  markdown: string;
}

/** Files scanned document by document (JSON is YAML too); other changed files are scanned as text. */
const MANIFEST_FILE = /\.(ya?ml|json)$/i;
const SYMLINK = "120000";
const SUBMODULE = "160000";
const DELETED = "000000";
/** Storage URIs that no web page or config would hold but a model server loads from. */
const STORAGE_URI = /\b(?:s3|gs|hf|oci|pvc|azureblob|wasbs?|abfss?):\/\/[^\s"'`,;)}\]]+/g;

/** Release URLs and storage URIs in a text that is not a manifest. */
function textModelUris(text: string): string[] {
  return [...new Set([...findModelUris(text), ...[...text.matchAll(STORAGE_URI)].map((match) => match[0])])];
}

/** Files whose change changes the rules, besides the configuration and the files it reads. */
function isRulesFile(file: string, rules: PromotionRules): boolean {
  return (
    file === rules.file ||
    rules.ruleFiles.includes(file) ||
    file.startsWith(".github/") ||
    file === "CODEOWNERS" ||
    file === ".gitmodules" ||
    file === "docs/CODEOWNERS"
  );
}

/**
 * The share of traffic (percent) each model URI of a target's state takes: the canary its weight, the
 * stable the rest. A version that keeps its URI can still gain traffic: a canary stepped up or promoted
 * to stable, or moved from canary to stable by hand.
 */
export function trafficShares(state: RolloutState): Map<string, number> {
  const shares = new Map<string, number>();
  const add = (uri: string, share: number) => shares.set(uri, (shares.get(uri) ?? 0) + share);
  if (state.stable !== undefined) add(state.stable.uri, 100 - (state.canary?.weight ?? 0));
  if (state.canary !== undefined) add(state.canary.uri, state.canary.weight);
  return shares;
}

/** A URI the base already served at a target whose traffic share the change raises. */
interface Gain {
  file: string;
  line: number;
  uri: string;
  from: number;
  to: number;
}

interface Candidate {
  file: string;
  line: number;
  uri: string;
  digest?: string;
  /** Set for a URI in a file that no target covers. */
  unmanaged?: string;
}

/** Fetches the change's ref; one the remote does not have is the user's mistake, named as such. */
async function fetchHead(workspace: GitWorkspace, head: string): Promise<string> {
  try {
    return await workspace.fetchRef(head);
  } catch (error) {
    if (!isUserError(error)) throw error;
    const ref = head.startsWith("refs/") ? head : `refs/heads/${head}`;
    const probe = await workspace.git(["ls-remote", "origin", ref], { allowFailure: true });
    if (probe.exitCode !== 0 || probe.stdout.toString("utf8").trim() !== "") throw error;
    throw new UserError(`the head ref "${head}" does not exist in the GitOps repository ${workspace.redact(workspace.remote)}`, {
      hint: "pass the change's branch or its refs/pull/N/head (--head, or the head input), and push the branch first",
    });
  }
}

/** The message of an alias bomb in `text`, or undefined when its aliases stay within the limit. */
function aliasBomb(text: string, file: string): string | undefined {
  try {
    checkManifestAliases(text, file);
    return undefined;
  } catch (error) {
    if (!isUserError(error)) throw error;
    return `${error.file ?? file}${error.line === undefined ? "" : `:${error.line}`}: ${error.problem}: ${error.hint ?? ""}`.replace(
      /: $/,
      "",
    );
  }
}

/** Checks the changes `head` makes to `base`, by the rules `base` has. */
export async function verifyPromotion(request: VerifyRequest): Promise<VerifyResult> {
  const { logger } = request;
  return withClone(
    { remote: request.remote, base: request.base, ...(request.token === undefined ? {} : { token: request.token }), logger },
    async (workspace) => {
      const head = await fetchHead(workspace, request.head);
      const baseRef = `refs/remotes/origin/${request.base}`;
      // The rules in force: the base branch as it is now, which the change would merge into.
      const rules = await request.loadRules((path) => workspace.readFile(path, baseRef));
      // The PR's own changes: from where it branched off, not from a base that moved since.
      const forkPoint =
        (await workspace.git(["merge-base", baseRef, head], { allowFailure: true })).stdout.toString("utf8").trim() || baseRef;
      const entries = await workspace.changedEntries(forkPoint, head);
      const changed = entries.map((entry) => entry.path);
      const rulesChanges = changed
        .filter((file) => isRulesFile(file, rules))
        .map((file) => ({ file, allowed: rules.rulesChanges === "codeowners" }));
      const problems: string[] = [];
      const notValidated: string[] = []; // CEL rules the validator could not evaluate: warnings, never problems
      const candidates = new Map<string, Candidate>();
      const add = (candidate: Candidate) => {
        const key = `${candidate.file}\0${candidate.uri}`;
        if (!candidates.has(key) || candidate.digest !== undefined) candidates.set(key, candidate);
      };
      const files: string[] = [];
      const deleted: DeletedFile[] = [];
      const retired: string[] = [];
      const gains = new Map<string, Gain>(); // by file and URI: two targets may cover one file
      for (const { path, mode } of entries) {
        if (mode === SYMLINK || mode === SUBMODULE)
          problems.push(
            `${path}: a ${mode === SYMLINK ? "symbolic link" : "submodule"}, whose content verify-promotion cannot see while Argo CD and Kustomize follow it: commit the files themselves`,
          );
        else if (mode === DELETED) deleted.push({ file: path, retire: await deletedByRetirement(workspace, path, forkPoint, rules) });
        else if (!/\.md$/i.test(path)) files.push(path);
      }
      for (const file of files) {
        const after = await workspace.readFile(file, head);
        if (after === undefined) continue;
        const before = (await workspace.readFile(file, forkPoint)) ?? "";
        const targets = rules.targets.filter((spec) => spec.file === file);
        const unmanaged = targets.length === 0 ? `unmanaged model URI: no target in ${rules.file} covers ${file}` : undefined;
        if (!MANIFEST_FILE.test(file)) {
          // Not a manifest (a Helm template, a generator's env file): release URLs and storage URIs in its text count.
          for (const uri of textModelUris(after))
            if (!before.includes(uri)) add({ file, line: lineOf(after, uri), uri, ...(unmanaged === undefined ? {} : { unmanaged }) });
          continue;
        }
        if (/[\0\uFFFD]/.test(after)) {
          problems.push(`${file}: not UTF-8 text, which Kubernetes tools may read otherwise than this check does: save it as UTF-8`);
          continue;
        }
        // An alias bomb (in the change, or already at the fork point) is a problem of the file, never a crash of the check.
        const bomb = aliasBomb(after, file) ?? aliasBomb(before, file);
        if (bomb !== undefined) {
          problems.push(bomb);
          continue;
        }
        try {
          const validation = validateManifestText(after, file, { modelFormat: "onnx" });
          for (const problem of validation.problems) problems.push(formatProblem(problem));
          notValidated.push(...validation.notes);
          const scanned = findServingUris(after);
          // A serving location is judged by what sat there before; a release URL found only in the text (an
          // annotation, a comment: nothing loads it) is new only when the file did not hold it at all.
          const seen = findServingUris(before).uris;
          const known = new Set([...seen.map((found) => `${found.location}\0${found.uri}`), ...seen.map((found) => `text\0${found.uri}`)]);
          for (const problem of scanned.problems) problems.push(`${file}: ${problem}`);
          for (const found of scanned.uris)
            if (!known.has(`${found.location}\0${found.uri}`))
              add({ file, line: found.line, uri: found.uri, ...(unmanaged === undefined ? {} : { unmanaged }) });
        } catch (error) {
          if (!isUserError(error)) throw error;
          problems.push(`${file}: ${getErrorMessage(error)}`);
        }
        for (const target of targets) {
          let states: [RolloutState, RolloutState];
          try {
            // A retirement (promote --action retire) takes the target out of a file that stays: when the
            // file is exactly the base's with the target removed, nothing serves there, so there is no state
            // to check. Any other edit (a URI added elsewhere in it) is read as before, and fails if unreadable.
            if (before !== "" && removeTarget(before, target)?.text === after) {
              retired.push(`${file}: the ${target.kind} target no longer holds the model (it was retired from this file)`);
              continue;
            }
            states = [before === "" ? {} : readState(before, target), readState(after, target)];
          } catch (error) {
            if (!isUserError(error)) throw error;
            problems.push(getErrorMessage(error));
            continue;
          }
          const old = new Set([states[0].stable?.uri, states[0].canary?.uri]);
          for (const model of [states[1].stable, states[1].canary]) {
            if (model === undefined || old.has(model.uri)) continue;
            add({ file, line: lineOf(after, model.uri), uri: model.uri, ...(model.digest === undefined ? {} : { digest: model.digest }) });
          }
          // A URI new to the target is checked in full above (retirement included); one the base already
          // served is asked only whether it was retired, when the change gives it more traffic. The stable
          // model that stays stable is not asked: it gains only what the canary loses (a rollback, a step
          // down), the way back to what served before the canary, which is never blocked.
          const [was, now] = states.map(trafficShares) as [Map<string, number>, Map<string, number>];
          const staysStable = (uri: string) =>
            states[0].stable?.uri === uri && states[1].stable?.uri === uri && states[1].canary?.uri !== uri;
          for (const [uri, to] of now)
            if (old.has(uri) && !staysStable(uri) && to > (was.get(uri) ?? 0))
              gains.set(`${file}\0${uri}`, { file, line: lineOf(after, uri), uri, from: was.get(uri) ?? 0, to });
        }
      }
      const uris: CheckedUri[] = [];
      const warnings: string[] = [...notValidated.map((note) => `${note} (the cluster's API server checks it on apply)`), ...retired];
      // A release is downloaded and checked once, however many files point at it.
      const releases = new Map<string, Promise<CheckedRelease>>();
      const images = new Map<string, Promise<CheckedModelcar>>();
      const provenance = new Map<string, Promise<{ ok: boolean; detail: string }>>();
      const context: UriContext = {
        rules,
        release: (registry, model, version) => {
          const key = `${registry.spec}\0${model}\0${version}`;
          let checked = releases.get(key);
          if (checked === undefined)
            releases.set(key, (checked = checkRelease({ store: request.openRegistry(registry), model, version, logger })));
          return checked;
        },
        modelcar: (registry, image) => {
          const key = `${registry.spec}\0${image.reference.registry}/${image.reference.repository}@${image.reference.digest}`;
          let checked = images.get(key);
          if (checked === undefined) images.set(key, (checked = pullImage(request, registry, image)));
          return checked;
        },
        provenance: (registry, release, image) => {
          const key = `${registry.spec}\0${release.manifest.digest}\0${image ?? ""}`;
          let checked = provenance.get(key);
          if (checked === undefined) provenance.set(key, (checked = request.checkProvenance(registry, release, image)));
          return checked;
        },
      };
      for (const candidate of [...candidates.values()].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line))
        uris.push(await checkUri(candidate, context));
      for (const gain of gains.values()) {
        const failed = await retiredGain(gain, rules, request);
        if (failed !== undefined) uris.push(failed);
      }
      for (const registry of rules.registries)
        if (uris.some((uri) => uri.registry === registry.spec && uri.provenance === "off"))
          warnings.push(
            `provenance is off for ${registry.spec} (${registry.where}.provenance in ${rules.file}): no attestation was checked`,
          );
      for (const change of rulesChanges.filter((change) => change.allowed))
        warnings.push(`${change.file} changes the promotion rules: the code owners' review decides (verify.rules_changes: codeowners)`);
      const ok = problems.length === 0 && uris.every((uri) => uri.ok) && rulesChanges.every((change) => change.allowed);
      const markdown = renderVerification({ ok, files, deleted, uris, problems, rulesChanges, warnings, rulesFile: rules.file });
      logger.info(
        ok
          ? `verify-promotion: ${uris.length} model URI(s) in ${files.length} file(s) verified${deleted.length === 0 ? "" : `; ${describeDeletions(deleted)}`}.`
          : `verify-promotion: ${failures({ uris, problems, rulesChanges })} problem(s).`,
      );
      return { ok, files, deleted, uris, problems, rulesChanges, warnings, markdown };
    },
  );
}

/** Whether a deleted file held nothing but what one of the base's targets serves the model with: a retirement. */
async function deletedByRetirement(workspace: GitWorkspace, file: string, forkPoint: string, rules: PromotionRules): Promise<boolean> {
  const before = await workspace.readFile(file, forkPoint);
  if (before === undefined || !MANIFEST_FILE.test(file) || aliasBomb(before, file) !== undefined) return false;
  return rules.targets
    .filter((target) => target.file === file)
    .some((target) => {
      try {
        return removeTarget(before, target)?.text === null;
      } catch (error) {
        if (!isUserError(error)) throw error;
        return false;
      }
    });
}

/** `deletes a.yaml (retire), b.yaml` for messages. */
export function describeDeletions(deleted: readonly DeletedFile[]): string {
  return `deletes ${deleted.map((entry) => `${entry.file}${entry.retire ? " (retire)" : ""}`).join(", ")}`;
}

/** How many things fail the check. */
export function failures(result: Pick<VerifyResult, "uris" | "problems" | "rulesChanges">): number {
  return (
    result.uris.filter((uri) => !uri.ok).length + result.problems.length + result.rulesChanges.filter((change) => !change.allowed).length
  );
}

/**
 * A retired version keeps the traffic it has but gains none (docs/retirement.md): fails a gain of a
 * version whose registry (one the base's rules trust) marks it retired. Only the mark is read, no
 * file downloaded; a URI of no trusted registry was judged when it came in, and is left alone here.
 */
async function retiredGain(
  gain: Gain,
  rules: PromotionRules,
  request: Pick<VerifyRequest, "openRegistry" | "openOci">,
): Promise<CheckedUri | undefined> {
  const { file, line, uri } = gain;
  const match = matchRegistry(uri, rules.registries);
  if ("problem" in match) return undefined;
  const { registry } = match;
  const grows = `its traffic share grows from ${gain.from}% to ${gain.to}%`;
  let location: { model: string; version: string } | undefined = "location" in match ? match.location : undefined;
  try {
    // An image's version is in its manifest's annotations, read by digest (it was verified in full when it came in).
    location ??= await imageReleaseOf((match as { image: ImageLocation }).image, request);
    const mark = await request.openRegistry(registry).retirement(location.model, location.version);
    if (mark === undefined) return undefined;
    const refusal = retiredRefusal(mark, "give more traffic to");
    return {
      file,
      line,
      uri,
      ok: false,
      detail: `${refusal.problem}, and ${grows}: a retired version keeps the traffic it has but gains none; fix: roll back to the stable version, or ${refusal.hint ?? ""}`,
    };
  } catch (error) {
    if (!isUserError(error)) throw error;
    // Fails closed: a gain that cannot be checked is not let through.
    return {
      file,
      line,
      uri,
      ok: false,
      detail: `${grows}, but whether ${location === undefined ? uri : `${location.model}@${location.version}`} is retired could not be read: ${error.problem}`,
    };
  }
}

/** The model and version a digest-pinned image of a trusted registry names (a UserError when it cannot be read: the gain then fails). */
async function imageReleaseOf(image: ImageLocation, request: Pick<VerifyRequest, "openOci">): Promise<{ model: string; version: string }> {
  if (request.openOci === undefined) throw noOciClient();
  return imageRelease(request.openOci(image.reference), image.reference.digest, image.model);
}

/** No way to pull an image was given (a caller that predates oci:// models). */
function noOciClient(): UserError {
  return new UserError("this check was given no way to pull oci:// images", {
    hint: "run verify-promotion through modelship's CLI or action",
  });
}

/** Pulls and verifies an image of a trusted registry into a scratch folder (removed after), checking it is the registry's release. */
async function pullImage(request: VerifyRequest, registry: TrustedRegistry, image: ImageLocation): Promise<CheckedModelcar> {
  if (request.openOci === undefined) throw noOciClient();
  const scratch = await mkdtemp(join(tmpdir(), "modelship-verify-image-"));
  try {
    return await checkModelcar({
      client: request.openOci(image.reference),
      digest: image.reference.digest,
      store: request.openRegistry(registry),
      dir: scratch,
      model: image.model,
      doing: "promote or deploy",
      logger: request.logger,
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

interface UriContext {
  rules: PromotionRules;
  release: (registry: TrustedRegistry, model: string, version: string) => Promise<CheckedRelease>;
  modelcar: (registry: TrustedRegistry, image: ImageLocation) => Promise<CheckedModelcar>;
  provenance: (registry: TrustedRegistry, release: CheckedRelease, image?: string) => Promise<{ ok: boolean; detail: string }>;
}

async function checkUri(candidate: Candidate, context: UriContext): Promise<CheckedUri> {
  const { file, line, uri } = candidate;
  const fail = (detail: string): CheckedUri => ({ file, line, uri, ok: false, detail });
  if (candidate.unmanaged !== undefined) return fail(`${candidate.unmanaged}; add a target for it, or deploy the model through one`);
  const match = matchRegistry(uri, context.rules.registries);
  if ("problem" in match) return fail(match.problem);
  if ("image" in match) return checkImageUri(candidate, match.registry, match.image, context);
  const { registry, location } = match;
  try {
    const checked = await context.release(registry, location.model, location.version);
    // Exactly the address of a file the release serves from, as the registry gives it (model.onnx, or the
    // Triton model repository archive the manifest lists): not another asset, not the same name elsewhere.
    const servable = servableUris(checked);
    if (!servable.includes(uri))
      return fail(
        `not the address of a file ${location.model}@${location.version} serves from in ${registry.spec} (${servable.join(", ")})`,
      );
    const verdict = `${location.model}@${location.version} from ${registry.spec}: gate verdict ${checked.manifest.gate.verdict}, every sha256 verified (digest ${shortDigest(checked.manifest.digest)})`;
    return await judge(candidate, { registry, checked, verdict }, context);
  } catch (error) {
    return refused(candidate, error);
  }
}

/**
 * The rest of a URI's check once its release is checked: the digest the manifest records (if any),
 * then the provenance the registry requires (of the release, and of `image` too for a modelcar).
 */
async function judge(
  candidate: Candidate,
  found: { registry: TrustedRegistry; checked: CheckedRelease; verdict: string; image?: string },
  context: UriContext,
): Promise<CheckedUri> {
  const { file, line, uri } = candidate;
  const { registry, checked, verdict } = found;
  const fail = (detail: string): CheckedUri => ({ file, line, uri, ok: false, detail });
  if (candidate.digest !== undefined && candidate.digest !== checked.manifest.digest)
    return fail(
      `the manifest records digest ${shortDigest(candidate.digest)} (annotation ${STATE_KEYS.stable.digest} or ${STATE_KEYS.canary.digest}), the release has ${shortDigest(checked.manifest.digest)}`,
    );
  if (registry.provenance === "off")
    return { file, line, uri, ok: true, detail: `${verdict}; provenance not checked (off)`, registry: registry.spec, provenance: "off" };
  const attested = await context.provenance(registry, checked, found.image);
  if (!attested.ok) return fail(`${verdict}, but its provenance does not verify: ${attested.detail}`);
  return {
    file,
    line,
    uri,
    ok: true,
    detail: `${verdict}; provenance ✅ ${attested.detail}`,
    registry: registry.spec,
    provenance: "verified",
  };
}

/** A URI whose check threw a UserError: failed, with the fix ("upgrade modelship" for a release made by a newer one, "fetch it again" for a damaged one). */
function refused(candidate: Candidate, error: unknown): CheckedUri {
  if (!isUserError(error)) throw error;
  const { file, line, uri } = candidate;
  return { file, line, uri, ok: false, detail: error.hint === undefined ? error.problem : `${error.problem}; fix: ${error.hint}` };
}

/** A digest-pinned modelcar of a trusted registry: pulled, verified, the registry's release, gated, and (unless off) attested. */
async function checkImageUri(
  candidate: Candidate,
  registry: TrustedRegistry,
  image: ImageLocation,
  context: UriContext,
): Promise<CheckedUri> {
  try {
    const checked = await context.modelcar(registry, image);
    const verdict = `${checked.model.name}@${checked.model.version} from ${registry.spec}: the image is that release (manifest.json sha256 ${shortDigest(checked.stored.manifestSha256)}), gate verdict ${checked.manifest.gate.verdict}, every layer and file verified (digest ${shortDigest(checked.manifest.digest)})`;
    return await judge(candidate, { registry, checked, verdict, image: checked.imageDigest }, context);
  } catch (error) {
    return refused(candidate, error);
  }
}

function renderVerification(
  result: Omit<VerifyResult, "markdown"> & {
    rulesFile: string;
  },
): string {
  const attested = result.uris.every((uri) => uri.provenance !== "off");
  const verdict = result.ok
    ? `every model this change deploys is released and gated${attested ? " and attested" : " (provenance off: see the warnings)"}`
    : "this change must not be merged";
  const heading = `## ${statusIcon(result.ok ? "pass" : "fail")} modelship verify-promotion: ${verdict}`;
  const rows = result.uris.map((uri) => [
    statusIcon(uri.ok ? "pass" : "fail"),
    code(`${uri.file}:${uri.line}`),
    code(uri.uri),
    escapeMarkdown(uri.detail),
  ]);
  const rules = result.rulesChanges.map(
    (change) =>
      `- ${statusIcon(change.allowed ? "warn" : "fail")} ${code(change.file)}${change.allowed ? ": left to the code owners' review" : ""}`,
  );
  return sections(
    heading,
    result.uris.length === 0
      ? `No model URI changes in ${result.files.length} changed file(s)${result.deleted?.length ? `; the change ${describeDeletions(result.deleted)}` : ""}.`
      : table(["", "file", "model URI", "check"], rows),
    rules.length === 0
      ? undefined
      : `### This change edits the promotion rules\n\nThe rules (${code(result.rulesFile)} at the base branch, the files it reads, CODEOWNERS and .github/) are changed only by a reviewed change of their own${result.rulesChanges.some((change) => !change.allowed) ? ", so this check fails; land the rules change separately, or set `verify.rules_changes: codeowners` and require code-owner review" : ""}:\n\n${rules.join("\n")}`,
    result.problems.length === 0
      ? undefined
      : `### Manifest problems\n\n${result.problems.map((problem) => `- ${escapeMarkdown(problem)}`).join("\n")}`,
    result.warnings.length === 0
      ? undefined
      : `### Warnings\n\n${result.warnings.map((warning) => `- ${statusIcon("warn")} ${escapeMarkdown(warning)}`).join("\n")}`,
  );
}

/** The rules could not be read at the base: the check fails closed, saying what to add. */
export function noRules(file: string, base: string, why: string): UserError {
  return new UserError(`verify-promotion has no rules to check by: ${why} (${file} at ${base})`, {
    hint: `commit ${file} to ${base} with verify.registries (the registries models may come from, e.g. - { registry: github:OWNER/models, provenance: { workflow: .github/workflows/model.yml } }) and promote.environments' targets; until then every change fails`,
  });
}
