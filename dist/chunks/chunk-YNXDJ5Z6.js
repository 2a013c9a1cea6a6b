import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  DEFAULT_MAX_MODELCAR_BYTES,
  OciClient,
  parseOciReference
} from "./chunk-GBAVK5Q7.js";
import {
  networkPolicy
} from "./chunk-RCYMTRN5.js";
import {
  UserError
} from "./chunk-SU4BFKON.js";

// src/stages/oci-settings.ts
import { access } from "node:fs/promises";
var OCI_USERNAME_ENV = "MODELSHIP_OCI_USERNAME";
var OCI_PASSWORD_ENV = "MODELSHIP_OCI_PASSWORD";
var OCI_REGISTRY_ENV = "MODELSHIP_OCI_REGISTRY";
var OCI_SETTING = "--oci (MODELSHIP_OCI, the oci input, or release.oci.repository in modelship.yaml)";
var BUSYBOX_PATHS = ["/bin/busybox", "/usr/bin/busybox"];
function resolveOciSettings(explicit, loaded) {
  const configured = loaded.config?.release?.oci;
  const text = explicit !== void 0 && explicit !== "" ? explicit : configured?.repository;
  if (text === void 0) return void 0;
  const setting = explicit !== void 0 && explicit !== "" ? OCI_SETTING : `release.oci.repository in ${loaded.file ?? "modelship.yaml"}`;
  const reference = parseOciReference(text.startsWith("oci://") ? text : `oci://${text}`, setting);
  if (reference.tag !== void 0 || reference.digest !== void 0)
    throw new UserError(`${setting}: "${text}" names a tag or digest; it is the repository prefix the model images go under`, {
      hint: "write REGISTRY/PATH, e.g. ghcr.io/octo/models: each model is pushed as ghcr.io/octo/models/MODEL:VERSION"
    });
  const busybox = configured?.busybox === void 0 ? void 0 : loaded.resolvePath(configured.busybox);
  return { prefix: { registry: reference.registry, repository: reference.repository }, ...busybox === void 0 ? {} : { busybox } };
}
async function findBusybox(settings) {
  if (settings.busybox !== void 0) return settings.busybox;
  for (const path of BUSYBOX_PATHS) {
    try {
      await access(path);
      return path;
    } catch {
    }
  }
  throw new UserError(
    "pushing a modelcar image needs a statically linked busybox, and none was found at /bin/busybox or /usr/bin/busybox",
    {
      hint: "install it (apt-get install busybox-static), or set release.oci.busybox in modelship.yaml to a static busybox binary"
    }
  );
}
function ociCredentials(run, registry, allowed = []) {
  const username = run.env[OCI_USERNAME_ENV];
  const password = run.env[OCI_PASSWORD_ENV];
  const named = (run.env[OCI_REGISTRY_ENV] ?? "").split(",").map((host) => host.trim().toLowerCase());
  const forThisHost = allowed.includes(registry) || named.includes(registry);
  if (password !== void 0 && password !== "" && forThisHost)
    return { username: username === void 0 || username === "" ? "modelship" : username, password };
  if (registry === "ghcr.io" && run.token !== void 0 && run.token !== "")
    return { username: run.env.GITHUB_ACTOR ?? "modelship", password: run.token };
  return void 0;
}
function openOciClient(run, reference, loaded, options = {}) {
  const configured = loaded === void 0 ? void 0 : resolveOciSettings(void 0, loaded)?.prefix.registry;
  const allowed = [...configured === void 0 ? [] : [configured], ...options.trusted === true ? [reference.registry] : []];
  const credentials = ociCredentials(run, reference.registry, allowed);
  return new OciClient(reference, {
    policy: networkPolicy(run, loaded),
    // A registry that sends more than the largest blob a modelcar may have is cut off, not read to the end.
    maxBlobBytes: DEFAULT_MAX_MODELCAR_BYTES,
    ...credentials === void 0 ? {} : { credentials }
  });
}

export {
  resolveOciSettings,
  findBusybox,
  openOciClient
};
