/**
 * modelship as an npm package: `npm pack` of this repository installed into an empty project, run
 * with `npx modelship` the way a user runs it. One pack and one install serve every assertion.
 *
 * The consumer project pins Node 22 (the `node` package, as our own devDependency pins 24), so
 * `npx modelship` runs on the oldest Node that `engines` states; the same install is then run on
 * this repository's Node 24. It needs the npm registry (or npm's cache) and nothing else: the
 * onnxruntime-node install script, which would download the CUDA add-on, is skipped by the
 * environment variable docs/install.md tells users to set.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { promisify } from "node:util";
import { runCallerOnPullRequest } from "../support/caller-workflow.ts";

const run = promisify(execFile);
const ROOT = new URL("../..", import.meta.url).pathname;
const OLDEST_NODE = { range: "^22.17.0", major: "v22." };

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command without a shell; a non-zero exit is returned, not thrown. */
async function exec(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Result> {
  try {
    const { stdout, stderr } = await run(file, args, { cwd, env: { ...process.env, ...env }, maxBuffer: 1 << 26 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === "number" ? failed.code : -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

/** Lines npm prints as warnings (`npm warn …`, `npm WARN …`). */
function npmWarnings(stderr: string): string[] {
  return stderr.split("\n").filter((line) => /^npm warn/i.test(line));
}

const pkg = JSON.parse(await readFile(join(ROOT, "package.json"), "utf8")) as {
  version: string;
  engines: { node: string };
  dependencies: Record<string, string>;
  optionalDependencies?: Record<string, string>;
};

let work: string;
let project: string;
let tarball: string;
let install: Result;
before(async () => {
  work = await mkdtemp(join(tmpdir(), "modelship-pack-"));
  const packed = await exec("npm", ["pack", "--json", "--pack-destination", work], ROOT);
  assert.equal(packed.code, 0, packed.stderr);
  tarball = join(work, (JSON.parse(packed.stdout) as { filename: string }[])[0]!.filename);
  project = join(work, "consumer");
  await mkdir(project);
  await writeFile(
    join(project, "package.json"),
    JSON.stringify(
      { name: "consumer", private: true, devDependencies: { node: OLDEST_NODE.range }, allowScripts: { node: true } },
      null,
      2,
    ),
  );
  install = await exec("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", tarball], project, {
    ONNXRUNTIME_NODE_INSTALL: "skip",
  });
});
after(async () => {
  await rm(work, { recursive: true, force: true });
});

describe("modelship as an npm package", () => {
  test("npm pack lists only what a CLI user needs", async () => {
    const dry = await exec("npm", ["pack", "--dry-run", "--json"], ROOT);
    assert.equal(dry.code, 0, dry.stderr);
    const files = (JSON.parse(dry.stdout) as { files: { path: string }[] }[])[0]!.files.map((file) => file.path);
    const allowed =
      /^(bin\/modelship\.js|dist\/cli\.js|dist\/[\w-]+-worker\.js|dist\/chunks\/[^/]+|schemas\/[\w-]+\.schema\.json|vendor\/crds\/(README\.md|[\w-]+\/LICENSE)|README\.md|LICENSE|package\.json|docs\/install\.md|docs\/init\.md)$/;
    assert.deepEqual(
      files.filter((file) => !allowed.test(file)),
      [],
    );
    // The upstream CRD schemas are bundled into dist/: their licences go with them.
    const vendored = (await readdir(join(ROOT, "vendor/crds"), { withFileTypes: true })).filter((entry) => entry.isDirectory());
    assert.ok(vendored.length > 0);
    for (const project of vendored) assert.ok(files.includes(`vendor/crds/${project.name}/LICENSE`), `${project.name}'s licence is packed`);
    for (const needed of [
      "bin/modelship.js",
      "dist/cli.js",
      // Worker threads' entries (e.g. the built-in trainer's), started by path beside the chunks.
      "dist/mlp-worker.js",
      "schemas/modelship.schema.json",
      "README.md",
      "LICENSE",
      "docs/install.md",
      "docs/init.md",
    ]) {
      assert.ok(files.includes(needed), `${needed} is packed`);
    }
    // The CLI loads every chunk it imports: all of dist/chunks/ goes.
    const chunks = (await readdir(join(ROOT, "dist/chunks"))).map((file) => `dist/chunks/${file}`);
    assert.deepEqual(files.filter((file) => file.startsWith("dist/chunks/")).sort(), chunks.sort());
  });

  test("installs from the tarball with no .npmrc key warning and no error", () => {
    assert.equal(install.code, 0, install.stderr);
    assert.doesNotMatch(install.stderr, /onnxruntime-node-install|Unknown (project|user|env) config|npm error/i);
  });

  test("every package the bundle imports at run time is a dependency, installed", async () => {
    const installed = join(project, "node_modules/modelship");
    const meta = JSON.parse(await readFile(join(installed, "package.json"), "utf8")) as typeof pkg;
    assert.equal(meta.version, pkg.version);
    const declared = new Set([...Object.keys(meta.dependencies), ...Object.keys(meta.optionalDependencies ?? {})]);
    const files = [
      "dist/cli.js",
      ...(await readdir(join(installed, "dist/chunks"))).filter((f) => f.endsWith(".js")).map((f) => `dist/chunks/${f}`),
    ];
    const imported = new Set<string>();
    for (const file of files) {
      const text = await readFile(join(installed, file), "utf8");
      // Static `from "x"` and dynamic `import("x")` of a bare package (the bundle's externals).
      for (const match of text.matchAll(/(?:\bfrom\s*|\bimport\()\s*"((?:@[\w-][\w.-]*\/)?[\w-][\w.-]*)(?:\/[^"]*)?"/g))
        imported.add(match[1]!);
      // A loop over specifiers that are imported in turn (tfjs-backend.ts).
      for (const match of text.matchAll(/"(@tensorflow\/tfjs-node(?:-gpu)?)"/g)) imported.add(match[1]!);
    }
    const builtins = new Set((await import("node:module")).builtinModules);
    const external = [...imported].filter((name) => !builtins.has(name) && !name.startsWith("node:")).sort();
    assert.ok(
      external.includes("onnxruntime-node") && external.includes("@tensorflow/tfjs"),
      `the bundle's externals: ${external.join(", ")}`,
    );
    const gpu = "@tensorflow/tfjs-node-gpu"; // tried first, never required: not a dependency
    assert.deepEqual(
      external.filter((name) => name !== gpu && !declared.has(name)),
      [],
      "imported at run time but not in dependencies",
    );
    for (const name of meta.dependencies ? Object.keys(meta.dependencies) : []) {
      const found = await exec(
        join(project, "node_modules/.bin/node"),
        ["-e", `import(${JSON.stringify(name)}).then(() => console.log("ok"))`],
        project,
      );
      assert.equal(found.stdout.trim(), "ok", `${name} loads in the consumer: ${found.stderr}`);
    }
  });

  test(`npx modelship --help and --version on Node ${OLDEST_NODE.major.slice(1, -1)}, with no npm warning`, async () => {
    const node = await exec("npx", ["node", "--version"], project);
    assert.ok(node.stdout.startsWith(OLDEST_NODE.major), `the consumer's node is ${node.stdout}`);
    const help = await exec("npx", ["modelship", "--help"], project);
    assert.equal(help.code, 0, help.stderr);
    assert.match(help.stdout, /^usage: modelship <command>/m);
    for (const command of ["validate", "evaluate", "promote", "drift"]) assert.match(help.stdout, new RegExp(`\\b${command}\\b`));
    assert.deepEqual(npmWarnings(help.stderr), []);
    assert.equal(help.stderr, "");
    const version = await exec("npx", ["modelship", "--version"], project);
    assert.equal(version.code, 0, version.stderr);
    assert.equal(version.stdout.trim(), pkg.version);
    assert.deepEqual(npmWarnings(version.stderr), []);
  });

  test("the installed CLI validates data with the packed schemas (no devDependency needed)", async () => {
    await writeFile(join(project, "data.csv"), "age,city\n30,Oslo\n41,Lima\n");
    await writeFile(
      join(project, "contract.yaml"),
      "columns:\n  - { name: age, type: integer, min: 0, max: 35 }\n  - { name: city, type: categorical, enum: [Oslo, Lima] }\n",
    );
    const result = await exec(
      "npx",
      ["modelship", "validate", "data.csv", "--contract", "contract.yaml", "--report-dir", "report"],
      project,
    );
    // 41 > max 35: the check fails (exit 1), and says so in the report.
    assert.equal(result.code, 1, result.stderr);
    const report = JSON.parse(await readFile(join(project, "report/validation-report.json"), "utf8")) as { summary: { errors: number } };
    assert.equal(report.summary.errors, 1);
    assert.deepEqual(npmWarnings(result.stderr), []);
  });

  test("bin/modelship.js refuses a Node older than engines states, naming the fix (exit 2, no stack trace)", async () => {
    assert.equal(pkg.engines.node, `${OLDEST_NODE.range} || >=24.0.0`);
    const node24 = join(ROOT, "node_modules/.bin/node");
    const bin = join(ROOT, "bin/modelship.js");
    // Pretends to be another Node before the bin reads process.versions (there is no Node 20 here).
    const as = (version: string) => [
      "--import",
      `data:text/javascript,Object.defineProperty(process.versions,"node",{value:"${version}"});Object.defineProperty(process,"version",{value:"v${version}"})`,
      bin,
      "--version",
    ];
    for (const version of ["20.19.0", "22.16.0"]) {
      const refused = await exec(node24, as(version), ROOT);
      assert.equal(refused.code, 2, `Node ${version}`);
      assert.equal(refused.stdout, "");
      assert.match(
        refused.stderr,
        new RegExp(`needs Node 22\\.17 or later .*this is Node v${version.replaceAll(".", "\\.")}\\.\\n  Fix: .*docs/install\\.md`),
      );
      assert.doesNotMatch(refused.stderr, /\n\s+at /);
    }
    const accepted = await exec(node24, as("22.17.0"), ROOT);
    assert.equal(accepted.code, 0, accepted.stderr);
    assert.equal(accepted.stdout.trim(), pkg.version);
  });

  test("the same install runs on Node 24 (this repository's node)", async () => {
    const node24 = join(ROOT, "node_modules/.bin/node");
    const version = await exec(node24, ["--version"], project);
    assert.ok(version.stdout.startsWith("v24."), version.stdout);
    const help = await exec(node24, [join(project, "node_modules/.bin/modelship"), "--help"], project);
    assert.equal(help.code, 0, help.stderr);
    assert.match(help.stdout, /^usage: modelship <command>/m);
    assert.equal(help.stderr, "");
    const cliVersion = await exec(node24, [join(project, "node_modules/.bin/modelship"), "--version"], project);
    assert.equal(cliVersion.stdout.trim(), pkg.version);
    // In a checkout of this repository, npx reads its .npmrc: it must hold no key npm warns about.
    const inRepo = await exec("npx", ["modelship", "--version"], ROOT);
    assert.equal(inRepo.code, 0, inRepo.stderr);
    assert.equal(inRepo.stdout.trim(), pkg.version);
    assert.deepEqual(npmWarnings(inRepo.stderr), []);
  });

  test("Done when: in a folder holding only a CSV, README's `## Start a repository` commands run green, then init's caller runs green in the runner harness", async () => {
    // The commands, read from the README as a newcomer reads them: its first ```sh block there.
    const readme = await readFile(join(ROOT, "README.md"), "utf8");
    const section = readme.split(/^## Start a repository$/m)[1];
    assert.ok(section !== undefined, "README.md has a `## Start a repository` section");
    const block = /```sh\n([\s\S]*?)```/.exec(section.split(/^## /m)[0]!)?.[1];
    assert.ok(block !== undefined, "its first ```sh block");
    const commands = block
      .split("\n")
      .map((line) => line.replace(/\s+#.*$/, "").trim())
      .filter(Boolean);
    // `npm install --save-dev modelship` is what before() did with the packed tarball (the package is not on the registry here),
    // with the same ONNXRUNTIME_NODE_INSTALL=skip.
    assert.match(commands[0]!, /^ONNXRUNTIME_NODE_INSTALL=skip npm install --save-dev modelship$/);
    const npx = commands.slice(1);
    assert.deepEqual(
      npx.map((command) => command.split(/\s+/).slice(0, 2).join(" ")),
      npx.map(() => "npx modelship"),
      "every other line runs the installed CLI",
    );
    assert.ok(npx.some((command) => /^npx modelship init\b/.test(command)));

    // A folder holding only a CSV (a sample of the Adult data), inside the consumer project whose node_modules holds the install.
    const newcomer = join(project, "income-model");
    await mkdir(newcomer);
    const lines = (await readFile(join(ROOT, "examples/model-repo/data/train.csv"), "utf8")).split("\n");
    await writeFile(join(newcomer, "income.csv"), `${lines.slice(0, 2001).join("\n")}\n`);
    for (const command of npx) {
      const [file, ...args] = command.split(/\s+/);
      const result = await exec(file!, args, newcomer);
      assert.equal(result.code, 0, `${command} exited ${result.code}:\n${result.stdout}\n${result.stderr}`);
      assert.deepEqual(npmWarnings(result.stderr), [], `${command} prints no npm warning`);
    }
    const report = JSON.parse(await readFile(join(newcomer, ".modelship/evaluation/gate-report.json"), "utf8")) as { verdict: string };
    assert.notEqual(report.verdict, "fail");

    // The caller workflow init wrote, on a pull request, through the runner harness.
    const { results, explain } = await runCallerOnPullRequest(newcomer, { scratch: work });
    assert.deepEqual([results.validate, results.train, results.evaluate], ["success", "success", "success"], explain);
  });
});
