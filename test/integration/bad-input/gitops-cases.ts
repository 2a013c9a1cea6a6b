/**
 * Bad input for the GitOps and drift stages (promote, canary, verify-promotion, drift; their CLI
 * commands and their actions): GitOps repositories that are not repositories or lack the branch,
 * environments that are not configured, manifests and rules that do not parse or are alias bombs,
 * target paths that leave the repository or are symbolic links, health sources that are not http(s),
 * drift references, current data and output paths that cannot work.
 *
 * Each case's GitOps repository is a bare repository `gitops.git` in its working folder. Two
 * placeholders are filled in by gitops.test.ts: `{github}` (the GitHub fake's URL, for the actions)
 * and `{server}` (a loopback HTTP server: `/data` answers CSV without a content type, anything else
 * 404).
 */
import { join } from "node:path";
import { aliasBomb, bareRepository, KIT_CONFIG, type BadInputCase } from "../../support/bad-input.ts";
import { pushTree } from "../../support/git.ts";

/** The GitHub fake's URL and the loopback server's, filled in by gitops.test.ts. */
export const GITHUB_PLACEHOLDER = "{github}";
export const SERVER_PLACEHOLDER = "{server}";

const VALUES = "apps/toy/values.yaml";

/** The kit's modelship.yaml plus a GitOps repository (gitops.git) with a canary and a direct environment. */
const CONFIG = [
  KIT_CONFIG.trimEnd(),
  "promote:",
  "  remote: gitops.git",
  "  environments:",
  "    production:",
  "      strategy: canary",
  "      steps: [10, 50]",
  `      targets: [{ kind: yaml-path, file: ${VALUES}, uri_path: model.storageUri, weight_path: model.canaryWeight }]`,
  "      health: { metrics: metrics.json, checks: [{ name: error-rate, metric: error_rate, max: 0.01 }] }",
  "    staging:",
  "      strategy: direct",
  `      targets: [{ kind: yaml-path, file: ${VALUES}, uri_path: model.storageUri }]`,
  "",
].join("\n");

/** CONFIG with one piece of text replaced (the replaced text must be there). */
function configWith(from: string, to: string): string {
  if (!CONFIG.includes(from)) throw new Error(`CONFIG has no "${from}"`);
  return CONFIG.replace(from, to);
}

/** What the GitOps repository serves: 0.9.0 alone, or 1.0.0 as a canary at 10% beside it. */
const STABLE = "model:\n  storageUri: s3://models/toy/0.9.0/model.onnx\n";
const CANARY = [
  "model:",
  "  storageUri: s3://models/toy/1.0.0/model.onnx",
  "  canaryWeight: 10",
  "modelship:",
  "  modelship.dev/stable-uri: s3://models/toy/0.9.0/model.onnx",
  "  modelship.dev/canary-version: 1.0.0",
  "  modelship.dev/canary-uri: s3://models/toy/1.0.0/model.onnx",
  "",
].join("\n");

/** Five levels of nine aliases each (9^5 = 59049 copies from a few lines), then a valid manifest. */
const ALIAS_BOMB = aliasBomb(5);
const BOMBED_STABLE = `${ALIAS_BOMB}${STABLE}`;

/** Setup: gitops.git with `files` on main (default: values.yaml serving 0.9.0). */
function gitops(files: Record<string, string> = { [VALUES]: STABLE }): (work: string) => Promise<void> {
  return async (work) => {
    await bareRepository(work, "gitops.git", files);
  };
}

/** Setup: gitops.git whose values.yaml on main is a symbolic link to `target`. */
function gitopsWithLink(target: string): (work: string) => Promise<void> {
  return async (work) => {
    const bare = await bareRepository(work, "gitops.git", { "apps/toy/real-values.yaml": STABLE, "README.md": "gitops\n" });
    pushTree(bare, "main", { links: { [VALUES]: target } }, { from: "main" });
  };
}

/** The GitOps repository's rules (its own modelship.yaml) trusting the kit's registry. */
function rules(work: string): string {
  return [
    "model: toy",
    "verify:",
    "  registries:",
    `    - { registry: ${JSON.stringify(join(work, "registry"))}, provenance: off }`,
    "promote:",
    "  environments:",
    "    production:",
    `      targets: [{ kind: yaml-path, file: ${VALUES}, uri_path: model.storageUri }]`,
    "",
  ].join("\n");
}

/**
 * Setup for verify-promotion: gitops.git with the rules (or `rulesText`) on main and a branch `change`
 * that edits values.yaml (to `change`, or through `links`).
 */
function verifyWorld(
  options: { rulesText?: (work: string) => string; change?: string; links?: Record<string, string> } = {},
): (work: string) => Promise<void> {
  return async (work) => {
    const bare = await bareRepository(work, "gitops.git", { "modelship.yaml": (options.rulesText ?? rules)(work), [VALUES]: STABLE });
    const files: Record<string, string> =
      options.links === undefined ? { [VALUES]: options.change ?? STABLE.replace("0.9.0", "1.0.0") } : {};
    pushTree(bare, "change", { files, ...(options.links === undefined ? {} : { links: options.links }) }, { from: "main" });
  };
}

const verify = (...rest: string[]) => ["verify-promotion", "--remote", "gitops.git", "--base", "main", ...rest];
const promote = (...rest: string[]) => ["promote", "toy@1.0.0", ...rest];
const drift = (...rest: string[]) => ["drift", "test.csv", "--reference", "profile.json", "--report-dir", "drift", ...rest];

/** The environment an action case runs with: GitHub's API is the fake's. */
const ACTION_ENV = { GITHUB_API_URL: GITHUB_PLACEHOLDER };

/** A pattern that holds when `text` appears nowhere in the output (for "blames X, not Y"). */
const nowhere = (text: string) => new RegExp(`^(?![\\s\\S]*${text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")})`);

/** The contract the kit's profile.json was not made from: age is a number here. */
const OTHER_CONTRACT =
  "columns:\n  - { name: age, type: number }\n  - { name: hours, type: integer }\n  - { name: sex, type: string }\n  - { name: label, type: string }\n";

export const GITOPS_CASES: BadInputCase[] = [
  // ── promote: the GitOps repository ───────────────────────────────────────
  {
    name: "promote: --remote a folder that is not a git repository",
    files: { "modelship.yaml": CONFIG, notrepo: { folder: true } },
    setup: gitops(),
    cli: promote("--env", "staging", "--remote", "notrepo"),
    says: ["--remote", "notrepo", /not a git repository/],
  },
  {
    name: "promote: --remote a path that does not exist",
    files: { "modelship.yaml": CONFIG },
    setup: gitops(),
    cli: promote("--env", "staging", "--remote", "nothere.git"),
    says: ["--remote", "nothere.git", /does not exist/],
  },
  {
    name: "promote: --remote a file",
    files: { "modelship.yaml": CONFIG, "repo.txt": "not a repository\n" },
    setup: gitops(),
    cli: promote("--env", "staging", "--remote", "repo.txt"),
    says: ["--remote", "repo.txt", /is a file/],
  },
  {
    name: "promote: promote.remote in modelship.yaml that does not exist names the key",
    files: { "modelship.yaml": configWith("remote: gitops.git", "remote: gone.git") },
    cli: promote("--env", "staging"),
    says: ["modelship.yaml", "promote.remote", "/promote/remote", "gone.git"],
  },
  {
    name: "promote: a base branch the GitOps repository does not have",
    files: { "modelship.yaml": CONFIG },
    setup: gitops(),
    cli: promote("--env", "staging", "--base", "release"),
    // git's own words name the temp clone folder: the message has no need of them.
    says: ['"release"', /does not exist/, /--base, promote\.base/, /^(?![\s\S]*(?:Cloning into|git said))/],
  },
  {
    name: "promote: --base that is not a branch name is refused before cloning",
    files: { "modelship.yaml": CONFIG },
    setup: gitops(),
    cli: promote("--env", "staging", "--base", "main..evil"),
    says: ["--base", '"main..evil"', /not a valid git branch/],
  },
  {
    name: "promote: promote.base that is not a branch name names the key",
    files: { "modelship.yaml": configWith("remote: gitops.git", "remote: gitops.git\n  base: '-x'") },
    setup: gitops(),
    cli: promote("--env", "staging"),
    says: ["modelship.yaml", "/promote/base", '"-x"'],
  },
  {
    name: "promote: no GitOps repository configured",
    files: { "modelship.yaml": configWith("  remote: gitops.git\n", "") },
    cli: promote("--env", "staging"),
    says: [/no GitOps repository/, "--remote", "promote.repository"],
  },
  {
    name: "promote: --gitops-repo that is not OWNER/REPO",
    files: { "modelship.yaml": CONFIG },
    setup: gitops(),
    cli: promote("--env", "staging", "--gitops-repo", "just-a-name"),
    says: ['"just-a-name"', "OWNER/REPO"],
  },
  // ── promote: environments, strategies, flags ─────────────────────────────
  {
    name: "promote: --env not in modelship.yaml",
    files: { "modelship.yaml": CONFIG },
    setup: gitops(),
    cli: promote("--env", "qa"),
    says: ["modelship.yaml", '"qa"', "/promote/environments", /production, staging/],
  },
  {
    name: "promote: MODELSHIP_ENV not in modelship.yaml",
    files: { "modelship.yaml": CONFIG },
    setup: gitops(),
    cli: promote(),
    env: { MODELSHIP_ENV: "qa" },
    says: ["modelship.yaml", '"qa"', /production, staging/],
  },
  {
    name: "promote: two environments and no --env",
    files: { "modelship.yaml": CONFIG },
    setup: gitops(),
    cli: promote(),
    says: ["--env", /production, staging/],
  },
  {
    name: "promote: an unknown --strategy",
    files: { "modelship.yaml": CONFIG },
    setup: gitops(),
    cli: promote("--env", "production", "--strategy", "sideways"),
    says: ["--strategy", "MODELSHIP_STRATEGY", '"sideways"', /canary, blue-green, direct/],
  },
  {
    name: "promote: an unknown --action",
    files: { "modelship.yaml": CONFIG },
    setup: gitops(),
    cli: promote("--env", "production", "--action", "yolo"),
    says: ["--action", '"yolo"', /start, step, promote, rollback, direct/],
  },
  {
    name: "promote: --auto-merge with a method GitHub does not have",
    files: { "modelship.yaml": CONFIG },
    setup: gitops(),
    cli: promote("--env", "staging", "--auto-merge", "fast-forward"),
    says: ["--auto-merge", '"fast-forward"', /merge, squash, rebase, off/],
  },
  {
    name: "promote: MODELSHIP_AUTO_MERGE with a method GitHub does not have",
    files: { "modelship.yaml": CONFIG },
    setup: gitops(),
    cli: promote("--env", "staging"),
    env: { MODELSHIP_AUTO_MERGE: "always" },
    says: ["MODELSHIP_AUTO_MERGE", '"always"'],
  },
  {
    name: "promote: --weight 150 is refused before the release is fetched",
    files: { "modelship.yaml": CONFIG },
    setup: gitops(),
    cli: promote("--env", "production", "--weight", "150"),
    says: ["--weight", "150", /0\.\.99/, nowhere("Fetched toy")],
  },
  {
    name: "promote: --action step without --weight",
    files: { "modelship.yaml": CONFIG },
    setup: gitops({ [VALUES]: CANARY }),
    cli: promote("--env", "production", "--action", "step"),
    says: ["--weight", /needs a weight/],
  },
  {
    name: "promote: canary steps that do not rise",
    files: { "modelship.yaml": configWith("steps: [10, 50]", "steps: [50, 10]") },
    setup: gitops(),
    cli: promote("--env", "production"),
    says: ["modelship.yaml", "/promote/environments/production/steps/1"],
  },
  {
    name: "promote: a bake time that is not a duration",
    files: { "modelship.yaml": configWith("steps: [10, 50]", "steps: [10, 50]\n      bake: forever") },
    setup: gitops(),
    cli: promote("--env", "production"),
    says: [/modelship\.yaml:\d+/, "/promote/environments/production/bake"],
  },
  {
    name: "promote: a version that was never released",
    files: { "modelship.yaml": CONFIG },
    setup: gitops(),
    cli: ["promote", "toy@3.0.0", "--env", "staging"],
    says: ["toy@3.0.0", "1.0.0"],
  },
  // ── promote: the manifests in the GitOps repository ──────────────────────
  {
    name: "promote: a target manifest with a YAML syntax error names its line",
    files: { "modelship.yaml": CONFIG },
    setup: gitops({ [VALUES]: "model:\n  storageUri: [s3://models/toy\n" }),
    cli: promote("--env", "staging"),
    says: [`${VALUES}:3`, /syntax/i],
  },
  {
    name: "promote: an alias bomb in a target manifest is refused before the release is fetched",
    files: { "modelship.yaml": CONFIG },
    setup: gitops({ [VALUES]: BOMBED_STABLE }),
    cli: promote("--env", "staging"),
    says: [VALUES, /alias/i, nowhere("Fetched toy")],
  },
  {
    name: "promote: a target file that the GitOps repository does not have",
    files: { "modelship.yaml": CONFIG },
    setup: gitops({ "apps/other/values.yaml": STABLE }),
    cli: promote("--env", "staging"),
    says: [VALUES, /not in the GitOps repository/, "promote.environments.staging.targets"],
  },
  {
    name: "promote: a target manifest without the configured uri_path",
    files: { "modelship.yaml": CONFIG },
    setup: gitops({ [VALUES]: "image:\n  tag: latest\n" }),
    cli: promote("--env", "staging"),
    says: [VALUES, "model.storageUri"],
  },
  {
    name: "promote: a target path with ../ is refused before cloning, naming the key",
    files: { "modelship.yaml": CONFIG.replaceAll(`file: ${VALUES}`, "file: ../../etc/passwd") },
    cli: promote("--env", "staging"),
    says: ["modelship.yaml", "/promote/environments/staging/targets/0/file", '"../../etc/passwd"'],
  },
  {
    name: "promote: an absolute target path is refused, naming the key",
    files: { "modelship.yaml": CONFIG.replaceAll(`file: ${VALUES}`, "file: /etc/passwd") },
    cli: promote("--env", "staging"),
    says: ["modelship.yaml", "/promote/environments/staging/targets/0/file", '"/etc/passwd"'],
  },
  {
    name: "promote: a target that is a symbolic link out of the GitOps repository",
    files: { "modelship.yaml": CONFIG },
    setup: gitopsWithLink("/etc/passwd"),
    cli: promote("--env", "staging"),
    says: [VALUES, /symbolic link/, nowhere("Fetched toy")],
  },
  {
    name: "promote: a target that is a symbolic link inside the GitOps repository",
    files: { "modelship.yaml": CONFIG },
    setup: gitopsWithLink("real-values.yaml"),
    cli: promote("--env", "staging"),
    says: [VALUES, /symbolic link/, "real-values.yaml"],
  },
  // ── the promote action ────────────────────────────────────────────────────
  {
    name: "promote action: an environment not in modelship.yaml",
    files: { "modelship.yaml": CONFIG },
    setup: gitops(),
    action: { name: "promote", inputs: { model: "toy@1.0.0", environment: "qa" } },
    env: ACTION_ENV,
    says: ["modelship.yaml", '"qa"', /production, staging/],
  },
  {
    name: "promote action: no environment input",
    files: { "modelship.yaml": CONFIG },
    setup: gitops(),
    action: { name: "promote", inputs: { model: "toy@1.0.0" } },
    env: ACTION_ENV,
    says: ['input "environment"'],
  },
  {
    name: "promote action: an auto-merge method GitHub does not have",
    files: { "modelship.yaml": CONFIG },
    setup: gitops(),
    action: { name: "promote", inputs: { model: "toy@1.0.0", environment: "staging", "auto-merge": "fast-forward" } },
    env: ACTION_ENV,
    says: ['input "auto-merge"', "fast-forward", /merge, squash, rebase/],
  },
  {
    name: "promote action: a remote input that is not a repository",
    files: { "modelship.yaml": CONFIG, "plain-folder": { folder: true } },
    setup: gitops(),
    action: { name: "promote", inputs: { model: "toy@1.0.0", environment: "staging", remote: "plain-folder" } },
    env: ACTION_ENV,
    says: ["remote input", "plain-folder", /not a git repository/],
  },
  {
    name: "promote action: a GitOps repository on GitHub without a token is refused before cloning",
    files: { "modelship.yaml": CONFIG },
    setup: gitops(),
    action: { name: "promote", inputs: { model: "toy@1.0.0", environment: "staging", "gitops-repo": "octo-org/gitops", token: "" } },
    env: ACTION_ENV,
    says: ["octo-org/gitops", /needs a token/, nowhere("Fetched toy")],
  },
  {
    name: "promote action: a target that is a symbolic link",
    files: { "modelship.yaml": CONFIG },
    setup: gitopsWithLink("/etc/passwd"),
    action: { name: "promote", inputs: { model: "toy@1.0.0", environment: "staging" } },
    env: ACTION_ENV,
    says: [VALUES, /symbolic link/],
  },
  {
    name: "promote action: a weight that is not a number",
    files: { "modelship.yaml": CONFIG },
    setup: gitops(),
    action: { name: "promote", inputs: { model: "toy@1.0.0", environment: "production", weight: "ten" } },
    env: ACTION_ENV,
    says: ['input "weight"', '"ten"'],
  },
  // ── canary ────────────────────────────────────────────────────────────────
  {
    name: "canary: --now that is not a time",
    files: { "modelship.yaml": CONFIG },
    setup: gitops({ [VALUES]: CANARY }),
    cli: ["canary", "--env", "production", "--now", "yesterday"],
    says: ["--now", '"yesterday"', /ISO 8601/],
  },
  {
    name: "canary: --prometheus that is not a URL is refused even when no canary runs",
    files: { "modelship.yaml": CONFIG },
    setup: gitops(),
    cli: ["canary", "--env", "production", "--prometheus", "prometheus:9090"],
    says: ["--prometheus", "prometheus:9090", /http/],
  },
  {
    name: "canary: --prometheus without a scheme",
    files: { "modelship.yaml": CONFIG },
    setup: gitops({ [VALUES]: CANARY }),
    cli: ["canary", "--env", "production", "--prometheus", "not a url", "--dry-run"],
    says: ["--prometheus", '"not a url"', /is not a URL/],
  },
  {
    name: "canary: --prometheus with ftp:",
    files: { "modelship.yaml": CONFIG },
    setup: gitops({ [VALUES]: CANARY }),
    cli: ["canary", "--env", "production", "--prometheus", "ftp://prometheus.example.com/", "--dry-run"],
    says: ["--prometheus", "ftp:", /http:\/\/ or https:\/\//],
  },
  {
    name: "canary: --prometheus with file:",
    files: { "modelship.yaml": CONFIG },
    setup: gitops({ [VALUES]: CANARY }),
    cli: ["canary", "--env", "production", "--prometheus", "file:///etc/passwd", "--dry-run"],
    says: ["--prometheus", "file:"],
  },
  {
    name: "canary: health.prometheus in modelship.yaml that is not http(s)",
    files: { "modelship.yaml": configWith("metrics: metrics.json", "prometheus: ftp://prometheus.example.com") },
    setup: gitops({ [VALUES]: CANARY }),
    cli: ["canary", "--dry-run"],
    says: [/modelship\.yaml:\d+/, "/promote/environments/production/health/prometheus"],
  },
  {
    name: "canary: --metrics with ftp:",
    files: { "modelship.yaml": CONFIG },
    setup: gitops({ [VALUES]: CANARY }),
    cli: ["canary", "--env", "production", "--metrics", "ftp://metrics.example.com/canary.json", "--dry-run"],
    says: ["--metrics", "ftp:"],
  },
  {
    name: "canary: --metrics that does not exist while a canary runs",
    files: { "modelship.yaml": CONFIG },
    setup: gitops({ [VALUES]: CANARY }),
    cli: ["canary", "--env", "production", "--metrics", "nothere.json", "--dry-run"],
    says: ["nothere.json", /not found/],
  },
  {
    name: "canary: the configured metrics document is missing while a canary runs",
    files: { "modelship.yaml": CONFIG },
    setup: gitops({ [VALUES]: CANARY }),
    cli: ["canary", "--dry-run"],
    says: ["metrics.json", /not found/],
  },
  {
    name: "canary: a metrics document with a YAML syntax error",
    files: { "modelship.yaml": CONFIG, "metrics.json": '{ "versions": {\n' },
    setup: gitops({ [VALUES]: CANARY }),
    cli: ["canary", "--dry-run"],
    says: [/metrics\.json:\d+/, /syntax/i],
  },
  {
    name: "canary: a metrics document that does not match its schema",
    files: { "modelship.yaml": CONFIG, "metrics.json": '{"versions": 3}\n' },
    setup: gitops({ [VALUES]: CANARY }),
    cli: ["canary", "--dry-run"],
    says: ["metrics.json:1", "/versions"],
  },
  {
    name: "canary: a health check without a threshold names its pointer",
    files: { "modelship.yaml": configWith(", max: 0.01", "") },
    setup: gitops(),
    cli: ["canary", "--dry-run"],
    says: ["modelship.yaml", "/promote/environments/production/health/checks/0", /threshold/],
  },
  {
    name: "canary: a health check whose min is above its max",
    files: { "modelship.yaml": configWith("max: 0.01", "min: 0.5, max: 0.01") },
    setup: gitops(),
    cli: ["canary", "--dry-run"],
    says: ["modelship.yaml", "/promote/environments/production/health/checks/0", /min 0\.5 is above max 0\.01/],
  },
  {
    name: "canary: two health checks of one name",
    files: {
      "modelship.yaml": configWith(
        "checks: [{ name: error-rate, metric: error_rate, max: 0.01 }]",
        "checks: [{ name: error-rate, metric: error_rate, max: 0.01 }, { name: error-rate, metric: errors, max: 1 }]",
      ),
    },
    setup: gitops(),
    cli: ["canary", "--dry-run"],
    says: ["modelship.yaml", "/promote/environments/production/health/checks", /two health checks/],
  },
  {
    name: "canary: a Prometheus health source whose check has no query",
    files: { "modelship.yaml": configWith("metrics: metrics.json", "prometheus: http://prometheus.example.com:9090") },
    setup: gitops({ [VALUES]: CANARY }),
    cli: ["canary", "--dry-run"],
    says: ["modelship.yaml", "/promote/environments/production/health/checks/0", /no query/],
  },
  {
    name: "canary: a health window that is not a duration",
    files: { "modelship.yaml": configWith("metrics: metrics.json,", "metrics: metrics.json, window: a while,") },
    setup: gitops({ [VALUES]: CANARY }),
    cli: ["canary", "--dry-run"],
    says: [/modelship\.yaml:\d+/, "/promote/environments/production/health/window"],
  },
  {
    name: "canary: --env not in modelship.yaml",
    files: { "modelship.yaml": CONFIG },
    setup: gitops(),
    cli: ["canary", "--env", "qa"],
    says: ["modelship.yaml", '"qa"', /production, staging/],
  },
  {
    name: "canary: --env of an environment without health checks",
    files: { "modelship.yaml": CONFIG },
    setup: gitops(),
    cli: ["canary", "--env", "staging"],
    says: ["staging", /no health source/, "--prometheus"],
  },
  {
    name: "canary: no environment has health checks",
    files: {
      "modelship.yaml": configWith(
        "      health: { metrics: metrics.json, checks: [{ name: error-rate, metric: error_rate, max: 0.01 }] }\n",
        "",
      ),
    },
    setup: gitops(),
    cli: ["canary"],
    says: ["modelship.yaml", /no environment has health checks/],
  },
  {
    name: "canary: an alias bomb in the GitOps manifest",
    files: { "modelship.yaml": CONFIG, "metrics.json": '{"versions": {}}\n' },
    setup: gitops({ [VALUES]: `${ALIAS_BOMB}${CANARY}` }),
    cli: ["canary", "--dry-run"],
    says: [VALUES, /alias/i],
  },
  {
    name: "canary: a target that is a symbolic link",
    files: { "modelship.yaml": CONFIG, "metrics.json": '{"versions": {}}\n' },
    setup: gitopsWithLink("../../../etc/passwd"),
    cli: ["canary", "--dry-run"],
    says: [VALUES, /symbolic link/],
  },
  {
    name: "canary: a GitOps repository that does not exist",
    files: { "modelship.yaml": CONFIG, "metrics.json": '{"versions": {}}\n' },
    cli: ["canary", "--dry-run", "--remote", "elsewhere/gitops.git"],
    says: ["--remote", "elsewhere/gitops.git", /does not exist/],
  },
  {
    name: "canary: a base branch the GitOps repository does not have",
    files: { "modelship.yaml": CONFIG, "metrics.json": '{"versions": {}}\n' },
    setup: gitops(),
    cli: ["canary", "--dry-run", "--base", "production"],
    says: ['"production"', /does not exist/],
  },
  {
    name: "canary action: a prometheus input with ftp:",
    files: { "modelship.yaml": CONFIG },
    setup: gitops({ [VALUES]: CANARY }),
    action: { name: "canary", inputs: { prometheus: "ftp://prometheus.example.com", "dry-run": "true" } },
    env: ACTION_ENV,
    says: ["prometheus input", "ftp:"],
  },
  {
    name: "canary action: an environment not in modelship.yaml",
    files: { "modelship.yaml": CONFIG },
    setup: gitops(),
    action: { name: "canary", inputs: { environments: "production, qa", "dry-run": "true" } },
    env: ACTION_ENV,
    says: ["modelship.yaml", '"qa"'],
  },
  {
    name: "canary action: a dry-run input that is not a boolean",
    files: { "modelship.yaml": CONFIG },
    setup: gitops(),
    action: { name: "canary", inputs: { "dry-run": "perhaps" } },
    env: ACTION_ENV,
    says: ['input "dry-run"', '"perhaps"', /true or false/],
  },
  // ── verify-promotion ──────────────────────────────────────────────────────
  {
    name: "verify-promotion: no --head",
    setup: verifyWorld(),
    cli: verify(),
    says: ["--head", "MODELSHIP_HEAD"],
  },
  {
    name: "verify-promotion: a base branch the GitOps repository does not have",
    setup: verifyWorld(),
    cli: ["verify-promotion", "--remote", "gitops.git", "--base", "trunk", "--head", "change"],
    says: ['"trunk"', /does not exist/],
  },
  {
    name: "verify-promotion: a head ref the GitOps repository does not have",
    setup: verifyWorld(),
    cli: verify("--head", "no-such-branch"),
    says: ['"no-such-branch"', "--head", /does not exist/],
  },
  {
    name: "verify-promotion: a pull request ref that does not exist",
    setup: verifyWorld(),
    cli: verify("--head", "refs/pull/999/head"),
    says: ['"refs/pull/999/head"', /does not exist/],
  },
  {
    name: "verify-promotion: a head that is not a ref name (an option to git) is refused before cloning",
    setup: verifyWorld(),
    cli: verify("--head=--upload-pack=touch pwned"),
    says: ["--head", /not a valid git branch or ref name/],
  },
  {
    name: "verify-promotion: --remote a folder that is not a git repository",
    files: { "not-gitops": { folder: true } },
    cli: ["verify-promotion", "--remote", "not-gitops", "--base", "main", "--head", "change"],
    says: ["--remote", "not-gitops", /not a git repository/],
  },
  {
    name: "verify-promotion: rules with a YAML syntax error name the file at the base and the line",
    setup: verifyWorld({ rulesText: () => "model: toy\nverify: [registries\n" }),
    cli: verify("--head", "change"),
    says: [/modelship\.yaml@main:\d+/, /syntax/i],
  },
  {
    name: "verify-promotion: rules that are an alias bomb",
    setup: verifyWorld({ rulesText: (work) => `${rules(work)}x-bomb:\n${ALIAS_BOMB.replace(/^(?=.)/gm, "  ")}` }),
    cli: verify("--head", "change"),
    says: ["modelship.yaml@main", /alias/i],
  },
  {
    name: "verify-promotion: rules without a verify section",
    setup: verifyWorld({ rulesText: () => "model: toy\n" }),
    cli: verify("--head", "change"),
    says: ["modelship.yaml", /no verify section/],
  },
  {
    name: "verify-promotion: rules that do not match the schema name the pointer",
    setup: verifyWorld({ rulesText: (work) => rules(work).replace("verify:\n", "verify:\n  rules_changes: sometimes\n") }),
    cli: verify("--head", "change"),
    says: [/modelship\.yaml@main:\d+/, "/verify/rules_changes"],
  },
  {
    name: "verify-promotion: rules that trust a registry by a relative path",
    setup: verifyWorld({ rulesText: (work) => rules(work).replace(JSON.stringify(join(work, "registry")), "registry") }),
    cli: verify("--head", "change"),
    says: ["modelship.yaml@main", "/verify/registries/0/registry", /absolute/],
  },
  {
    name: "verify-promotion: --rules naming a file the base branch does not have",
    setup: verifyWorld(),
    cli: verify("--head", "change", "--rules", "deploy/modelship.yaml"),
    says: ["deploy/modelship.yaml", /not there/],
  },
  {
    name: "verify-promotion: --rules with ../ is refused before cloning",
    setup: verifyWorld(),
    cli: verify("--head", "change", "--rules", "../modelship.yaml"),
    says: ['"../modelship.yaml"', "--rules", /not a path inside/],
  },
  {
    name: "verify-promotion: --rules with an absolute path",
    setup: verifyWorld(),
    cli: verify("--head", "change", "--rules", "/etc/modelship.yaml"),
    says: ['"/etc/modelship.yaml"', /not a path inside/],
  },
  {
    name: "verify-promotion: --report that is a folder is refused before the check runs",
    files: { report: { folder: true } },
    setup: verifyWorld(),
    cli: verify("--head", "change", "--report", "report"),
    says: ["--report", "report", /is a folder/],
  },
  {
    name: "verify-promotion: a change with an alias bomb fails the check (exit 1), naming the file",
    setup: verifyWorld({ change: BOMBED_STABLE }),
    cli: verify("--head", "change"),
    exit: 1,
    says: [VALUES, /alias/i, /must not be merged/],
  },
  {
    name: "verify-promotion: a change that makes a manifest a symbolic link fails the check",
    setup: verifyWorld({ links: { [VALUES]: "/etc/passwd" } }),
    cli: verify("--head", "change"),
    exit: 1,
    says: [VALUES, /symbolic link/],
  },
  {
    name: "verify-promotion: a change with a YAML syntax error fails the check, naming the line",
    setup: verifyWorld({ change: "model:\n  storageUri: [s3://models/toy\n" }),
    cli: verify("--head", "change"),
    exit: 1,
    says: [`${VALUES}:3`, /syntax/i],
  },
  {
    name: "verify-promotion: a change with an Argo CD Application that Argo CD's CRD refuses (an unknown field) fails the check",
    setup: verifyWorld({
      change: [
        "apiVersion: argoproj.io/v1alpha1",
        "kind: Application",
        "metadata: { name: toy, namespace: argocd }",
        "spec:",
        "  project: default",
        "  source: { repoURL: https://github.com/OWNER/gitops.git, path: apps/toy, targetRevision: main }",
        "  destination: { server: https://kubernetes.default.svc, namespace: models }",
        "  syncPolicy: { automated: { prune: true }, syncOption: [CreateNamespace=true] }",
        "",
      ].join("\n"),
    }),
    cli: verify("--head", "change"),
    exit: 1,
    says: [`${VALUES}:8`, 'unknown field "spec.syncPolicy.syncOption"'],
  },
  {
    name: "verify-promotion: a change with a Flux Kustomization that Flux's CRD refuses (a required field missing, a typo) fails the check",
    setup: verifyWorld({
      change: [
        "apiVersion: kustomize.toolkit.fluxcd.io/v1",
        "kind: Kustomization",
        "metadata: { name: toy, namespace: flux-system }",
        "spec:",
        "  interval: 10m",
        "  path: ./apps/toy",
        "  prun: true",
        "",
      ].join("\n"),
    }),
    cli: verify("--head", "change"),
    exit: 1,
    says: ['unknown field "spec.prun"', "spec.prune: Required value", "spec.sourceRef: Required value"],
  },
  {
    name: "verify-promotion action: no pull request and no head or base",
    setup: verifyWorld(),
    action: { name: "verify-promotion", inputs: { remote: "{work}/gitops.git" } },
    env: ACTION_ENV,
    says: [/no pull request to verify/, "head and base inputs"],
  },
  {
    name: "verify-promotion action: a base branch the GitOps repository does not have",
    setup: verifyWorld(),
    action: { name: "verify-promotion", inputs: { remote: "{work}/gitops.git", base: "trunk", head: "change" } },
    env: ACTION_ENV,
    says: ['"trunk"', /does not exist/],
  },
  {
    name: "verify-promotion action: rules with a YAML syntax error",
    setup: verifyWorld({ rulesText: () => "model: toy\nverify: [registries\n" }),
    action: { name: "verify-promotion", inputs: { remote: "{work}/gitops.git", base: "main", head: "change" } },
    env: ACTION_ENV,
    says: [/modelship\.yaml@main:\d+/, /syntax/i],
  },
  {
    name: "verify-promotion action: a config input outside the repository",
    setup: verifyWorld(),
    action: {
      name: "verify-promotion",
      inputs: { remote: "{work}/gitops.git", base: "main", head: "change", config: "../modelship.yaml" },
    },
    env: ACTION_ENV,
    says: ['"../modelship.yaml"', "config input"],
  },
  // ── drift: the reference ──────────────────────────────────────────────────
  {
    name: "drift: --reference a profile that does not exist",
    cli: ["drift", "test.csv", "--reference", "nothere.json"],
    says: ["nothere.json", "--reference", /not found/],
  },
  {
    name: "drift: --reference a JSON file that is not a profile",
    files: { "notprofile.json": '{"hello": 1}\n' },
    cli: ["drift", "test.csv", "--reference", "notprofile.json"],
    says: ["notprofile.json:1", "--reference", /schema/],
  },
  {
    name: "drift: --reference a JSON file with a syntax error",
    files: { "broken.json": '{\n  "schema": nope\n}\n' },
    cli: ["drift", "test.csv", "--reference", "broken.json"],
    says: ["broken.json", "--reference", /not valid JSON/],
  },
  {
    name: "drift: --reference a contract (neither a profile, data, nor a release)",
    cli: ["drift", "test.csv", "--reference", "contract.yaml"],
    says: ["--reference", '"contract.yaml"', /neither a reference profile/],
  },
  {
    name: "drift: --reference data files that match nothing",
    cli: ["drift", "test.csv", "--reference", "history/*.csv"],
    says: ["--reference", "history/*.csv"],
  },
  {
    name: "drift: --reference a profile of another contract names --reference",
    files: { "c2.yaml": OTHER_CONTRACT, "modelship.yaml": KIT_CONFIG.replace("contract: contract.yaml", "contract: c2.yaml") },
    cli: drift(),
    says: ["--reference", /another schema/],
  },
  {
    name: "drift: --reference production with an environment not in modelship.yaml",
    files: { "modelship.yaml": CONFIG },
    setup: gitops(),
    cli: ["drift", "test.csv", "--reference", "production", "--env", "qa"],
    says: ["modelship.yaml", '"qa"'],
  },
  {
    name: "drift: --reference production with promote.remote that is not a repository",
    files: { "modelship.yaml": configWith("remote: gitops.git", "remote: contract.yaml") },
    cli: ["drift", "test.csv", "--reference", "production"],
    says: ["promote.remote", "contract.yaml", /not a git repository/],
  },
  {
    name: "drift: --reference production where the served manifest is a symbolic link",
    files: { "modelship.yaml": CONFIG },
    setup: gitopsWithLink("/etc/passwd"),
    cli: ["drift", "test.csv", "--reference", "production"],
    says: [VALUES, /symbolic link/],
  },
  {
    name: "drift: --reference production where the served manifest is an alias bomb",
    files: { "modelship.yaml": CONFIG },
    setup: gitops({ [VALUES]: BOMBED_STABLE }),
    cli: ["drift", "test.csv", "--reference", "production"],
    says: [VALUES, /alias/i],
  },
  // ── drift: flags ──────────────────────────────────────────────────────────
  {
    name: "drift: an unknown --mode",
    cli: drift("--mode", "fancy"),
    says: ["--mode", "MODELSHIP_MODE", '"fancy"', /default, evidently-compat/],
  },
  {
    name: "drift: MODELSHIP_MODE with an unknown mode",
    cli: drift(),
    env: { MODELSHIP_MODE: "strict" },
    says: ["MODELSHIP_MODE", '"strict"'],
  },
  {
    name: "drift: an unknown --fail-on",
    cli: drift("--fail-on", "always"),
    says: ["--fail-on", "MODELSHIP_FAIL_ON", '"always"', /never, drift, warn/],
  },
  {
    name: "drift: drift.fail_on in modelship.yaml with an unknown level",
    files: { "modelship.yaml": `${KIT_CONFIG}drift:\n  fail_on: always\n` },
    cli: drift(),
    says: [/modelship\.yaml:\d+/, "/drift/fail_on"],
  },
  {
    name: "drift: --current-profile matching nothing is refused before the reference is looked up",
    cli: ["drift", "--current-profile", "shards/*.json", "--reference", "9.9.9"],
    says: ["--current-profile", "shards/*.json", /matches no files/, nowhere("9.9.9")],
  },
  {
    name: "drift: --shard-output that is a folder",
    files: { "shard.json": { folder: true } },
    cli: drift("--shard-output", "shard.json"),
    says: ["--shard-output", "shard.json", /is a folder/],
  },
  {
    name: "drift: --report-dir that is a file",
    files: { taken: "x\n" },
    cli: ["drift", "test.csv", "--reference", "profile.json", "--report-dir", "taken"],
    says: ["--report-dir", "taken", /is a file/],
  },
  {
    name: "drift: drift.report_dir in modelship.yaml that is a file",
    files: { taken: "x\n", "modelship.yaml": `${KIT_CONFIG}drift:\n  report_dir: taken\n` },
    cli: ["drift", "test.csv", "--reference", "profile.json"],
    says: ["drift.report_dir", "taken", /is a file/],
  },
  {
    name: "drift: --url-header that is not Name: value",
    cli: drift("--url", "https://data.example.com/current.csv", "--url-header", "Bearer abc"),
    says: ["--url-header", /Name: value/],
  },
  {
    name: "drift: MODELSHIP_DRIFT_URL_HEADER that is not Name: value",
    cli: drift("--url", "https://data.example.com/current.csv"),
    env: { MODELSHIP_DRIFT_URL_HEADER: "token-only" },
    says: ["MODELSHIP_DRIFT_URL_HEADER", /Name: value/],
  },
  // ── drift: the current data ───────────────────────────────────────────────
  {
    name: "drift: data files that match nothing",
    cli: ["drift", "logs/*.csv", "--reference", "profile.json", "--report-dir", "drift"],
    says: ["logs/*.csv", /matches no files/],
  },
  {
    name: "drift: drift.current in modelship.yaml that matches nothing names the key",
    files: { "modelship.yaml": `${KIT_CONFIG}drift:\n  current: ["logs/*.csv"]\n` },
    cli: ["drift", "--reference", "profile.json", "--report-dir", "drift"],
    says: ["drift.current", "logs/*.csv", /matches no files/],
  },
  {
    name: "drift: --url that is not a URL is refused before the reference is looked up",
    cli: ["drift", "--url", "data.example.com/current.csv", "--reference", "9.9.9"],
    says: ["--url", '"data.example.com/current.csv"', /not a URL/, nowhere("9.9.9")],
  },
  {
    name: "drift: --url with ftp:",
    cli: ["drift", "--url", "ftp://data.example.com/current.csv", "--reference", "profile.json"],
    says: ["--url", "ftp:"],
  },
  {
    name: "drift: --url with file:",
    cli: ["drift", "--url", "file:///etc/passwd", "--reference", "profile.json"],
    says: ["--url", "file:"],
  },
  {
    name: "drift: a refused --url shows neither its credentials nor its query",
    cli: ["drift", "--url", "ftp://reader:hunter2@data.example.com/current.csv?sig=s3cr3tsig", "--reference", "profile.json"],
    says: ["--url", "ftp://data.example.com/current.csv", nowhere("hunter2"), nowhere("s3cr3tsig")],
  },
  {
    name: "drift: --url without an extension or a content type (a loopback server: refused, or the format is unknown)",
    cli: ["drift", "--url", `${SERVER_PLACEHOLDER}/data`, "--reference", "profile.json", "--report-dir", "drift"],
    env: { MODELSHIP_ALLOW_INTERNAL: "127.0.0.1" },
    says: [/127\.0\.0\.1:\d+\/data/, /content type|extension|format|internal|loopback|allow|refus|not supported|plain http/i],
  },
  {
    name: "drift: --url alone blames the URL, not drift.current's glob (explicit current data replaces the config's)",
    files: { "modelship.yaml": `${KIT_CONFIG}drift:\n  current: ["logs/*.csv"]\n` },
    cli: ["drift", "--url", "ftp://data.example.com/current.csv", "--reference", "profile.json", "--report-dir", "drift"],
    says: ["--url", "ftp://data.example.com/current.csv", nowhere("logs/*.csv")],
  },
  {
    name: "drift: --url alone to a loopback server blames the URL, not drift.current's glob",
    files: { "modelship.yaml": `${KIT_CONFIG}drift:\n  current: ["logs/*.csv"]\n` },
    cli: ["drift", "--url", `${SERVER_PLACEHOLDER}/gone.csv`, "--reference", "profile.json", "--report-dir", "drift"],
    says: [/127\.0\.0\.1:\d+\/gone\.csv/, nowhere("logs/*.csv")],
  },
  // ── the drift action ──────────────────────────────────────────────────────
  {
    name: "drift action: an unknown drift-mode",
    action: { name: "drift", inputs: { reference: "profile.json", current: "test.csv", "drift-mode": "fancy", issue: "false" } },
    env: ACTION_ENV,
    says: ['input "drift-mode"', '"fancy"', /default, evidently-compat/],
  },
  {
    name: "drift action: an unknown fail-on",
    action: { name: "drift", inputs: { reference: "profile.json", current: "test.csv", "fail-on": "always", issue: "false" } },
    env: ACTION_ENV,
    says: ['input "fail-on"', '"always"'],
  },
  {
    name: "drift action: an issue input that is not a boolean",
    action: { name: "drift", inputs: { reference: "profile.json", current: "test.csv", issue: "sometimes" } },
    env: ACTION_ENV,
    says: ['input "issue"', /true or false/],
  },
  {
    name: "drift action: a current-url with ftp:",
    action: { name: "drift", inputs: { reference: "profile.json", "current-url": "ftp://data.example.com/current.csv", issue: "false" } },
    env: ACTION_ENV,
    says: ["current-url input", "ftp:"],
  },
  {
    name: "drift action: a current-url-header that is not Name: value",
    action: {
      name: "drift",
      inputs: {
        reference: "profile.json",
        "current-url": "https://data.example.com/current.csv",
        "current-url-header": "secret",
        issue: "false",
      },
    },
    env: ACTION_ENV,
    says: ["current-url-header", /Name: value/],
  },
  {
    name: "drift action: current-profiles matching nothing",
    action: { name: "drift", inputs: { reference: "profile.json", "current-profiles": "shards/*.json", issue: "false" } },
    env: ACTION_ENV,
    says: ["current-profiles", "shards/*.json", /matches no files/],
  },
  {
    name: "drift action: a report-dir that is a file",
    files: { taken: "x\n" },
    action: { name: "drift", inputs: { reference: "profile.json", current: "test.csv", "report-dir": "taken", issue: "false" } },
    env: ACTION_ENV,
    says: ["report-dir", "taken", /is a file/],
  },
  {
    name: "drift action: a reference profile of another contract",
    files: { "c2.yaml": OTHER_CONTRACT, "modelship.yaml": KIT_CONFIG.replace("contract: contract.yaml", "contract: c2.yaml") },
    action: { name: "drift", inputs: { reference: "profile.json", current: "test.csv", issue: "false" } },
    env: ACTION_ENV,
    says: ["--reference", /another schema/],
  },
];
