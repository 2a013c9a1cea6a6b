/**
 * `modelship init` writes YAML and a workflow from text it does not control: the data's values and
 * file names, and flags. Each attack here tries to smuggle a key into modelship.yaml or the workflow,
 * to read data from outside the repository, to read or write through a link out of it, to leave a
 * half-written set of files, or to print a workflow command or terminal escape from the data.
 */
import assert from "node:assert/strict";
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { after, before, describe, test } from "node:test";
import { parse as parseYaml } from "yaml";
import { runCli } from "../../src/cli/run-cli.ts";
import { writeFileAtomic } from "../../src/common/atomic-write.ts";
import { checkOutputPath, writeOutputs } from "../../src/stages/init-paths.ts";

let scratch: string;
before(async () => {
  scratch = await mkdtemp(join(tmpdir(), "modelship-init-attacks-"));
});
after(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function init(dir: string, ...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const status = await runCli(["init", ...args], {
    cwd: dir,
    env: {},
    version: "0.0.0-test",
    io: { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) },
  });
  return { status, stdout, stderr };
}

/** 120 rows of a small binary problem; `label(i)` names each row's class. */
function csv(label: (i: number) => string): string {
  const rows = ["x1,x2,label"];
  for (let i = 0; i < 120; i++) rows.push(`${i % 7},${(i * 3) % 11},${label(i)}`);
  return `${rows.join("\n")}\n`;
}

async function repo(name: string, files: Record<string, string>): Promise<string> {
  const dir = join(scratch, name);
  await mkdir(dir, { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, ".."), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

describe("modelship init against hostile input", () => {
  test("a class value with line breaks cannot add keys to modelship.yaml: it is quoted where it is a value and escaped in comments", async () => {
    const evil = "yes\nrelease:\n  allow_ungated: true\n#";
    const dir = await repo("evil-class", { "d.csv": csv((i) => (i % 4 === 0 ? `"${evil}"` : "no")) });
    const run = await init(dir);
    assert.equal(run.status, 0, run.stderr);
    const config = parseYaml(await readFile(join(dir, "modelship.yaml"), "utf8")) as {
      evaluate: { positive_label: string };
      release: { allow_ungated: boolean };
    };
    assert.equal(config.evaluate.positive_label, evil, "the rarer class, exactly");
    assert.equal(config.release.allow_ungated, false);
  });

  test("a file name with a line break is refused before anything is written", async () => {
    const dir = await repo("evil-name", { "x\nrelease: { allow_ungated: true }\n.csv": csv((i) => (i % 3 === 0 ? "yes" : "no")) });
    const run = await init(dir);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /has a control character .* in its name[\s\S]*Fix: rename it/);
    assert.equal((await readdir(dir)).length, 1, "nothing was written");
  });

  test("runner labels that would break out of the workflow's quotes are refused", async () => {
    const dir = await repo("evil-label", { "d.csv": csv((i) => (i % 3 === 0 ? "yes" : "no")) });
    for (const labels of ["gpu']\n    secrets: inherit\n#", "gpu,${{ secrets.GITOPS_APP_PRIVATE_KEY }}", "gpu,a b"]) {
      const run = await init(dir, "--gpu-runner", labels);
      assert.equal(run.status, 2, labels);
      assert.match(run.stderr, /--gpu-runner: .* is not a runner label/);
    }
    assert.deepEqual(await readdir(dir), ["d.csv"], "nothing was written");
  });

  test("--data and --test outside the repository are refused (CI would not have them)", async () => {
    await writeFile(
      join(scratch, "outside.csv"),
      csv((i) => (i % 3 === 0 ? "yes" : "no")),
    );
    const dir = await repo("outside", { "d.csv": csv((i) => (i % 3 === 0 ? "yes" : "no")) });
    for (const args of [
      ["--data", "../outside.csv"],
      ["--test", join(scratch, "outside.csv")],
    ]) {
      const run = await init(dir, ...args);
      assert.equal(run.status, 2, args.join(" "));
      assert.match(run.stderr, /is outside this repository[\s\S]*Fix: copy the file into the repository/);
    }
    assert.deepEqual(await readdir(dir), ["d.csv"]);
  });

  test("a planted .gitignore link to a secret outside is refused: nothing is read through it, nothing written", async () => {
    const secret = join(scratch, "credentials");
    await writeFile(secret, "aws_secret_access_key=AKIA-DO-NOT-LEAK\n");
    const dir = await repo("gitignore-link", { "d.csv": csv((i) => (i % 3 === 0 ? "yes" : "no")) });
    await symlink(secret, join(dir, ".gitignore")); // what a cloned template or a checked-out pull request can carry
    const run = await init(dir);
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /\.gitignore is a symbolic link[\s\S]*Fix: replace the link by a regular file/);
    assert.doesNotMatch(run.stdout + run.stderr, /AKIA/);
    assert.ok((await lstat(join(dir, ".gitignore"))).isSymbolicLink(), "the link is left alone");
    assert.equal(await readFile(secret, "utf8"), "aws_secret_access_key=AKIA-DO-NOT-LEAK\n");
    assert.deepEqual((await readdir(dir)).sort(), [".gitignore", "d.csv"], "nothing was written");
  });

  test("--force refuses an output that is a link out of the repository instead of merging the file it points at", async () => {
    const victim = "name: victim\non: push\npermissions: {}\nenv:\n  DEPLOY_KEY: hunter2\njobs: {}\n";
    await writeFile(join(scratch, "victim.yml"), victim);
    const dir = await repo("link", { "d.csv": csv((i) => (i % 3 === 0 ? "yes" : "no")) });
    await mkdir(join(dir, ".github/workflows"), { recursive: true });
    await symlink(join(scratch, "victim.yml"), join(dir, ".github/workflows/model.yml"));
    const run = await init(dir, "--force");
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /\.github\/workflows\/model\.yml is a symbolic link/);
    assert.equal(await readFile(join(scratch, "victim.yml"), "utf8"), victim);
    assert.ok((await lstat(join(dir, ".github/workflows/model.yml"))).isSymbolicLink());
    assert.deepEqual((await readdir(dir)).sort(), [".github", "d.csv"], "nothing was written");
  });

  test("a linked folder on the way to an output (policies -> outside) is refused: nothing lands outside", async () => {
    const outside = join(scratch, "outside-dir");
    await mkdir(outside, { recursive: true });
    const dir = await repo("folder-link", { "d.csv": csv((i) => (i % 3 === 0 ? "yes" : "no")) });
    await symlink(outside, join(dir, "policies"));
    const run = await init(dir);
    assert.equal(run.status, 2, run.stderr);
    assert.match(
      run.stderr,
      /policies is a symbolic link \(init writes policies\/gates\.yaml inside it\)[\s\S]*Fix: replace the link by a regular folder/,
    );
    assert.deepEqual(await readdir(outside), []);
    assert.deepEqual((await readdir(dir)).sort(), ["d.csv", "policies"]);
  });

  test("--data and --test that lead out of the repository through a link are refused", async () => {
    const outside = join(scratch, "outside-data");
    await mkdir(outside, { recursive: true });
    await writeFile(
      join(outside, "secret.csv"),
      csv((i) => (i % 3 === 0 ? "yes" : "no")),
    );
    const dir = await repo("data-link", { "d.csv": csv((i) => (i % 3 === 0 ? "yes" : "no")) });
    await symlink(join(outside, "secret.csv"), join(dir, "linked.csv"));
    await symlink(outside, join(dir, "shared"));
    for (const args of [
      ["--data", "linked.csv"],
      ["--data", "shared/secret.csv"],
      ["--data", "d.csv", "--test", "linked.csv"],
    ]) {
      const run = await init(dir, ...args);
      assert.equal(run.status, 2, `${args.join(" ")}: ${run.stderr}`);
      assert.match(run.stderr, /leads out of this repository through a symbolic link[\s\S]*Fix: copy the file into the repository/);
    }
    assert.deepEqual((await readdir(dir)).sort(), ["d.csv", "linked.csv", "shared"]);
    assert.deepEqual(await readdir(outside), ["secret.csv"]);
  });

  test("a file where a folder goes (.github) stops init before the first write: nothing is left behind", async () => {
    const dir = await repo("blocked", { "d.csv": csv((i) => (i % 3 === 0 ? "yes" : "no")), ".github": "a file\n" });
    const run = await init(dir);
    assert.equal(run.status, 2, run.stderr);
    assert.match(
      run.stderr,
      /\.github is not a folder, and init writes \.github\/workflows\/model\.yml inside it; nothing was written[\s\S]*Fix: move \.github away/,
    );
    assert.deepEqual((await readdir(dir)).sort(), [".github", "d.csv"]);
    assert.equal(await readFile(join(dir, ".github"), "utf8"), "a file\n");
  });

  test("a write that fails midway takes back the files and folders this run created, and touches nothing that was there", async () => {
    const dir = await repo("rollback", { "kept/old.txt": "old\n", "kept/existing.yaml": "a: 1\n" });
    const files = [
      { place: await checkOutputPath(dir, "kept/existing.yaml"), bytes: Buffer.from("a: 2\n") },
      { place: await checkOutputPath(dir, "kept/new.yaml"), bytes: Buffer.from("b: 1\n") },
      { place: await checkOutputPath(dir, "made/deeper/one.yaml"), bytes: Buffer.from("c: 1\n") },
      { place: await checkOutputPath(dir, "made/two.yaml"), bytes: Buffer.from("d: 1\n") },
      { place: await checkOutputPath(dir, "never.yaml"), bytes: Buffer.from("e: 1\n") },
    ];
    assert.deepEqual(
      files.map((file) => [file.place.exists, file.place.creates]),
      [
        [true, []],
        [false, []],
        [false, ["made", "made/deeper"]],
        [false, ["made"]],
        [false, []],
      ],
    );
    let writes = 0;
    await assert.rejects(
      writeOutputs(dir, files, async (path, bytes) => {
        if (++writes === 5) throw new Error("disk full");
        await writeFileAtomic(path, bytes);
      }),
      /disk full/,
    );
    assert.equal(writes, 5);
    // What existed stays (the update already written is the user's file now: init never deletes or rewrites it back).
    assert.deepEqual(await snapshot(dir), { "kept/existing.yaml": "a: 2\n", "kept/old.txt": "old\n" });
  });

  test("values from the data are printed quoted: no workflow command line, no terminal escape reaches the output", async () => {
    const evilClass = "yes\n::warning::x";
    const evilTarget = "lab\u001b[2Kel\u202e";
    const evilId = "id\u009b31m";
    const rows = [[`"${evilId}"`, "x1", `"${evilTarget}"`].join(",")];
    for (let i = 0; i < 120; i++) rows.push(`${i},${i % 7},${i % 3 === 0 ? `"${evilClass}"` : "no"}`);
    const dir = await repo("evil-print", { "d.csv": `${rows.join("\n")}\n` });
    const run = await init(dir, "--target", evilTarget);
    assert.equal(run.status, 0, run.stderr);
    // eslint-disable-next-line no-control-regex -- control and format characters are what this looks for
    assert.doesNotMatch(run.stdout, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    assert.ok(!run.stdout.split("\n").some((line) => line.startsWith("::")), run.stdout);
    assert.ok(run.stdout.includes(String.raw`Positive class (the one scored): "yes\n::warning::x", the rarer one`), run.stdout);
    assert.ok(run.stdout.includes(String.raw`predicting "lab\u001b[2Kel\u202e" (binary)`), run.stdout);
    assert.ok(run.stdout.includes(String.raw`: "id\u009b31m" (every value differs`), run.stdout);
    // The files keep the exact values.
    const config = parseYaml(await readFile(join(dir, "modelship.yaml"), "utf8")) as { evaluate: { positive_label: string } };
    assert.equal(config.evaluate.positive_label, evilClass);
    const train = parseYaml(await readFile(join(dir, "train/train.yaml"), "utf8")) as { target: string };
    assert.equal(train.target, evilTarget);
  });

  test("the split's temporary copy is removed when writing it fails", async () => {
    // TMPDIR so long that mkdtemp's folder fits in PATH_MAX (4,095 bytes) but the copy's file in it does not.
    const temp = join(scratch, "t".repeat(200));
    let deep = temp;
    while (deep.length < 4070 - 201) deep = join(deep, "t".repeat(200));
    deep = join(deep, "t".repeat(4070 - deep.length - 1));
    assert.equal(deep.length, 4070);
    await mkdir(deep, { recursive: true });
    const dir = await repo("temp-leak", { "d.csv": csv((i) => (i % 3 === 0 ? "yes" : "no")) });
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = deep; // os.tmpdir() reads it on every call
    let run: Awaited<ReturnType<typeof init>>;
    try {
      run = await init(dir);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /cannot write the split's temporary copy in .* \(ENAMETOOLONG\)[\s\S]*Fix: set TMPDIR/);
    assert.deepEqual(await readdir(deep), [], "no temporary folder is left");
    assert.deepEqual(await readdir(dir), ["d.csv"], "nothing was written");
  });

  test("a data file whose split's name would pass 255 bytes is refused before anything is written", async () => {
    const name = `${"d".repeat(250)}.csv`;
    const dir = await repo("long-name", { [name]: csv((i) => (i % 3 === 0 ? "yes" : "no")) });
    const run = await init(dir);
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /would be longer than 255 bytes[\s\S]*Fix: rename the data file/);
    assert.deepEqual(await readdir(dir), [name]);
  });
});

/** Every file under dir (relative, `/`-separated) with its text. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile())
      files[relative(dir, join(entry.parentPath, entry.name)).split(sep).join("/")] = await readFile(
        join(entry.parentPath, entry.name),
        "utf8",
      );
  return files;
}
