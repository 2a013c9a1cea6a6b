/**
 * The bad-input corpus, GitOps and drift: promote, canary, verify-promotion and drift, as commands
 * and as actions (see test/support/bad-input.ts for what every case promises). The actions talk to
 * the GitHub fake, never to GitHub; URL cases that need a server get a loopback one.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after } from "node:test";
import { describeCorpus, type BadInputCase } from "../../support/bad-input.ts";
import { FakeGitHub } from "../../support/github/server.ts";
import { GITHUB_PLACEHOLDER, GITOPS_CASES, SERVER_PLACEHOLDER } from "./gitops-cases.ts";

const github = await FakeGitHub.start();
github.addRepo("octo-org/octo-repo");
github.addToken("ghs_defaultWorkflowToken0000000000000", "write");

// `/data`: CSV without a content type (no extension either); anything else: 404.
const server = createServer((request, response) => {
  if (request.url === "/data") response.end("age,hours,sex,label\n30,40,F,no\n");
  else response.writeHead(404).end("not found");
});
await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
const serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

after(async () => {
  server.closeAllConnections();
  await new Promise<void>((done) => {
    server.close(() => {
      done();
    });
  });
  github.assertNoSpecViolations();
  await github.close();
});

const fill = (text: string) => text.replaceAll(GITHUB_PLACEHOLDER, github.url).replaceAll(SERVER_PLACEHOLDER, serverUrl);
const fillAll = (values: Record<string, string> | undefined) =>
  values === undefined ? undefined : Object.fromEntries(Object.entries(values).map(([name, value]) => [name, fill(value)]));

const cases: BadInputCase[] = GITOPS_CASES.map((item) => ({
  ...item,
  ...(item.cli === undefined ? {} : { cli: item.cli.map(fill) }),
  ...(item.action === undefined ? {} : { action: { ...item.action, inputs: fillAll(item.action.inputs) ?? {} } }),
  ...(item.env === undefined ? {} : { env: fillAll(item.env) }),
}));

describeCorpus("bad input: GitOps (promote, canary, verify-promotion) and drift", cases);
