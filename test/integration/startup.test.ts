/**
 * Cold start, without timing anything: what `modelship --version` and a JavaScript action load before
 * their first line. A preload hook (`module.registerHooks`, in the process itself, for import() and
 * require() alike) records every module URL the bundle resolves, and the tests check that the version
 * answer loads only the CLI's entry and two tiny chunks, that an action prints its first line before
 * its stage is loaded, and that neither onnxruntime-node nor TensorFlow.js loads where it is not used.
 * The same hook shows the bundled bootstrap starting its worker threads from dist/. Needs dist/
 * (`npm run build`).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { after, before, describe, test } from "node:test";
import { runCli } from "../../src/cli/run-cli.ts";
import { isVersionRequest } from "../../src/cli/version-request.ts";
import { makeToyModel } from "../support/toy-model.ts";

const root = join(import.meta.dirname, "../..");
const dist = join(root, "dist");
const { version } = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as { version: string };
const HEAVY = /onnxruntime-node|@tensorflow\//;

let work: string;
let hook: string;
before(async () => {
  work = await mkdtemp(join(tmpdir(), "modelship-startup-"));
  hook = join(work, "record-modules.mjs");
  // Appends each resolved URL, with a sequence number shared with stdout writes, to MODULE_LOG.
  await writeFile(
    hook,
    [
      'import { registerHooks } from "node:module";',
      'import { appendFileSync } from "node:fs";',
      "const log = process.env.MODULE_LOG;",
      "const write = process.stdout.write.bind(process.stdout);",
      "process.stdout.write = (chunk, ...rest) => { appendFileSync(log, `stdout ${String(chunk).split('\\n')[0]}\\n`); return write(chunk, ...rest); };",
      "registerHooks({ resolve(specifier, context, next) { const resolved = next(specifier, context); appendFileSync(log, `module ${resolved.url}\\n`); return resolved; } });",
    ].join("\n"),
  );
});
after(async () => {
  await rm(work, { recursive: true, force: true });
});

interface Recorded {
  status: number | null;
  stdout: string;
  stderr: string;
  /** In order: "module URL" and "stdout FIRST-LINE-OF-WRITE" entries. */
  events: string[];
}

let runs = 0;
function record(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Recorded {
  const log = join(work, `modules-${runs++}.log`);
  const result = spawnSync(process.execPath, ["--import", pathToFileURL(hook).href, ...args], {
    cwd: options.cwd ?? root,
    env: { ...(options.env ?? process.env), MODULE_LOG: log },
    encoding: "utf8",
  });
  const events = existsSync(log) ? readFileSync(log, "utf8").split("\n").filter(Boolean) : [];
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, events };
}

const modules = (events: string[]) => events.filter((event) => event.startsWith("module ")).map((event) => event.slice(7));
const bundleFiles = (urls: string[]) => urls.filter((url) => url.startsWith("file:")).map((url) => fileURLToPath(url));

describe("modelship --version", () => {
  test("prints the version having loaded only the entry and two tiny chunks: nothing from node_modules", async () => {
    const run = record([join(dist, "cli.js"), "--version"]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, `${version}\n`);
    const files = bundleFiles(modules(run.events));
    assert.ok(files.length > 0, "the hook saw the modules");
    for (const file of files) assert.ok(file.startsWith(dist), `${file} is outside dist/`);
    // Everything else is a node: built-in.
    assert.deepEqual(
      modules(run.events).filter((url) => !url.startsWith("file:") && !url.startsWith("node:")),
      [],
    );
    let bytes = 0;
    for (const file of new Set(files)) bytes += (await stat(file)).size;
    assert.ok(bytes < 8 * 1024, `--version read ${bytes} bytes of bundle: ${[...new Set(files)].join(", ")}`);
  });

  test("isVersionRequest answers as runCli does", async () => {
    const cases = [
      ["--version"],
      ["version"],
      ["-v", "--version"],
      ["--verbose", "version", "extra"],
      ["--", "--version"],
      ["validate", "--version"],
      ["--help"],
      [],
    ];
    for (const argv of cases) {
      let stdout = "";
      await runCli(argv, {
        version: "9.9.9",
        env: {},
        cwd: work,
        io: { stdout: (text) => (stdout += text), stderr: () => undefined },
      });
      assert.equal(isVersionRequest(argv), stdout === "9.9.9\n", JSON.stringify(argv));
    }
  });
});

describe("cold start loads no model runtime it does not use", () => {
  for (const argv of [
    ["validate", "--help"],
    ["evaluate", "--help"],
    ["promote", "--help"],
    ["train", "--help"],
  ]) {
    test(`modelship ${argv.join(" ")} loads neither onnxruntime-node nor TensorFlow.js`, () => {
      const run = record([join(dist, "cli.js"), ...argv]);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /usage: modelship/);
      const heavy = modules(run.events).filter((url) => HEAVY.test(url));
      assert.deepEqual(heavy, []);
      assert.ok(modules(run.events).length > 10, "the command itself was loaded");
    });
  }
});

describe("a JavaScript action's first log line", () => {
  test("validate-data says which action and version runs before it loads its stage, and loads no model runtime", async () => {
    const example = join(root, "examples/model-repo");
    const output = join(work, "output");
    const summary = join(work, "summary");
    await writeFile(output, "");
    await writeFile(summary, "");
    const run = record([join(dist, "validate-data.js")], {
      cwd: example,
      env: {
        PATH: process.env.PATH,
        GITHUB_WORKSPACE: example,
        GITHUB_OUTPUT: output,
        GITHUB_STEP_SUMMARY: summary,
        RUNNER_TEMP: work,
        INPUT_CONTRACT: "data/contract.yaml",
        INPUT_DATA: "data/test.csv",
        INPUT_COMMENT: "false",
        "INPUT_REPORT-DIR": join(work, "reports"),
      },
    });
    assert.equal(run.status, 0, run.stderr + run.stdout);
    assert.equal(run.stdout.split("\n")[0], `modelship ${version}: validate-data`);
    assert.match(run.stdout, /1,500 rows/, "the stage ran");
    const first = run.events.findIndex((event) => event.startsWith("stdout "));
    assert.equal(run.events[first], `stdout modelship ${version}: validate-data`);
    const before = bundleFiles(modules(run.events.slice(0, first)));
    let bytes = 0;
    for (const file of new Set(before)) bytes += (await stat(file)).size;
    assert.ok(bytes < 8 * 1024, `before its first line the action read ${bytes} bytes of bundle: ${[...new Set(before)].join(", ")}`);
    assert.ok(
      modules(run.events.slice(first)).some((url) => url.includes("/chunks/")),
      "the stage's chunks load after the first line",
    );
    assert.deepEqual(
      modules(run.events).filter((url) => HEAVY.test(url)),
      [],
    );
  });
});

describe("the bundled bootstrap's worker threads", () => {
  test("start from dist/bootstrap-worker.js and give the one-thread intervals", () => {
    const dir = join(work, "toy");
    mkdirSync(dir);
    makeToyModel(dir);
    // 600 rows × 7,000 resamples is past the size below which the bootstrap stays on one thread.
    const argv = [join(dist, "cli.js"), "evaluate", "test.csv", "--model", "model.onnx", "--target", "label"];
    const flags = ["--feature", "age", "--feature", "hours", "--resamples", "7000", "--fail-on", "never", "--json"];
    const intervals = (threads: string) => {
      const run = record([...argv, ...flags], { cwd: dir, env: { ...process.env, MODELSHIP_THREADS: threads } });
      assert.equal(run.status, 0, run.stderr);
      const report = JSON.parse(run.stdout) as { metrics: Record<string, { ci?: [number, number] }> };
      const workers = modules(run.events).filter((url) => url.endsWith("/dist/bootstrap-worker.js")).length;
      return { ci: Object.fromEntries(Object.entries(report.metrics).map(([name, metric]) => [name, metric.ci])), workers };
    };
    const one = intervals("1");
    const three = intervals("3");
    assert.equal(one.workers, 0);
    assert.equal(three.workers, 3);
    assert.ok(one.ci.roc_auc !== undefined && one.ci.roc_auc[0] < one.ci.roc_auc[1], JSON.stringify(one.ci));
    assert.deepEqual(three.ci, one.ci);
  });
});
