/**
 * Who deploys a file of the GitOps repository (src/gitops/deployers.ts), on hand-written trees: Argo
 * CD directory, Helm and Kustomize sources (one source, several, `$ref` value files), ApplicationSet
 * git directories, Flux Kustomizations (a generated kustomization and a written one) and
 * HelmReleases (values files, a chart in the repository, chartRef), repoURLs of other repositories,
 * broken YAML and alias bombs; the tree reader on a real git repository (size and count caps); and
 * the promotion body's Files section.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { after, describe, it } from "node:test";
import { MemoryLogger } from "../../../src/common/logger.ts";
import { parseConfig } from "../../../src/config/modelship-config.ts";
import { GitWorkspace } from "../../../src/git/git-workspace.ts";
import {
  findDeployers,
  globRegExp,
  normalizeRepoUrl,
  readGitOpsTree,
  repositoryIdentity,
  type Deployer,
  type DeployerReport,
} from "../../../src/gitops/deployers.ts";
import { promotionBody, type PromotionView } from "../../../src/gitops/promotion-body.ts";
import { formatProblem, validateManifestText } from "../../../src/gitops/validate-manifests.ts";
import { resolveEnvironment } from "../../../src/stages/promote-settings.ts";
import { git, pushFiles } from "../../support/git.ts";

const OURS = repositoryIdentity({ repository: "octo-org/gitops", remote: "https://github.com/octo-org/gitops.git" });

/** Finds the deployers of `files` in a tree given as path → text (every file's text is readable). */
function deployers(tree: Record<string, string>, files: string[], identity = OURS): DeployerReport {
  return findDeployers({ paths: Object.keys(tree), texts: new Map(Object.entries(tree)) }, files, identity);
}

/** `Engine Kind name [via]` of each deployer of `file`, for compact assertions. */
function names(report: DeployerReport, file: string): string[] {
  const found = report.files.get(file);
  assert.ok(found !== undefined, `${file} was asked about`);
  return found.map(
    (deployer: Deployer) => `${deployer.engine} ${deployer.kind} ${deployer.name}${deployer.via ? ` [${deployer.via}]` : ""}`,
  );
}

function application(name: string, source: string, namespace = "argocd"): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  project: default
  destination: {server: https://kubernetes.default.svc, namespace: models}
${source}
`;
}

const MANIFEST = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n";

describe("normalizeRepoUrl", () => {
  it("gives https, ssh and scp-like spellings of one repository the same key, and none to local paths", () => {
    const key = "github.com/octo-org/gitops";
    for (const url of [
      "https://github.com/octo-org/gitops.git",
      "https://github.com/Octo-Org/GitOps",
      "https://x-access-token@github.com/octo-org/gitops/",
      "ssh://git@github.com/octo-org/gitops.git",
      "ssh://git@github.com:22/octo-org/gitops",
      "git@github.com:octo-org/gitops.git",
      "git@github.com:Octo-Org/gitops",
    ])
      assert.equal(normalizeRepoUrl(url), key, url);
    assert.equal(normalizeRepoUrl("https://github.com/octo-org/gitops-other.git"), "github.com/octo-org/gitops-other");
    assert.equal(normalizeRepoUrl("https://gitlab.com/octo-org/gitops.git"), "gitlab.com/octo-org/gitops");
    const bare = join(tmpdir(), "gitops.git");
    for (const local of [bare, "./gitops", pathToFileURL(bare).href, "C:\\repos\\gitops"])
      assert.equal(normalizeRepoUrl(local), undefined, local);
  });

  it("names the repository by OWNER/REPO on github.com and by the remote's host", () => {
    const identity = repositoryIdentity({ repository: "octo-org/gitops", remote: "https://ghe.example.com/octo-org/gitops.git" });
    assert.deepEqual([...identity.keys].sort(), ["ghe.example.com/octo-org/gitops", "github.com/octo-org/gitops"]);
    assert.equal(identity.unknown, undefined);
    const local = repositoryIdentity({ remote: join(tmpdir(), "gitops.git") });
    assert.equal(local.keys.size, 0);
    assert.match(local.unknown ?? "", /local path/);
  });
});

describe("globRegExp (Argo CD's gobwas globs)", () => {
  it("refuses a glob with more than 8 wildcards (polynomial backtracking), so a crafted Application cannot stall a rollback", () => {
    assert.throws(() => globRegExp(`${"*a".repeat(12)}!`, false), /more than 8 wildcards/);
    assert.throws(() => globRegExp("a".repeat(300), false), /longer than 256 characters/);
    assert.ok(globRegExp("*a".repeat(8), false).test("a".repeat(8)), "8 wildcards still match");
  });
  it("alternatives, classes, and `*` crossing `/` unless separators are on", () => {
    const exclude = globRegExp("{application.yaml,values.yaml}", false);
    assert.ok(exclude.test("values.yaml") && exclude.test("application.yaml"));
    assert.ok(!exclude.test("rollout.yaml") && !exclude.test("sub/values.yaml"));
    assert.ok(globRegExp("*.yaml", false).test("sub/dir/x.yaml"));
    assert.ok(!globRegExp("*.yaml", true).test("sub/x.yaml"));
    assert.ok(globRegExp("apps/**", true).test("apps/a/b"));
    assert.ok(globRegExp("apps/*", true).test("apps/a") && !globRegExp("apps/*", true).test("apps/a/b"));
    assert.ok(globRegExp("v[0-9].yaml", false).test("v1.yaml") && !globRegExp("v[!0-9].yaml", false).test("v1.yaml"));
    assert.ok(!globRegExp("{a,b", false).test("a"), "an unbalanced pattern matches nothing");
  });
});

describe("Argo CD Applications", () => {
  const directoryApp = application(
    "adult-income",
    `  source:
    repoURL: https://github.com/octo-org/gitops.git
    targetRevision: main
    path: apps/adult-income
    directory:
      exclude: "{application.yaml,values.yaml}"`,
  );
  const tree = {
    "apps/adult-income/application.yaml": directoryApp,
    "apps/adult-income/rollout.yaml": MANIFEST,
    "apps/adult-income/values.yaml": "model: {storageUri: x}\n",
    "apps/adult-income/nested/extra.yaml": MANIFEST,
    "apps/adult-income/README.md": "# notes\n",
    "apps/other/rollout.yaml": MANIFEST,
  };

  it("a directory source deploys the manifests at its path's root, minus `exclude`; not nested folders, not other folders", () => {
    const report = deployers(tree, Object.keys(tree));
    assert.deepEqual(names(report, "apps/adult-income/rollout.yaml"), ["Argo CD Application argocd/adult-income"]);
    assert.deepEqual(names(report, "apps/adult-income/values.yaml"), [], "excluded by the glob");
    assert.deepEqual(names(report, "apps/adult-income/application.yaml"), [], "excluded by the glob");
    assert.deepEqual(names(report, "apps/adult-income/nested/extra.yaml"), [], "not recursive");
    assert.deepEqual(names(report, "apps/adult-income/README.md"), [], "not a manifest file");
    assert.deepEqual(names(report, "apps/other/rollout.yaml"), []);
    assert.equal(report.files.get("apps/adult-income/rollout.yaml")![0]!.declaredIn, "apps/adult-income/application.yaml");
    assert.deepEqual(report.notes, []);
  });

  it("`recurse` reaches nested folders and `include` narrows what is read", () => {
    const recursive = application(
      "all",
      `  source: {repoURL: "git@github.com:Octo-Org/gitops.git", path: apps, directory: {recurse: true, include: "*/rollout.yaml"}}`,
    );
    const report = deployers({ ...tree, "argo/all.yaml": recursive }, [
      "apps/adult-income/rollout.yaml",
      "apps/other/rollout.yaml",
      "apps/adult-income/nested/extra.yaml",
    ]);
    assert.deepEqual(names(report, "apps/other/rollout.yaml"), ["Argo CD Application argocd/all"]);
    assert.deepEqual(names(report, "apps/adult-income/rollout.yaml"), [
      "Argo CD Application argocd/adult-income",
      "Argo CD Application argocd/all",
    ]);
    assert.deepEqual(names(report, "apps/adult-income/nested/extra.yaml"), [], "include leaves it out");
  });

  it("a source whose repoURL is another repository does not count", () => {
    const elsewhere = application("elsewhere", `  source: {repoURL: "https://github.com/octo-org/gitops-staging.git", path: apps/other}`);
    const otherHost = application("other-host", `  source: {repoURL: "https://gitlab.com/octo-org/gitops.git", path: apps/other}`);
    const report = deployers({ ...tree, "argo/elsewhere.yaml": elsewhere, "argo/other-host.yaml": otherHost }, ["apps/other/rollout.yaml"]);
    assert.deepEqual(names(report, "apps/other/rollout.yaml"), []);
  });

  it("with a local-path remote every source counts, and a note says why", () => {
    const elsewhere = application("elsewhere", `  source: {repoURL: "https://github.com/someone/else.git", path: apps/other}`);
    const report = deployers(
      { "argo/elsewhere.yaml": elsewhere, "apps/other/rollout.yaml": MANIFEST },
      ["apps/other/rollout.yaml"],
      repositoryIdentity({ remote: join(tmpdir(), "gitops.git") }),
    );
    assert.deepEqual(names(report, "apps/other/rollout.yaml"), ["Argo CD Application argocd/elsewhere"]);
    assert.equal(report.notes.length, 1);
    assert.match(report.notes[0]!, /local path/);
  });

  it("a Helm source in the repository deploys its chart and its value files (relative to its path); `$ref` value files of another source count when that source is ours", () => {
    const helmApp = application(
      "chart-app",
      `  source:
    repoURL: https://github.com/octo-org/gitops
    path: charts/server
    helm:
      valueFiles: [values-prod.yaml, ../../env/prod/values.yaml]`,
    );
    const multi = application(
      "multi",
      `  sources:
    - repoURL: https://charts.example.com
      chart: model-server
      targetRevision: 1.2.3
      helm:
        valueFiles: [$values/apps/adult-income/values.yaml, $theirs/apps/other/values.yaml]
    - repoURL: https://github.com/octo-org/gitops.git
      targetRevision: main
      ref: values
    - repoURL: https://github.com/someone/else.git
      ref: theirs`,
    );
    const report = deployers(
      {
        "argo/chart-app.yaml": helmApp,
        "argo/multi.yaml": multi,
        "charts/server/Chart.yaml": "apiVersion: v2\nname: server\nversion: 0.1.0\n",
        "charts/server/templates/deployment.yaml": "{{ .Values.x }}\n",
        "charts/server/values-prod.yaml": "a: 1\n",
        "env/prod/values.yaml": "a: 2\n",
        "apps/adult-income/values.yaml": "model: {}\n",
        "apps/other/values.yaml": "model: {}\n",
      },
      [
        "charts/server/templates/deployment.yaml",
        "charts/server/values-prod.yaml",
        "env/prod/values.yaml",
        "apps/adult-income/values.yaml",
        "apps/other/values.yaml",
      ],
    );
    assert.deepEqual(names(report, "charts/server/templates/deployment.yaml"), [
      "Argo CD Application argocd/chart-app [Helm chart charts/server]",
    ]);
    // Under the chart's folder and named as a value file: the first way found is shown.
    assert.deepEqual(names(report, "charts/server/values-prod.yaml"), ["Argo CD Application argocd/chart-app [Helm values file]"]);
    assert.deepEqual(names(report, "env/prod/values.yaml"), ["Argo CD Application argocd/chart-app [Helm values file]"]);
    assert.deepEqual(names(report, "apps/adult-income/values.yaml"), ["Argo CD Application argocd/multi [Helm values file]"]);
    assert.deepEqual(names(report, "apps/other/values.yaml"), [], "$theirs is another repository");
  });

  it("a Kustomize source deploys what its kustomization.yaml lists, following bases into their own kustomization", () => {
    const app = application("kustomized", `  source: {repoURL: "https://github.com/octo-org/gitops.git", path: overlays/prod}`);
    const report = deployers(
      {
        "argo/kustomized.yaml": app,
        "overlays/prod/kustomization.yaml":
          "resources: [rollout.yaml, ../../base]\npatches:\n  - path: patch.yaml\nconfigMapGenerator:\n  - name: cfg\n    files: [settings=config/settings.yaml]\n",
        "overlays/prod/rollout.yaml": MANIFEST,
        "overlays/prod/patch.yaml": MANIFEST,
        "overlays/prod/config/settings.yaml": "a: 1\n",
        "overlays/prod/unlisted.yaml": MANIFEST,
        "base/kustomization.yml": "resources:\n  - deployment.yaml\n  - https://github.com/example/remote//base\n",
        "base/deployment.yaml": MANIFEST,
        "base/ignored.yaml": MANIFEST,
      },
      [
        "overlays/prod/rollout.yaml",
        "overlays/prod/patch.yaml",
        "overlays/prod/config/settings.yaml",
        "base/deployment.yaml",
        "overlays/prod/unlisted.yaml",
        "base/ignored.yaml",
      ],
    );
    for (const file of [
      "overlays/prod/rollout.yaml",
      "overlays/prod/patch.yaml",
      "overlays/prod/config/settings.yaml",
      "base/deployment.yaml",
    ])
      assert.deepEqual(names(report, file), ["Argo CD Application argocd/kustomized [via kustomization.yaml]"], file);
    assert.deepEqual(names(report, "overlays/prod/unlisted.yaml"), []);
    assert.deepEqual(names(report, "base/ignored.yaml"), []);
  });

  it("an ApplicationSet's git directories generator generates an Application for a matching folder (and not for an excluded one)", () => {
    const set = `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata: {name: models, namespace: argocd}
spec:
  generators:
    - matrix:
        generators:
          - git:
              repoURL: https://github.com/octo-org/gitops.git
              revision: main
              directories:
                - path: apps/*
                - path: apps/legacy
                  exclude: true
          - clusters: {}
  template:
    metadata: {name: "{{path.basename}}"}
    spec:
      project: default
      source: {repoURL: "https://github.com/octo-org/gitops.git", path: "{{path}}"}
      destination: {server: https://kubernetes.default.svc, namespace: models}
`;
    const report = deployers(
      { "argo/set.yaml": set, "apps/adult-income/rollout.yaml": MANIFEST, "apps/legacy/rollout.yaml": MANIFEST, "infra/x.yaml": MANIFEST },
      ["apps/adult-income/rollout.yaml", "apps/legacy/rollout.yaml", "infra/x.yaml"],
    );
    assert.deepEqual(names(report, "apps/adult-income/rollout.yaml"), [
      "Argo CD ApplicationSet argocd/models [generates an Application for apps/adult-income]",
    ]);
    assert.deepEqual(names(report, "apps/legacy/rollout.yaml"), []);
    assert.deepEqual(names(report, "infra/x.yaml"), []);
  });
});

describe("Flux", () => {
  const gitRepository = (url: string) => `apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata: {name: flux-system, namespace: flux-system}
spec: {interval: 1m, url: "${url}", ref: {branch: main}}
`;
  const kustomization = (name: string, path: string | undefined, source = "flux-system") => `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: {name: ${name}, namespace: flux-system}
spec:
  interval: 10m
  prune: true
  sourceRef: {kind: GitRepository, name: ${source}}
${path === undefined ? "" : `  path: ${path}\n`}`;

  it("a Kustomization without a kustomization.yaml deploys every YAML file below its path, recursively; a sub-folder with its own kustomization only what it lists", () => {
    const tree = {
      "clusters/prod/flux-system/gotk-sync.yaml":
        gitRepository("ssh://git@github.com/octo-org/gitops") + "---\n" + kustomization("flux-system", "./clusters/prod"),
      "clusters/prod/flux-system/kustomization.yaml": "resources: [gotk-sync.yaml]\n",
      "clusters/prod/flux-system/gotk-components.yaml": MANIFEST,
      "clusters/prod/apps.yaml": kustomization("apps", "./apps/prod"),
      "apps/prod/rollout.yaml": MANIFEST,
      "apps/prod/deep/nested/isvc.yml": MANIFEST,
      "apps/prod/notes.txt": "x",
      "apps/staging/rollout.yaml": MANIFEST,
    };
    const report = deployers(tree, Object.keys(tree));
    assert.deepEqual(names(report, "apps/prod/rollout.yaml"), ["Flux Kustomization flux-system/apps"]);
    assert.deepEqual(names(report, "apps/prod/deep/nested/isvc.yml"), ["Flux Kustomization flux-system/apps"]);
    assert.deepEqual(names(report, "apps/prod/notes.txt"), []);
    assert.deepEqual(names(report, "apps/staging/rollout.yaml"), []);
    assert.deepEqual(names(report, "clusters/prod/apps.yaml"), ["Flux Kustomization flux-system/flux-system"]);
    assert.deepEqual(names(report, "clusters/prod/flux-system/gotk-sync.yaml"), [
      "Flux Kustomization flux-system/flux-system [via clusters/prod/flux-system/kustomization.yaml]",
    ]);
    assert.deepEqual(
      names(report, "clusters/prod/flux-system/gotk-components.yaml"),
      [],
      "not listed by the sub-folder's kustomization.yaml",
    );
  });

  it("the default path is the repository root; a GitRepository of another repository does not count; a missing one is assumed, and said", () => {
    const theirs = deployers(
      {
        "flux/source.yaml": gitRepository("https://github.com/someone/else"),
        "flux/root.yaml": kustomization("root", undefined),
        "app.yaml": MANIFEST,
      },
      ["app.yaml"],
    );
    assert.deepEqual(names(theirs, "app.yaml"), []);
    const ours = deployers(
      {
        "flux/source.yaml": gitRepository("https://github.com/octo-org/gitops"),
        "flux/root.yaml": kustomization("root", undefined),
        "app.yaml": MANIFEST,
      },
      ["app.yaml"],
    );
    assert.deepEqual(names(ours, "app.yaml"), ["Flux Kustomization flux-system/root"]);
    const missing = deployers({ "flux/root.yaml": kustomization("root", "./", "bootstrap"), "app.yaml": MANIFEST }, ["app.yaml"]);
    assert.deepEqual(names(missing, "app.yaml"), ["Flux Kustomization flux-system/root"]);
    assert.match(missing.files.get("app.yaml")![0]!.assumption ?? "", /GitRepository flux-system\/bootstrap is not in this repository/);
  });

  it("a HelmRelease deploys its values files and its chart's folder when the chart comes from this repository; not a HelmRepository chart's", () => {
    const release = (name: string, chart: string) => `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: ${name}, namespace: models}
spec:
  interval: 10m
${chart}`;
    const tree = {
      "flux/source.yaml": gitRepository("https://github.com/octo-org/gitops.git"),
      "flux/release.yaml": release(
        "adult-income",
        `  chart:
    spec:
      chart: ./charts/model-server
      sourceRef: {kind: GitRepository, name: flux-system, namespace: flux-system}
      valuesFiles: [./apps/adult-income/values.yaml]`,
      ),
      "flux/remote.yaml": release(
        "remote",
        `  chart:
    spec:
      chart: podinfo
      sourceRef: {kind: HelmRepository, name: podinfo}
      valuesFiles: [apps/remote/values.yaml]`,
      ),
      "flux/chartref.yaml":
        release("by-ref", "  chartRef: {kind: HelmChart, name: by-ref-chart, namespace: flux-system}\n") +
        `---
apiVersion: source.toolkit.fluxcd.io/v1
kind: HelmChart
metadata: {name: by-ref-chart, namespace: flux-system}
spec:
  interval: 10m
  chart: charts/other
  sourceRef: {kind: GitRepository, name: flux-system}
  valuesFiles: [apps/by-ref/values.yaml]
`,
      "charts/model-server/Chart.yaml": "apiVersion: v2\nname: model-server\nversion: 0.1.0\n",
      "charts/model-server/templates/deployment.yaml": "{{ .Values }}\n",
      "charts/other/Chart.yaml": "apiVersion: v2\nname: other\nversion: 0.1.0\n",
      "apps/adult-income/values.yaml": "model: {}\n",
      "apps/remote/values.yaml": "model: {}\n",
      "apps/by-ref/values.yaml": "model: {}\n",
    };
    const report = deployers(tree, Object.keys(tree));
    assert.deepEqual(names(report, "apps/adult-income/values.yaml"), ["Flux HelmRelease models/adult-income [Helm values file]"]);
    assert.deepEqual(names(report, "charts/model-server/templates/deployment.yaml"), [
      "Flux HelmRelease models/adult-income [Helm chart charts/model-server]",
    ]);
    assert.deepEqual(names(report, "apps/remote/values.yaml"), [], "a HelmRepository chart's values files are inside the chart, not here");
    assert.deepEqual(names(report, "apps/by-ref/values.yaml"), ["Flux HelmRelease models/by-ref [Helm values file]"]);
    assert.deepEqual(names(report, "charts/other/Chart.yaml"), ["Flux HelmRelease models/by-ref [Helm chart charts/other]"]);
  });
});

describe("broken YAML in the repository", () => {
  it("a file that does not parse and an alias bomb are skipped with a note; the rest is still read", () => {
    const bomb = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: bomb}
a: &a [x, x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
`;
    const report = deployers(
      {
        "argo/bomb.yaml": bomb,
        "argo/broken.yaml": "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: [unclosed\n",
        "argo/good.yaml": application("good", `  source: {repoURL: "https://github.com/octo-org/gitops", path: apps}`),
        "apps/rollout.yaml": MANIFEST,
      },
      ["apps/rollout.yaml"],
    );
    assert.deepEqual(names(report, "apps/rollout.yaml"), ["Argo CD Application argocd/good"]);
    assert.equal(report.notes.length, 1);
    assert.match(report.notes[0]!, /argo\/bomb\.yaml, argo\/broken\.yaml did not parse/);
  });
});

describe("readGitOpsTree on a real repository", () => {
  const scratch = mkdtempSync(join(tmpdir(), "modelship-deployers-"));
  after(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  it("reads only YAML files that name an Argo CD or Flux API (and kustomization files), skips big ones, and stops at the cap, with notes", async () => {
    const bare = join(scratch, "gitops.git");
    git(scratch, ["init", "--quiet", "--bare", "--initial-branch=main", bare]);
    const app = application("adult-income", `  source: {repoURL: "https://github.com/octo-org/gitops.git", path: apps/adult-income}`);
    pushFiles(
      bare,
      "main",
      {
        "apps/adult-income/application.yaml": app,
        "apps/adult-income/rollout.yaml": MANIFEST,
        "apps/adult-income/kustomization.yaml": "resources: [rollout.yaml]\n",
        "big/huge.yaml": `# argoproj.io\n${"x: 1\n".repeat(300)}`,
        "z/a.yaml": MANIFEST,
        "z/b.yaml": MANIFEST,
      },
      { from: null, message: "seed" },
    );
    const workspace = await GitWorkspace.clone({ remote: bare, base: "main", dir: join(scratch, "clone"), logger: new MemoryLogger() });
    const tree = await readGitOpsTree(workspace, "origin/main", { maxFileBytes: 1000 });
    assert.deepEqual([...tree.texts.keys()].sort(), ["apps/adult-income/application.yaml", "apps/adult-income/kustomization.yaml"]);
    assert.equal(tree.texts.get("apps/adult-income/application.yaml"), app);
    assert.ok(tree.paths.includes("z/b.yaml") && tree.paths.includes("big/huge.yaml"));
    assert.deepEqual(tree.notes, ["big/huge.yaml is over 1000 bytes and not read"]);

    const capped = await readGitOpsTree(workspace, "origin/main", { maxFiles: 2 });
    assert.equal(
      capped.texts.size,
      2,
      "the first two YAML files in tree order: apps/adult-income/application.yaml, apps/adult-income/kustomization.yaml",
    );
    assert.deepEqual(capped.notes, ["only the first 2 YAML files were read; 4 more were not"]);
  });
});

describe("the promotion body's Files section", () => {
  // The environment as modelship.yaml resolves it (what the body reads: name, strategy, steps, bake).
  const ENVIRONMENT = resolveEnvironment(
    "production",
    parseConfig(
      JSON.stringify({
        model: "adult-income",
        promote: {
          remote: "https://example.test/gitops.git",
          environments: { production: { steps: [10, 50], targets: [{ kind: "argo-rollouts", file: "apps/adult-income/rollout.yaml" }] } },
        },
      }),
      { file: "modelship.yaml", cwd: "/tmp" },
    ),
  );
  const view = (deployers: DeployerReport | undefined): PromotionView => ({
    environment: ENVIRONMENT,
    action: { kind: "start", weight: 10 },
    model: { name: "adult-income", version: "0.0.2", uri: "https://example.com/model.onnx", digest: "sha256:00" },
    release: { version: "0.0.2" },
    before: { stable: { version: "0.0.1", uri: "https://example.com/old.onnx" } },
    after: {
      stable: { version: "0.0.1", uri: "https://example.com/old.onnx" },
      canary: { version: "0.0.2", uri: "https://example.com/model.onnx", weight: 10 },
    },
    files: [
      { file: "apps/adult-income/rollout.yaml", kind: "argo-rollouts" },
      { file: "apps/adult-income/values.yaml", kind: "yaml-path" },
    ],
    rollbackCommand: "modelship promote adult-income --env production --action rollback",
    ...(deployers === undefined ? {} : { deployers }),
  });

  it("names each file's deployer, warns about a file nothing deploys, and shows the notes", () => {
    const report: DeployerReport = {
      files: new Map([
        [
          "apps/adult-income/rollout.yaml",
          [
            {
              engine: "Argo CD",
              kind: "Application",
              name: "argocd/adult-income",
              declaredIn: "apps/adult-income/application.yaml",
            } satisfies Deployer,
          ],
        ],
        ["apps/adult-income/values.yaml", []],
      ]),
      notes: ["big.yaml is over 1048576 bytes and not read"],
    };
    const body = promotionBody(view(report));
    const files = body.slice(body.indexOf("### Files"), body.indexOf("### How to roll back"));
    assert.ok(
      files.includes(
        "- `apps/adult-income/rollout.yaml` (argo-rollouts) — deployed by Argo CD Application `argocd/adult-income` (declared in `apps/adult-income/application.yaml`)",
      ),
      files,
    );
    assert.match(
      files,
      /- `apps\/adult-income\/values\.yaml` \(yaml-path\) — .* no Argo CD Application or Flux Kustomization\/HelmRelease in this repository deploys it; merging changes nothing in a cluster unless something outside this repository syncs it/,
    );
    assert.ok(files.includes("_Deployers: big.yaml is over 1048576 bytes and not read._"), files);
  });

  it("without a lookup the section lists the files as before", () => {
    const body = promotionBody(view(undefined));
    assert.ok(
      body.includes("### Files\n\n- `apps/adult-income/rollout.yaml` (argo-rollouts)\n- `apps/adult-income/values.yaml` (yaml-path)\n"),
      body,
    );
  });
});

describe("the example GitOps repository (examples/gitops-repo): Argo CD and its Flux variant", () => {
  const root = fileURLToPath(new URL("../../../examples/gitops-repo/", import.meta.url));
  const all = readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split("\\").join("/"))
    .sort();
  const tree = {
    paths: all,
    texts: new Map(all.filter((path) => /\.ya?ml$/.test(path)).map((path) => [path, readFileSync(join(root, path), "utf8")])),
  };
  // The example names its repository OWNER/gitops (application.yaml's repoURL, gotk-sync.yaml's url).
  const identity = repositoryIdentity({ repository: "OWNER/gitops", remote: "https://github.com/OWNER/gitops.git" });

  it("every production file is deployed by the Argo CD Application and by the Flux Kustomization; values.yaml only by the HelmRelease", () => {
    const production = ["inferenceservice.yaml", "rollout.yaml", "analysis-template.yaml", "flagger.yaml", "seldon.yaml"].map(
      (name) => `apps/adult-income/${name}`,
    );
    const report = findDeployers(tree, [...production, "apps/adult-income/values.yaml", "apps/adult-income/application.yaml"], identity);
    for (const file of production)
      assert.deepEqual(
        names(report, file),
        ["Argo CD Application argocd/adult-income", "Flux Kustomization flux-system/adult-income [via kustomization.yaml]"],
        file,
      );
    // application.yaml excludes itself and values.yaml from the Argo CD sync; the HelmRelease reads values.yaml.
    assert.deepEqual(names(report, "apps/adult-income/values.yaml"), ["Flux HelmRelease models-staging/adult-income [Helm values file]"]);
    assert.deepEqual(names(report, "apps/adult-income/application.yaml"), []);
    assert.deepEqual(report.notes, []);
  });

  it("the Flux variant's manifests validate against the vendored Flux CRDs (the chart's templates are Helm input, not manifests)", () => {
    const flux = all.filter((path) => path.startsWith("flux/") && /\.ya?ml$/.test(path) && !path.includes("/templates/"));
    assert.ok(flux.length >= 6, `the Flux variant's files: ${flux.join(", ")}`);
    const checked: string[] = [];
    for (const path of flux) {
      const result = validateManifestText(tree.texts.get(path)!, path);
      assert.deepEqual(result.problems.map(formatProblem), [], path);
      checked.push(...result.checked);
    }
    assert.deepEqual(checked.sort(), ['HelmRelease "adult-income"', 'Kustomization "adult-income"', 'Kustomization "flux-system"']);
  });
});
