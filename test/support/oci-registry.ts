/**
 * A real OCI registry for tests: Debian's `docker-registry` (the CNCF distribution registry, 2.8) on
 * a free loopback port, with TLS from a test CA and Bearer token auth from a small token issuer on
 * loopback written here — the challenge GHCR and ECR use. The certificates come from the `openssl`
 * command line (a CA, a server certificate for 127.0.0.1 signed by it, and a self-signed token signer
 * the registry trusts as its `rootcertbundle`). The issuer checks Basic credentials and answers a JWT
 * (ES256, the signer's certificate in `x5c`) granting the actions asked for in `scope`.
 *
 * Storage is a temp folder; `stop()` kills the registry, closes the issuer and removes the folder.
 * The registry logs each request as JSON on stderr: `requests()` reads them back, so a test can count
 * uploads without trusting the client under test.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes, sign, X509Certificate, createPrivateKey } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const DOCKER_REGISTRY = "/usr/bin/docker-registry";

/**
 * The `skip` option for a suite that needs the registry: false when it is there, and in CI (where a
 * missing registry must fail the run, not hide it); else the reason it is skipped.
 */
export function ociRegistrySkip(what: string): string | false {
  if (existsSync(DOCKER_REGISTRY) || process.env.CI === "true") return false;
  return `${DOCKER_REGISTRY} is not installed (apt-get install docker-registry) — skipping ${what}`;
}

/** One request as the registry logged it. */
export interface LoggedRequest {
  method: string;
  uri: string;
  status: number;
}

export interface TestRegistry {
  /** `127.0.0.1:PORT`, as an oci:// reference names it. */
  registry: string;
  /** The token issuer's `host:port`, which the allowlist must name too. */
  issuer: string;
  /** The CA certificate (PEM) both servers' certificates chain to, and the file that holds it (for NODE_EXTRA_CA_CERTS). */
  ca: string;
  caFile: string;
  username: string;
  password: string;
  /** A second user the issuer grants only `pull`. */
  reader: { username: string; password: string };
  /** The server key and certificate (for 127.0.0.1, signed by `ca`), for fake servers beside the registry. */
  tls: { key: string; cert: string };
  /** The registry's filesystem storage root (`docker/registry/v2/…` under it). */
  storage: string;
  /** The requests the registry answered so far, oldest first. */
  requests(): LoggedRequest[];
  /** The scopes the issuer granted tokens for, oldest first. */
  tokenScopes(): string[];
  stop(): Promise<void>;
}

function openssl(cwd: string, ...args: string[]): void {
  execFileSync("openssl", args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
}

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString("base64url");
}

/** Starts the registry and its token issuer; `stop()` undoes everything. */
export async function startTestRegistry(options: { username?: string; password?: string } = {}): Promise<TestRegistry> {
  const root = await mkdtemp(join(tmpdir(), "modelship-oci-registry-"));
  const username = options.username ?? "model-pusher";
  const password = options.password ?? randomBytes(12).toString("hex");
  let child: ChildProcess | undefined;
  let issuerServer: Server | undefined;
  const stop = async (): Promise<void> => {
    if (child !== undefined && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child!.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    if (issuerServer !== undefined) await new Promise((resolve) => issuerServer!.close(resolve));
    await rm(root, { recursive: true, force: true });
  };
  try {
    // The CA, the server certificate for 127.0.0.1 (both servers), the token signer.
    const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
    openssl(root, "req", "-x509", ...ec, "-days", "2", "-subj", "/CN=modelship test CA", "-keyout", "ca-key.pem", "-out", "ca.pem");
    openssl(root, "req", "-new", ...ec, "-subj", "/CN=127.0.0.1", "-keyout", "server-key.pem", "-out", "server.csr");
    await writeFile(
      join(root, "server.ext"),
      "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n",
    );
    openssl(
      root,
      "x509",
      "-req",
      "-in",
      "server.csr",
      "-CA",
      "ca.pem",
      "-CAkey",
      "ca-key.pem",
      "-set_serial",
      "2",
      "-days",
      "2",
      "-extfile",
      "server.ext",
      "-out",
      "server.pem",
    );
    openssl(
      root,
      "req",
      "-x509",
      ...ec,
      "-days",
      "2",
      "-subj",
      "/CN=modelship test token signer",
      "-keyout",
      "signer-key.pem",
      "-out",
      "signer.pem",
    );
    const ca = await readFile(join(root, "ca.pem"), "utf8");
    const serverKey = await readFile(join(root, "server-key.pem"), "utf8");
    const serverCert = await readFile(join(root, "server.pem"), "utf8");
    const signerKey = createPrivateKey(await readFile(join(root, "signer-key.pem"), "utf8"));
    const signerDer = new X509Certificate(await readFile(join(root, "signer.pem"), "utf8")).raw;

    // The token issuer: Basic credentials in, a JWT granting the requested scope out.
    const service = "modelship-test-registry";
    const issuerName = "modelship-test-issuer";
    const scopes: string[] = [];
    const reader = { username: "model-reader", password: randomBytes(12).toString("hex") };
    const basic = (user: string, secret: string): string => `Basic ${Buffer.from(`${user}:${secret}`).toString("base64")}`;
    const users = new Map([
      [basic(username, password), { name: username, may: ["pull", "push"] }],
      [basic(reader.username, reader.password), { name: reader.username, may: ["pull"] }],
    ]);
    issuerServer = createServer({ key: serverKey, cert: serverCert }, (request, response) => {
      const url = new URL(request.url ?? "/", "https://127.0.0.1");
      const user = users.get(request.headers.authorization ?? "");
      if (url.pathname !== "/token" || user === undefined || url.searchParams.get("service") !== service) {
        response.writeHead(401, { "Content-Type": "application/json" }).end(JSON.stringify({ details: "wrong credentials or service" }));
        return;
      }
      const access = url.searchParams.getAll("scope").flatMap((scope) => {
        scopes.push(scope);
        const [type, name, actions] = [
          scope.slice(0, scope.indexOf(":")),
          scope.slice(scope.indexOf(":") + 1, scope.lastIndexOf(":")),
          scope.slice(scope.lastIndexOf(":") + 1),
        ];
        return type === "repository" ? [{ type, name, actions: actions.split(",").filter((action) => user.may.includes(action)) }] : [];
      });
      const now = Math.floor(Date.now() / 1000);
      const header = base64url(JSON.stringify({ typ: "JWT", alg: "ES256", x5c: [signerDer.toString("base64")] }));
      const claims = base64url(
        JSON.stringify({
          iss: issuerName,
          sub: user.name,
          aud: service,
          exp: now + 300,
          nbf: now - 10,
          iat: now,
          jti: randomBytes(8).toString("hex"),
          access,
        }),
      );
      const signature = base64url(sign("sha256", Buffer.from(`${header}.${claims}`), { key: signerKey, dsaEncoding: "ieee-p1363" }));
      response
        .writeHead(200, { "Content-Type": "application/json" })
        .end(JSON.stringify({ token: `${header}.${claims}.${signature}`, expires_in: 300 }));
    });
    await new Promise<void>((resolve) => issuerServer!.listen(0, "127.0.0.1", resolve));
    const issuer = `127.0.0.1:${(issuerServer.address() as AddressInfo).port}`;

    const storage = join(root, "storage");
    await writeFile(
      join(root, "config.yml"),
      [
        "version: 0.1",
        "log:",
        "  level: info",
        "  formatter: json",
        "storage:",
        "  filesystem:",
        `    rootdirectory: ${storage}`,
        "  maintenance:",
        "    uploadpurging:",
        "      enabled: false",
        "http:",
        "  addr: 127.0.0.1:0",
        `  secret: ${randomBytes(16).toString("hex")}`,
        "  tls:",
        `    certificate: ${join(root, "server.pem")}`,
        `    key: ${join(root, "server-key.pem")}`,
        "auth:",
        "  token:",
        `    realm: https://${issuer}/token`,
        `    service: ${service}`,
        `    issuer: ${issuerName}`,
        `    rootcertbundle: ${join(root, "signer.pem")}`,
        "",
      ].join("\n"),
    );
    const logged: LoggedRequest[] = [];
    const log: string[] = [];
    child = spawn(DOCKER_REGISTRY, ["serve", join(root, "config.yml")], { stdio: ["ignore", "ignore", "pipe"] });
    const registry = await new Promise<string>((resolve, reject) => {
      let pending = "";
      const timer = setTimeout(() => {
        reject(new Error(`docker-registry did not start in 20 s:\n${log.join("\n")}`));
      }, 20_000);
      child!.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`docker-registry exited (${code}):\n${log.join("\n")}`));
      });
      child!.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
        pending += chunk;
        const lines = pending.split("\n");
        pending = lines.pop() ?? "";
        for (const line of lines) {
          log.push(line);
          let entry: Record<string, unknown>;
          try {
            entry = JSON.parse(line) as Record<string, unknown>;
          } catch {
            continue;
          }
          const listening = /^listening on (127\.0\.0\.1:\d+)/.exec(typeof entry.msg === "string" ? entry.msg : "");
          if (listening !== null) {
            clearTimeout(timer);
            resolve(listening[1]!);
          }
          if (entry.msg === "response completed" && typeof entry["http.request.method"] === "string")
            logged.push({
              method: entry["http.request.method"],
              uri: String(entry["http.request.uri"]),
              status: Number(entry["http.response.status"]),
            });
        }
      });
    });
    return {
      registry,
      issuer,
      ca,
      caFile: join(root, "ca.pem"),
      username,
      password,
      reader,
      tls: { key: serverKey, cert: serverCert },
      storage,
      requests: () => [...logged],
      tokenScopes: () => [...scopes],
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
