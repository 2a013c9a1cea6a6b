/**
 * src/git/git-workspace.ts against real git: bare repositories on disk stand in for the GitOps remote,
 * scratch clones play other people pushing to it.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingHttpHeaders } from "node:http";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { isUserError } from "../../src/common/errors.ts";
import { MemoryLogger } from "../../src/common/logger.ts";
import { GitWorkspace, publishBranch } from "../../src/git/git-workspace.ts";
import { git, pushFiles, refSha } from "../support/git.ts";

const TOKEN = "ghp_FAKEtoken0123456789abcdefABCDEF";

let root: string;
let counter = 0;
before(async () => {
  root = await mkdtemp(join(tmpdir(), "modelship-gitops-git-"));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

function fresh(name: string): string {
  return join(root, `${name}-${++counter}`);
}

/** A bare remote whose `main` holds `files` in one commit. */
function makeRemote(files: Record<string, string>): string {
  const remote = fresh("remote.git");
  git(root, ["init", "--quiet", "--bare", "--initial-branch=main", remote]);
  pushCommit(remote, "main", files, "seed");
  return remote;
}

/**
 * Commits `files` on `branch` and pushes it, as another person would; returns the sha. The commit
 * follows the branch, or starts from main like a person's new branch would, or (the very first
 * commit) from nothing.
 */
function pushCommit(
  remote: string,
  branch: string,
  files: Record<string, string>,
  message: string,
  env: Record<string, string> = {},
): string {
  const from = [branch, "main"].find((name) => refSha(remote, name) !== undefined) ?? null;
  return pushFiles(remote, branch, files, { from, message, env });
}

async function clone(remote: string, options: { depth?: number; logger?: MemoryLogger; token?: string } = {}): Promise<GitWorkspace> {
  return GitWorkspace.clone({
    remote,
    base: "main",
    dir: fresh("work"),
    logger: options.logger ?? new MemoryLogger(),
    depth: options.depth,
    token: options.token,
  });
}

/** An edit that sets `path` to `text`. */
function setFile(path: string, text: string) {
  return () => Promise.resolve(new Map([[path, text]]));
}

describe("GitWorkspace.clone and reads", () => {
  test("clones the base branch shallowly and reads files from the working tree and from refs", async () => {
    const remote = makeRemote({ "apps/model/values.yaml": "image: v1\n" });
    pushCommit(remote, "main", { "apps/model/values.yaml": "image: v2\n" }, "bump");
    const workspace = await clone(remote, { depth: 1 });
    assert.equal(await workspace.baseSha(), refSha(remote, "main"));
    assert.equal(await workspace.readFile("apps/model/values.yaml"), "image: v2\n");
    assert.equal(await workspace.readFile("apps/model/values.yaml", "origin/main"), "image: v2\n");
    assert.equal(await workspace.readFile("apps/model/missing.yaml", "origin/main"), undefined);
    assert.equal(await workspace.readFile("apps/model/missing.yaml"), undefined);
    assert.equal(git(workspace.dir, ["rev-list", "--count", "HEAD"]), "1", "depth 1 fetched one commit");
    await assert.rejects(workspace.readFile("x", "no-such-ref"));
    await workspace.writeFile("new/dir/file.txt", "hello");
    assert.equal(await workspace.readFile("new/dir/file.txt"), "hello");
    await assert.rejects(workspace.readFile("../outside"), isUserError);
  });

  /** Each refusal: what is wrong, the clone options that provoke it, and what the message must and must not say. */
  const refusals: [string, () => Promise<{ remote: string; base: string; dir: string }>, (message: string, remote: string) => void][] = [
    [
      "a missing base branch is a user error naming the remote and the branch",
      () => Promise.resolve({ remote: makeRemote({ "a.txt": "a\n" }), base: "release", dir: fresh("work") }),
      (message, remote) => {
        assert.match(message, /branch "release" does not exist/);
        assert.ok(message.includes(remote), message);
      },
    ],
    [
      "a missing repository is a user error naming the remote and the branch",
      () => Promise.resolve({ remote: join(root, "nowhere.git"), base: "main", dir: fresh("work") }),
      (message, remote) => {
        assert.ok(message.includes(remote) && message.includes('"main"'), message);
      },
    ],
    [
      "cloning into a folder that is not empty is a user error, not a missing branch",
      async () => {
        const remote = makeRemote({ "a.txt": "a\n" });
        const dir = fresh("work");
        await GitWorkspace.clone({ remote, base: "main", dir, logger: new MemoryLogger() });
        return { remote, base: "main", dir };
      },
      (message) => {
        assert.doesNotMatch(message, /does not exist/);
        assert.match(message, /empty or missing folder/);
      },
    ],
  ];
  for (const [title, arrange, check] of refusals) {
    test(title, async () => {
      const { remote, base, dir } = await arrange();
      const error = await GitWorkspace.clone({ remote, base, dir, logger: new MemoryLogger() }).catch((e: unknown) => e);
      assert.ok(isUserError(error), String(error));
      check(error.message, remote);
    });
  }

  test("remoteBranchSha, fetchRef and changedFiles see branches and pull request refs", async () => {
    const remote = makeRemote({ "a.txt": "a\n", "b.txt": "b\n" });
    const workspace = await clone(remote);
    const base = await workspace.baseSha();
    assert.equal(await workspace.remoteBranchSha("feature"), undefined);
    const feature = pushCommit(remote, "feature", { "b.txt": "B\n", "c/d.txt": "d\n" }, "feature");
    assert.equal(await workspace.remoteBranchSha("feature"), feature);
    assert.equal(await workspace.fetchRef("feature"), feature);
    assert.deepEqual((await workspace.changedFiles(base, feature)).sort(), ["b.txt", "c/d.txt"]);
    git(remote, ["update-ref", "refs/pull/7/head", feature]);
    assert.equal(await workspace.fetchRef("refs/pull/7/head"), feature);
    assert.equal(await workspace.readFile("c/d.txt", feature), "d\n");
  });
});

describe("publishBranch", () => {
  const BRANCH = "modelship/production/adult-income";

  test("pushes exactly one commit on top of the base, by the bot identity", async () => {
    const remote = makeRemote({ "apps/adult/values.yaml": "image: v1\n", "other.txt": "x\n" });
    const workspace = await clone(remote);
    const base = await workspace.baseSha();
    const result = await publishBranch(workspace, {
      branch: BRANCH,
      message: "Promote adult-income to production\n\nmodel v2",
      edit: async (read) => new Map([["apps/adult/values.yaml", (await read("apps/adult/values.yaml"))!.replace("v1", "v2")]]),
      logger: new MemoryLogger(),
    });
    assert.equal(result.status, "pushed");
    assert.equal(result.attempts, 1);
    assert.equal(result.baseSha, base);
    assert.equal(refSha(remote, BRANCH), result.sha);
    assert.equal(git(remote, ["rev-list", "--count", `main..${BRANCH}`]), "1");
    assert.equal(git(remote, ["rev-parse", `${BRANCH}^`]), base);
    assert.equal(git(remote, ["show", `${BRANCH}:apps/adult/values.yaml`]), "image: v2");
    assert.equal(
      git(remote, ["log", "-1", "--format=%an <%ae>|%cn <%ce>|%s|%b", BRANCH]),
      "modelship[bot] <modelship@users.noreply.github.com>|modelship[bot] <modelship@users.noreply.github.com>|Promote adult-income to production|model v2",
    );
    assert.deepEqual(git(remote, ["diff", "--name-only", "main", BRANCH]).split("\n"), ["apps/adult/values.yaml"]);
    assert.equal(await workspace.readFile("apps/adult/values.yaml"), "image: v1\n", "the working tree is untouched");
  });

  test("a re-run with the same edit leaves the branch alone", async () => {
    const remote = makeRemote({ "v.yaml": "1\n" });
    const workspace = await clone(remote);
    const options = { branch: BRANCH, message: "Promote", edit: setFile("v.yaml", "2\n"), logger: new MemoryLogger() };
    const first = await publishBranch(workspace, options);
    assert.equal(first.status, "pushed");
    const again = await publishBranch(await clone(remote), options);
    assert.equal(again.status, "unchanged-branch");
    assert.equal(again.sha, first.sha);
    assert.equal(refSha(remote, BRANCH), first.sha);
    const newMessage = await publishBranch(workspace, { ...options, message: "Promote v2" });
    assert.equal(newMessage.status, "pushed", "a different message is a different commit");
  });

  test("an edit that changes nothing pushes no branch", async () => {
    const remote = makeRemote({ "v.yaml": "1\n" });
    const workspace = await clone(remote);
    const result = await publishBranch(workspace, {
      branch: BRANCH,
      message: "Promote",
      edit: setFile("v.yaml", "1\n"),
      logger: new MemoryLogger(),
    });
    assert.equal(result.status, "no-change");
    assert.equal(result.sha, undefined);
    assert.equal(refSha(remote, BRANCH), undefined);
    assert.equal(await workspace.remoteBranchSha(BRANCH), undefined);
  });

  test("when the base moved, the branch is rebuilt on the new base and keeps the other change", async () => {
    const remote = makeRemote({ "v.yaml": "1\n", "other.txt": "old\n" });
    const workspace = await clone(remote);
    const options = { branch: BRANCH, message: "Promote", edit: setFile("v.yaml", "2\n"), logger: new MemoryLogger() };
    const first = await publishBranch(workspace, options);
    const moved = pushCommit(remote, "main", { "other.txt": "new\n" }, "someone else's change");
    const second = await publishBranch(workspace, options);
    assert.equal(second.status, "pushed");
    assert.notEqual(second.sha, first.sha);
    assert.equal(second.baseSha, moved);
    assert.equal(git(remote, ["rev-parse", `${BRANCH}^`]), moved);
    assert.equal(git(remote, ["show", `${BRANCH}:other.txt`]), "new");
    assert.equal(git(remote, ["show", `${BRANCH}:v.yaml`]), "2");
  });

  test("a push by someone else between our look and our push fails the lease, and the retry wins", async () => {
    const remote = makeRemote({ "v.yaml": "1\n" });
    const workspace = await clone(remote);
    const logger = new MemoryLogger();
    let calls = 0;
    let intruder = "";
    const result = await publishBranch(workspace, {
      branch: BRANCH,
      message: "Promote",
      logger,
      edit: () => {
        if (++calls === 1) intruder = pushCommit(remote, BRANCH, { "intruder.txt": "x\n" }, "intruder");
        return Promise.resolve(new Map([["v.yaml", "2\n"]]));
      },
    });
    assert.equal(calls, 2);
    assert.equal(result.status, "pushed");
    assert.equal(result.attempts, 2);
    assert.notEqual(refSha(remote, BRANCH), intruder);
    assert.equal(refSha(remote, BRANCH), result.sha);
    assert.equal(git(remote, ["show", `${BRANCH}:v.yaml`]), "2");
    assert.equal(git(remote, ["rev-parse", `${BRANCH}^`]), refSha(remote, "main"));
    assert.ok(logger.entries.some((entry) => entry.message.includes("changed on the remote")));
  });

  test("a branch that keeps changing gives up after maxAttempts with a user error", async () => {
    const remote = makeRemote({ "v.yaml": "1\n" });
    const workspace = await clone(remote);
    let calls = 0;
    const error = await publishBranch(workspace, {
      branch: BRANCH,
      message: "Promote",
      maxAttempts: 2,
      logger: new MemoryLogger(),
      edit: () => {
        pushCommit(remote, BRANCH, { "intruder.txt": `${++calls}\n` }, "intruder");
        return Promise.resolve(new Map([["v.yaml", "2\n"]]));
      },
    }).catch((e: unknown) => e);
    assert.ok(isUserError(error), String(error));
    assert.match(error.message, /kept changing/);
    assert.equal(calls, 2);
  });

  test("models published at once from one workspace each get their own branch, also when re-published", async () => {
    const models = ["a", "b", "c", "d"];
    const remote = makeRemote(Object.fromEntries(models.map((model) => [`${model}/values.yaml`, `${model}1\n`])));
    const workspace = await clone(remote);
    const logger = new MemoryLogger();
    const publishAll = (message: string) =>
      Promise.all(
        models.map((model) =>
          publishBranch(workspace, {
            branch: `modelship/production/${model}`,
            message: `${message} ${model}`,
            edit: setFile(`${model}/values.yaml`, `${model}2\n`),
            logger,
          }),
        ),
      );
    // The second round finds every branch on the remote, so their tips are fetched side by side too.
    for (const message of ["Promote", "Promote again"]) {
      const results = await publishAll(message);
      for (const [index, model] of models.entries()) {
        const branch = `modelship/production/${model}`;
        assert.equal(results[index]!.status, "pushed", `${message} ${model}`);
        assert.equal(refSha(remote, branch), results[index]!.sha);
        assert.deepEqual(git(remote, ["diff", "--name-only", "main", branch]).split("\n"), [`${model}/values.yaml`]);
      }
    }
  });

  test("a push the remote refuses is a user error with git's words and no token", async () => {
    const remote = makeRemote({ "v.yaml": "1\n" });
    const hook = join(remote, "hooks", "pre-receive");
    await writeFile(hook, `#!/bin/sh\necho "protected branch: push declined for ${TOKEN}" >&2\nexit 1\n`);
    await chmod(hook, 0o755);
    const logger = new MemoryLogger();
    const workspace = await clone(remote, { token: TOKEN, logger });
    let calls = 0;
    const error = await publishBranch(workspace, {
      branch: BRANCH,
      message: "Promote",
      logger,
      edit: () => {
        calls++;
        return Promise.resolve(new Map([["v.yaml", "2\n"]]));
      },
    }).catch((e: unknown) => e);
    assert.ok(isUserError(error), String(error));
    assert.match(error.message, /protected branch: push declined for \*\*\*/);
    assert.equal(calls, 1, "not retried");
    assert.equal(refSha(remote, BRANCH), undefined);
  });
});

describe("the token", () => {
  test("never appears in an error message or a logged line", async () => {
    const logger = new MemoryLogger();
    const remote = join(root, `missing-${TOKEN}.git`);
    const error = await GitWorkspace.clone({ remote, base: "main", dir: fresh("work"), token: TOKEN, logger }).catch((e: unknown) => e);
    assert.ok(isUserError(error), String(error));
    assert.ok(error.message.includes("missing-***.git"), error.message);
    const base64 = Buffer.from(`x-access-token:${TOKEN}`).toString("base64");
    for (const text of [error.message, ...logger.entries.map((entry) => entry.message)]) {
      assert.ok(!text.includes(TOKEN) && !text.includes(base64), text);
    }
    assert.ok(
      logger.entries.some((entry) => entry.level === "debug" && entry.message.startsWith("git ") && entry.message.includes("clone")),
    );
  });

  test("is sent as a basic-auth header, not in the URL", async () => {
    const seen: { url: string | undefined; headers: IncomingHttpHeaders }[] = [];
    const server = createServer((request, response) => {
      seen.push({ url: request.url, headers: request.headers });
      response.writeHead(404).end();
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    try {
      const address = server.address();
      assert.ok(address && typeof address === "object");
      const logger = new MemoryLogger();
      const remote = `http://127.0.0.1:${address.port}/org/gitops.git`;
      const error = await GitWorkspace.clone({ remote, base: "main", dir: fresh("work"), token: TOKEN, logger }).catch((e: unknown) => e);
      assert.ok(isUserError(error), String(error));
      assert.ok(seen.length > 0);
      const expected = `Basic ${Buffer.from(`x-access-token:${TOKEN}`).toString("base64")}`;
      assert.ok(seen.every((request) => request.headers.authorization === expected && !request.url?.includes(TOKEN)));
      assert.ok(!error.message.includes(TOKEN));
    } finally {
      server.close();
    }
  });
});

describe("lastChange", () => {
  test("finds the commit that last touched a file even beyond the clone depth", async () => {
    const remote = fresh("remote.git");
    git(root, ["init", "--quiet", "--bare", "--initial-branch=main", remote]);
    const at = (day: number) => ({ GIT_COMMITTER_DATE: `2024-01-0${day}T12:00:00Z`, GIT_AUTHOR_DATE: `2024-01-0${day}T12:00:00Z` });
    const first = pushCommit(remote, "main", { "model.yaml": "v1\n", "log.txt": "1\n" }, "add model", at(1));
    for (let day = 2; day <= 5; day++) pushCommit(remote, "main", { "log.txt": `${day}\n` }, `log ${day}`, at(day));
    const workspace = await clone(remote, { depth: 2 });
    assert.ok(existsSync(join(workspace.dir, ".git", "shallow")), "the clone is shallow");
    assert.equal(git(workspace.dir, ["rev-list", "--count", "HEAD"]), "2");

    const change = await workspace.lastChange("model.yaml");
    assert.deepEqual(change, { sha: first, time: new Date("2024-01-01T12:00:00Z"), subject: "add model" });
    const log = await workspace.lastChange("log.txt");
    assert.equal(log?.subject, "log 5");
    assert.equal(log?.time.toISOString(), "2024-01-05T12:00:00.000Z");
    assert.equal(await workspace.lastChange("never.yaml"), undefined);
  });
});
