import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  DEFAULT_TAG_FORMAT,
  checkModelName,
  compareVersions,
  normalizeVersion,
  parseVersion,
  tagFor,
  versionFromTag
} from "./chunk-TQQPERQT.js";
import {
  byCodeUnit
} from "./chunk-4LQGMG53.js";
import {
  NO_INTERNAL,
  guardedGetFollowing,
  redactUrl,
  redirectRefusal
} from "./chunk-4S56GKNV.js";
import {
  allowEntryFor
} from "./chunk-ZX6A6IWO.js";
import {
  assertValid,
  assertWritable,
  parseYamlSource,
  upgradeBySchema
} from "./chunk-RGJ5T3QL.js";
import {
  createGitHubClient,
  httpStatus
} from "./chunk-LTT6RTNS.js";
import {
  retryBaseFromEnv
} from "./chunk-7W4PFK2E.js";
import {
  sha256File,
  sha256Of
} from "./chunk-R4CRXXNC.js";
import {
  parseRepository
} from "./chunk-GJTNEUV4.js";
import {
  UserError,
  errnoCode,
  getErrorMessage,
  isUserError
} from "./chunk-SU4BFKON.js";

// schemas/model-manifest.schema.json
var model_manifest_schema_default = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://modelship.dev/schemas/model-manifest.schema.json",
  title: "modelship model manifest",
  description: "manifest.json of a released model version: every file with its sha256 and size, the model's format and signature, its metrics and gate verdict, and its lineage. Stored with the files (a GitHub Release or a local registry folder); `modelship fetch` verifies every file against it and SHA256SUMS before anything uses them.",
  type: "object",
  additionalProperties: false,
  required: ["schema", "name", "version", "tag", "created", "tool", "format", "files", "metrics", "gate", "lineage", "digest"],
  properties: {
    schema: {
      description: "Format identifier and version.",
      const: "modelship/model-manifest@1"
    },
    name: {
      description: "The model's name.",
      type: "string",
      pattern: "^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$"
    },
    version: {
      description: "Semantic version, without a leading v.",
      type: "string",
      pattern: "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?$"
    },
    tag: {
      description: "The release tag (default format {model}/v{version}).",
      type: "string",
      minLength: 1
    },
    created: {
      description: "When the package was made, RFC 3339.",
      type: "string",
      format: "date-time"
    },
    tool: {
      description: "The program that made it.",
      type: "object",
      additionalProperties: false,
      properties: {
        name: {
          description: "Always modelship.",
          const: "modelship"
        },
        version: {
          description: "modelship's version.",
          type: "string"
        }
      },
      required: ["name", "version"]
    },
    format: {
      description: "Model format.",
      const: "onnx"
    },
    files: {
      description: "Every file of the package but manifest.json and SHA256SUMS.",
      type: "array",
      minItems: 1,
      items: {
        description: "A file.",
        type: "object",
        additionalProperties: false,
        properties: {
          name: {
            description: "File name in the package (flat: no folders).",
            type: "string",
            pattern: "^[^/\\\\]+$"
          },
          sha256: {
            description: "sha256 (hex).",
            type: "string",
            pattern: "^[0-9a-f]{64}$"
          },
          bytes: {
            description: "Size in bytes.",
            type: "integer",
            minimum: 0
          },
          role: {
            description: "What the file is for.",
            enum: ["model", "triton-model-repository", "gate-report", "reference-profile", "run-record", "model-card", "metrics", "other"]
          }
        },
        required: ["name", "sha256", "bytes", "role"]
      }
    },
    signature: {
      description: "The model's inputs and outputs, as onnxruntime reads them.",
      type: "object",
      additionalProperties: false,
      properties: {
        inputs: {
          description: "Inputs.",
          type: "array",
          items: {
            description: "A tensor of the model's signature.",
            type: "object",
            additionalProperties: false,
            required: ["name", "type"],
            properties: {
              name: {
                description: "Input or output name.",
                type: "string"
              },
              type: {
                description: "Element type, or non-tensor.",
                type: "string"
              },
              shape: {
                description: "Dimensions; a string is symbolic.",
                type: "array",
                items: {
                  description: "One dimension.",
                  type: ["integer", "string"]
                }
              }
            }
          }
        },
        outputs: {
          description: "Outputs.",
          type: "array",
          items: {
            description: "A tensor of the model's signature.",
            type: "object",
            additionalProperties: false,
            required: ["name", "type"],
            properties: {
              name: {
                description: "Input or output name.",
                type: "string"
              },
              type: {
                description: "Element type, or non-tensor.",
                type: "string"
              },
              shape: {
                description: "Dimensions; a string is symbolic.",
                type: "array",
                items: {
                  description: "One dimension.",
                  type: ["integer", "string"]
                }
              }
            }
          }
        }
      },
      required: ["inputs", "outputs"]
    },
    serving: {
      description: "Which file of the package each kind of serving runtime loads (absent in releases made before modelship published a Triton model repository: there model.onnx is the only one).",
      type: "array",
      items: {
        description: "How one kind of runtime loads the model: its file, or why there is none (unavailable).",
        type: "object",
        additionalProperties: false,
        properties: {
          layout: {
            description: "onnx-file: the ONNX file itself (Seldon Core v2's Triton server, a server that reads one .onnx file); triton-model-repository: a .tar.gz of a Triton model repository (<model>/config.pbtxt, <model>/1/model.onnx) that KServe's storage initializer unpacks into /mnt/models for kserve-tritonserver.",
            enum: ["onnx-file", "triton-model-repository"]
          },
          file: {
            description: "The package file that holds it (absent when unavailable).",
            type: "string",
            pattern: "^[^/\\\\]+$"
          },
          runtimes: {
            description: "The runtimes known to load it, as <platform>:<runtime> (e.g. kserve:kserve-tritonserver, seldon-v2:triton).",
            type: "array",
            items: {
              description: "A runtime.",
              type: "string",
              minLength: 1
            }
          },
          tritonModel: {
            description: "triton-model-repository: the model's folder in the repository, its name on the server (/v2/models/<name>).",
            type: "string",
            pattern: "^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$"
          },
          unavailable: {
            description: "Why the release has no file of this layout (e.g. an output Triton cannot serve).",
            type: "string",
            minLength: 1
          }
        },
        required: ["layout", "runtimes"]
      }
    },
    metrics: {
      description: "Headline metrics from the gate report.",
      type: "object",
      additionalProperties: {
        description: "A metric.",
        type: "object",
        additionalProperties: false,
        properties: {
          value: {
            description: "Its value, null when undefined.",
            type: ["number", "null"]
          },
          ci: {
            description: "95% bootstrap confidence interval [low, high].",
            type: "array",
            minItems: 2,
            maxItems: 2,
            items: {
              description: "A bound.",
              type: "number"
            }
          }
        },
        required: ["value"]
      }
    },
    operational: {
      description: "What the model costs to serve, as evaluate measured it in onnxruntime on its runner (the challenger's figures of the gate report's operational section, for these model bytes). Absent in releases made without that measurement. Figures from the runner, not from the serving runtime: promotion derives only a floor from them (promote.environments.<name>.resources.memory_floor).",
      type: "object",
      additionalProperties: false,
      required: ["environment", "bytes", "sizeMb", "parameters", "loadMs", "peakMemoryMb", "latency"],
      properties: {
        environment: {
          description: "The runner the figures were measured on.",
          type: "object",
          additionalProperties: false,
          required: ["cpu", "logicalCpus", "threads", "onnxruntime", "platform"],
          properties: {
            cpu: {
              description: "The CPU model as the runner's OS names it.",
              type: "string"
            },
            logicalCpus: {
              description: "Logical CPUs the runner showed.",
              type: "integer",
              minimum: 0
            },
            threads: {
              description: "onnxruntime's intra-op threads, or default (onnxruntime chose).",
              anyOf: [
                {
                  type: "integer",
                  minimum: 1
                },
                {
                  const: "default"
                }
              ]
            },
            onnxruntime: {
              description: "onnxruntime's version.",
              type: "string"
            },
            platform: {
              description: "The runner's OS and architecture, e.g. linux-x64.",
              type: "string"
            }
          }
        },
        bytes: {
          description: "The model file and its external data, in bytes.",
          type: "integer",
          minimum: 0
        },
        sizeMb: {
          description: "The same in MB (10^6 bytes).",
          type: "number",
          minimum: 0
        },
        parameters: {
          description: "Elements of the graph's initializers (its weights); null when the graph could not be read.",
          type: ["integer", "null"],
          minimum: 0
        },
        loadMs: {
          description: "Milliseconds to create the inference session from the file (one measurement).",
          type: "number",
          minimum: 0
        },
        peakMemoryMb: {
          description: "Resident memory the inference session added at its peak, in MB (10^6 bytes).",
          type: "number",
          minimum: 0
        },
        latency: {
          description: "Latency per call and throughput, one entry per batch size measured.",
          type: "array",
          items: {
            description: "One batch size.",
            type: "object",
            additionalProperties: false,
            required: ["batch", "p50Ms", "p95Ms", "p99Ms", "throughputRowsPerS", "calls"],
            properties: {
              batch: {
                description: "Rows per call.",
                type: "integer",
                minimum: 1
              },
              p50Ms: {
                description: "Median milliseconds per call.",
                $ref: "#/$defs/measured"
              },
              p95Ms: {
                description: "95th percentile, milliseconds per call.",
                $ref: "#/$defs/measured"
              },
              p99Ms: {
                description: "99th percentile, milliseconds per call.",
                $ref: "#/$defs/measured"
              },
              throughputRowsPerS: {
                description: "Rows scored per second.",
                $ref: "#/$defs/measured"
              },
              calls: {
                description: "Timed calls in all (warm-up calls not counted).",
                type: "integer",
                minimum: 0
              }
            }
          }
        }
      }
    },
    gate: {
      description: "The gate verdict the release was made under.",
      type: "object",
      additionalProperties: false,
      properties: {
        verdict: {
          description: "pass, warn or fail from the gate report; missing when there was none.",
          enum: ["pass", "warn", "fail", "missing"]
        },
        reportSha256: {
          description: "sha256 (hex).",
          type: "string",
          pattern: "^[0-9a-f]{64}$"
        },
        modelMatches: {
          description: "The gate report was made for exactly these model bytes.",
          type: "boolean"
        },
        allowUngated: {
          description: "Released although the report is missing, failed or for other bytes (allow-ungated: true).",
          type: "boolean"
        },
        reason: {
          description: "Why the release needed allow-ungated.",
          type: "string"
        }
      },
      required: ["verdict", "modelMatches", "allowUngated"]
    },
    lineage: {
      description: "Where the model came from.",
      type: "object",
      additionalProperties: false,
      properties: {
        gitSha: {
          description: "The commit it was trained from.",
          type: "string"
        },
        runUrl: {
          description: "The workflow run that released it.",
          type: "string"
        },
        data: {
          description: "Data files it was trained and evaluated on, fingerprinted.",
          type: "array",
          items: {
            description: "A data file.",
            type: "object",
            additionalProperties: false,
            properties: {
              path: {
                description: "As given.",
                type: "string"
              },
              sha256: {
                description: "sha256 (hex).",
                type: "string",
                pattern: "^[0-9a-f]{64}$"
              },
              bytes: {
                description: "Size.",
                type: "integer",
                minimum: 0
              }
            },
            required: ["path", "sha256", "bytes"]
          }
        },
        trainConfigSha256: {
          description: "sha256 of the train config (built-in trainer).",
          type: "string",
          pattern: "^[0-9a-f]{64}$"
        },
        runRecordSha256: {
          description: "sha256 of run-record.json.",
          type: "string",
          pattern: "^[0-9a-f]{64}$"
        },
        previousVersion: {
          description: "The version the release notes compare with.",
          type: "string"
        }
      }
    },
    digest: {
      description: "The package digest: sha256 of SHA256SUMS (which lists every file but manifest.json).",
      type: "string",
      pattern: "^[0-9a-f]{64}$"
    }
  },
  $defs: {
    measured: {
      description: "A measured figure, with its interval over the measurement rounds where there was more than one.",
      type: "object",
      additionalProperties: false,
      required: ["value"],
      properties: {
        value: {
          description: "The figure; null when it could not be measured.",
          type: ["number", "null"]
        },
        ci: {
          description: "Its confidence interval [low, high].",
          type: "array",
          minItems: 2,
          maxItems: 2,
          items: {
            description: "A bound.",
            type: "number"
          }
        }
      }
    }
  }
};

// src/registry/manifest.ts
var MANIFEST_NAME = "manifest.json";
var SUMS_NAME = "SHA256SUMS";
var NOTES_NAME = "RELEASE-NOTES.md";
function shortDigest(sha256) {
  return sha256.slice(0, 12);
}
function formatSha256Sums(files) {
  return [...files].sort((a, b) => byCodeUnit(a.name, b.name)).map((file) => `${file.sha256}  ${file.name}
`).join("");
}
function parseSha256Sums(text, file) {
  const sums = /* @__PURE__ */ new Map();
  text.split("\n").forEach((line, index) => {
    if (line.trim() === "") return;
    const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!match)
      throw new UserError(`line is not "<sha256>  <name>": ${JSON.stringify(line.slice(0, 120))}`, {
        file,
        line: index + 1,
        hint: "the checksum file must be as `sha256sum` writes it; re-release the model"
      });
    if (sums.has(match[2])) throw new UserError(`"${match[2]}" is listed twice`, { file, line: index + 1, hint: "re-release the model" });
    sums.set(match[2], match[1]);
  });
  return sums;
}
function parseManifest(text, file) {
  let source;
  try {
    source = parseYamlSource(text, file);
  } catch (error) {
    const problem = isUserError(error) ? error.problem.split("\n")[0] : getErrorMessage(error).split("\n")[0];
    throw new UserError(`is not valid JSON: ${problem}`, {
      file,
      ...isUserError(error) ? { line: error.line, column: error.column } : {},
      hint: "the manifest is damaged; fetch the release again or re-release the model",
      cause: error
    });
  }
  const data = upgradeBySchema(model_manifest_schema_default, source.data, { file, what: "model manifest", source });
  try {
    return assertValid(model_manifest_schema_default, data, { file, what: "model manifest", source });
  } catch (error) {
    if (!isUserError(error)) throw error;
    throw new UserError(error.problem, {
      file: error.file,
      line: error.line,
      column: error.column,
      hint: "the manifest was damaged or tampered with, so do not use this release: fetch it again, or release the model again",
      cause: error
    });
  }
}
function formatManifest(manifest) {
  assertWritable(model_manifest_schema_default, manifest, "model manifest");
  return `${JSON.stringify(manifest, null, 2)}
`;
}
function servingFiles(manifest) {
  const files = {};
  if (manifest.serving === void 0) {
    const model = manifest.files.find((file) => file.role === "model");
    if (model !== void 0) files["onnx-file"] = model.name;
    return files;
  }
  for (const asset of manifest.serving)
    if (asset.file !== void 0 && manifest.files.some((file) => file.name === asset.file)) files[asset.layout] = asset.file;
  return files;
}
function servingUrisOf(manifest, urlOf) {
  return Object.fromEntries(Object.entries(servingFiles(manifest)).map(([layout, name]) => [layout, urlOf(name)]));
}

// src/registry/retirement.ts
import { randomBytes } from "node:crypto";
import { link, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
var MARKER = "<!-- modelship:retired ";
var MARKER_LINE = /^<!-- modelship:retired (\{.*\}) -->$/;
var MAX_REASON_LENGTH = 500;
function localMarkName(version) {
  return `${normalizeVersion(version)}.retired.json`;
}
function checkReason(reason) {
  if (reason === void 0) return void 0;
  const trimmed = reason.trim();
  if (trimmed === "") return void 0;
  if (/[\u0000-\u001f\u007f]/.test(trimmed))
    throw new UserError("the retirement reason has a line break or a control character", {
      hint: "give --reason one line of plain text"
    });
  if (trimmed.length > MAX_REASON_LENGTH)
    throw new UserError(`the retirement reason is ${trimmed.length} characters long; at most ${MAX_REASON_LENGTH} are kept`, {
      hint: "give --reason a sentence and link the details (an issue URL)"
    });
  return trimmed;
}
function newMark(model, version, options) {
  const reason = checkReason(options.reason);
  const by = options.by?.trim() === "" ? void 0 : options.by?.trim();
  return {
    model: checkModelName(model),
    version: normalizeVersion(version),
    retiredAt: (options.now ?? /* @__PURE__ */ new Date()).toISOString(),
    ...reason === void 0 ? {} : { reason },
    ...by === void 0 ? {} : { by }
  };
}
function markJson(mark) {
  const { model, version, retiredAt, reason, by } = mark;
  return JSON.stringify({ model, version, retiredAt, reason, by }).replace(
    /[<>&]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`
  );
}
function markFrom(value, model, version) {
  if (typeof value !== "object" || value === null) return void 0;
  const record = value;
  if (record.model !== model || record.version !== version) return void 0;
  if (typeof record.retiredAt !== "string" || Number.isNaN(Date.parse(record.retiredAt))) return void 0;
  const text = (key) => {
    const value2 = record[key];
    return typeof value2 === "string" && value2 !== "" ? value2 : void 0;
  };
  const reason = text("reason");
  const by = text("by");
  return { model, version, retiredAt: record.retiredAt, ...reason === void 0 ? {} : { reason }, ...by === void 0 ? {} : { by } };
}
function markInNotes(body, model, version) {
  const lines = (body ?? "").split(/\r?\n/).filter((line) => line.trim() !== "");
  const match = MARKER_LINE.exec(lines.at(-1)?.trim() ?? "");
  if (match === null) return void 0;
  try {
    return markFrom(JSON.parse(match[1]), model, normalizeVersion(version));
  } catch {
    return void 0;
  }
}
function notesWithMark(body, mark) {
  const visible = `> **Retired** on ${mark.retiredAt}${mark.by === void 0 ? "" : ` by ${mark.by}`}${mark.reason === void 0 ? "" : `: ${mark.reason.replace(/[<>]/g, "")}`}. modelship fetch, promote and verify-promotion refuse this version; promote a newer one.`;
  return `${(body ?? "").trimEnd()}

---

${visible}

${MARKER}${markJson(mark)} -->
`;
}
function neutralizeMarks(notes) {
  return notes.split("<!-- modelship:retired").join("<!-- modelship:retired (quoted)");
}
async function readLocalMark(modelDir, model, version) {
  const path = join(modelDir, localMarkName(version));
  let bytes;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if (errnoCode(error) === "ENOENT" || errnoCode(error) === "ENOTDIR") return void 0;
    throw error;
  }
  let value;
  try {
    value = JSON.parse(bytes.toString("utf8"));
  } catch {
    value = void 0;
  }
  const mark = markFrom(value, model, normalizeVersion(version));
  if (mark === void 0)
    throw new UserError(`is not a retirement mark for ${model}@${normalizeVersion(version)}`, {
      file: path,
      hint: `delete it and run modelship registry retire ${model}@${normalizeVersion(version)} again`
    });
  return mark;
}
async function readLocalMarks(modelDir, model) {
  let names;
  try {
    names = await readdir(modelDir);
  } catch (error) {
    if (errnoCode(error) === "ENOENT" || errnoCode(error) === "ENOTDIR") return [];
    throw error;
  }
  const marks = [];
  for (const name of names) {
    const version = name.endsWith(".retired.json") ? name.slice(0, -".retired.json".length) : void 0;
    if (version === void 0 || version.startsWith("v") || parseVersion(version) === void 0) continue;
    const mark = await readLocalMark(modelDir, model, version);
    if (mark !== void 0) marks.push(mark);
  }
  return marks.sort((a, b) => compareVersions(b.version, a.version));
}
async function writeLocalMark(modelDir, mark) {
  const path = join(modelDir, localMarkName(mark.version));
  const existing = await readLocalMark(modelDir, mark.model, mark.version);
  if (existing !== void 0) return { mark: existing, action: "unchanged" };
  await mkdir(modelDir, { recursive: true });
  const temp = join(modelDir, `.${localMarkName(mark.version)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    const { model, version, retiredAt, reason, by } = mark;
    await writeFile(temp, `${JSON.stringify({ model, version, retiredAt, reason, by }, null, 2)}
`);
    try {
      await link(temp, path);
    } catch (error) {
      if (errnoCode(error) !== "EEXIST") throw error;
      const there = await readLocalMark(modelDir, mark.model, mark.version);
      if (there !== void 0) return { mark: there, action: "unchanged" };
      throw error;
    }
  } finally {
    await rm(temp, { force: true });
  }
  return { mark, action: "created" };
}
function describeMark(mark) {
  return `on ${mark.retiredAt}${mark.by === void 0 ? "" : ` by ${mark.by}`}${mark.reason === void 0 ? " (no reason given)" : `: ${mark.reason}`}`;
}
function retiredRefusal(mark, doing, where) {
  return new UserError(`cannot ${doing} ${mark.model}@${mark.version}: it was retired ${describeMark(mark)}`, {
    ...where,
    hint: `promote a newer version of ${mark.model} (list them with modelship registry list ${mark.model}); a retired version stays retired`
  });
}
function parseModelAtVersion(text, setting) {
  const at = text.lastIndexOf("@");
  if (at <= 0 || at === text.length - 1)
    throw new UserError(`"${text}" is not MODEL@VERSION`, {
      hint: `write ${setting} as the model's name, '@' and the version, e.g. adult-income@1.4.0`
    });
  return { model: checkModelName(text.slice(0, at), setting), version: normalizeVersion(text.slice(at + 1), setting) };
}

// src/registry/verified-fetch.ts
import { randomBytes as randomBytes2 } from "node:crypto";
import { chmod, copyFile, mkdir as mkdir2, mkdtemp, readdir as readdir2, readFile as readFile2, rename, rm as rm2, rmdir, stat } from "node:fs/promises";
import { basename, dirname, join as join2, resolve } from "node:path";
var UNLISTED_ALLOWED = /* @__PURE__ */ new Set([MANIFEST_NAME, SUMS_NAME, NOTES_NAME]);
var TAMPERED = "the release may have been tampered with or the download corrupted; do not use it";
var TAMPERED_HINT = "fetch it again; if it still fails, tell whoever released it and release a new version";
async function fetchModel(options) {
  const { store, logger } = options;
  const model = checkModelName(options.model);
  const dir = resolve(options.dir);
  const version = await resolveVersion(store, model, options.version);
  const published = options.published ?? await store.readManifest(model, version).then((manifest) => manifest && { manifest });
  if (!published) throw await unknownVersion(store, model, version);
  const { digest } = published.manifest;
  await checkReplaceable(dir);
  const created = await mkdir2(dirname(dir), { recursive: true });
  const label = `${model}@${version}`;
  let temp;
  try {
    temp = await makeTemp(dir);
  } catch (error) {
    if (created !== void 0) await removeEmptyFolders(dirname(dir), created);
    throw error;
  }
  let installed = false;
  try {
    let verified;
    let fromCache = false;
    const cached = options.cacheDir === void 0 ? void 0 : join2(resolve(options.cacheDir), digest);
    if (cached !== void 0 && await isDirectory(cached)) {
      verified = await useCached({ cached, temp, model, version, label, logger });
      if (verified) {
        fromCache = true;
      } else {
        await rm2(temp, { recursive: true, force: true });
        temp = await makeTemp(dir);
      }
    }
    const differs = verified === void 0 ? void 0 : difference(verified, published);
    if (differs !== void 0) {
      logger.warning(`The cached copy of ${label} in ${cached ?? ""} holds ${differs}; it is removed and downloaded again`);
      await rm2(cached, { recursive: true, force: true });
      await rm2(temp, { recursive: true, force: true });
      temp = await makeTemp(dir);
      verified = void 0;
      fromCache = false;
    }
    if (!verified) {
      logger.info(`Downloading ${label} from ${store.description}`);
      await store.download(model, version, temp);
      await rm2(join2(temp, NOTES_NAME), { force: true });
      verified = await verifyFolder(temp, { model, version }, label);
      const downloaded = difference(verified, published);
      if (downloaded !== void 0)
        throw new UserError(`${label}: the downloaded package holds ${downloaded}; ${TAMPERED}`, {
          file: `${label}/${MANIFEST_NAME}`,
          hint: TAMPERED_HINT
        });
      if (options.cacheDir !== void 0) await addToCache({ cacheDir: resolve(options.cacheDir), from: temp, digest, logger });
    }
    const { manifest, manifestSha256 } = verified;
    const modelFile = manifest.files.find((file) => file.role === "model");
    if (!modelFile)
      throw new UserError(`${label}: the manifest lists no file with role "model"`, {
        file: `${label}/${MANIFEST_NAME}`,
        hint: "release the version again with its model file"
      });
    await install(temp, dir);
    installed = true;
    logger.info(`Fetched ${label} (digest ${shortDigest(manifest.digest)}${fromCache ? ", from the cache" : ""}) into ${dir}`);
    return {
      path: dir,
      version,
      manifest,
      manifestPath: join2(dir, MANIFEST_NAME),
      manifestSha256,
      modelPath: join2(dir, modelFile.name),
      fromCache
    };
  } finally {
    await rm2(temp, { recursive: true, force: true });
    if (!installed && created !== void 0) await removeEmptyFolders(dirname(dir), created);
  }
}
async function installVerified(dir, fill) {
  const target = resolve(dir);
  await checkReplaceable(target);
  const created = await mkdir2(dirname(target), { recursive: true });
  let installed = false;
  let temp;
  try {
    temp = await makeTemp(target);
    const result = await fill(temp);
    await install(temp, target);
    installed = true;
    return result;
  } finally {
    if (temp !== void 0) await rm2(temp, { recursive: true, force: true });
    if (!installed && created !== void 0) await removeEmptyFolders(dirname(target), created);
  }
}
async function removeEmptyFolders(from, top) {
  for (let folder = from; ; folder = dirname(folder)) {
    try {
      await rmdir(folder);
    } catch {
      return;
    }
    if (folder === top || dirname(folder) === folder) return;
  }
}
function difference(verified, published) {
  if (verified.manifest.digest !== published.manifest.digest)
    return `digest ${shortDigest(verified.manifest.digest)}, not the registry's ${shortDigest(published.manifest.digest)}`;
  if (published.manifestSha256 !== void 0 && verified.manifestSha256 !== published.manifestSha256)
    return `a ${MANIFEST_NAME} of sha256 ${shortDigest(verified.manifestSha256)}, not the registry's ${shortDigest(published.manifestSha256)}`;
  return void 0;
}
async function verifyPackage(dir, expected) {
  return (await verifyFolder(dir, expected, dir)).manifest;
}
async function verifyFolder(dir, expected, label) {
  const where = (name) => `${label}/${name}`;
  const bad = (name, problem) => new UserError(`${problem}; ${TAMPERED}`, { file: where(name), hint: TAMPERED_HINT });
  const manifestText = await readIfExists(join2(dir, MANIFEST_NAME));
  if (manifestText === void 0) throw bad(MANIFEST_NAME, "the package has no manifest.json");
  const manifest = parseManifest(manifestText.toString("utf8"), where(MANIFEST_NAME));
  if (expected?.model !== void 0 && manifest.name !== expected.model || expected?.version !== void 0 && manifest.version !== expected.version) {
    throw bad(
      MANIFEST_NAME,
      `the manifest is of ${manifest.name}@${manifest.version}, not ${expected.model ?? manifest.name}@${expected.version ?? manifest.version}`
    );
  }
  const sumsBytes = await readIfExists(join2(dir, SUMS_NAME));
  if (sumsBytes === void 0) throw bad(SUMS_NAME, "the package has no SHA256SUMS");
  const sumsSha = sha256Of(sumsBytes);
  if (sumsSha !== manifest.digest)
    throw bad(SUMS_NAME, `sha256 ${shortDigest(sumsSha)} is not the manifest's digest ${shortDigest(manifest.digest)}`);
  const sums = parseSha256Sums(sumsBytes.toString("utf8"), where(SUMS_NAME));
  const listed = /* @__PURE__ */ new Map();
  for (const file of manifest.files) {
    if (file.name === "." || file.name === ".." || UNLISTED_ALLOWED.has(file.name))
      throw bad(MANIFEST_NAME, `the manifest lists "${file.name}", which cannot be a package file`);
    if (listed.has(file.name)) throw bad(MANIFEST_NAME, `the manifest lists "${file.name}" twice`);
    listed.set(file.name, file);
    const sum = sums.get(file.name);
    if (sum === void 0) throw bad(SUMS_NAME, `${file.name} is in the manifest but not in SHA256SUMS`);
    if (sum !== file.sha256)
      throw bad(SUMS_NAME, `${file.name}: SHA256SUMS says ${shortDigest(sum)}, the manifest ${shortDigest(file.sha256)}`);
  }
  for (const name of sums.keys()) if (!listed.has(name)) throw bad(SUMS_NAME, `${name} is in SHA256SUMS but not in the manifest`);
  const present = /* @__PURE__ */ new Set();
  for (const entry of await readdir2(dir, { withFileTypes: true })) {
    if (!entry.isFile()) throw bad(entry.name, "is not a regular file (packages hold only flat files)");
    if (!listed.has(entry.name) && !UNLISTED_ALLOWED.has(entry.name)) throw bad(entry.name, "this file is not listed in the manifest");
    present.add(entry.name);
  }
  for (const file of manifest.files) {
    if (!present.has(file.name)) throw bad(file.name, "the manifest lists this file but it is missing");
    const { size } = await stat(join2(dir, file.name));
    if (size !== file.bytes) throw bad(file.name, `has ${size} bytes, the manifest says ${file.bytes}`);
  }
  for (const file of manifest.files) {
    const actual = await sha256File(join2(dir, file.name));
    if (actual.sha256 !== file.sha256)
      throw bad(file.name, `sha256 ${shortDigest(actual.sha256)} does not match the manifest (expected ${shortDigest(file.sha256)})`);
  }
  return { manifest, manifestSha256: sha256Of(manifestText) };
}
async function resolveVersion(store, model, requested, logger) {
  if (requested.trim().toLowerCase() !== "latest") return normalizeVersion(requested.trim());
  const versions = await store.list(model);
  if (versions.length === 0) throw noVersions(store, model);
  const retired = new Set((await store.retirements(model)).map((mark) => mark.version));
  const at = versions.findIndex((info) => !retired.has(info.version));
  const newest = versions[at];
  if (newest === void 0)
    throw new UserError(
      `every version of ${model} in ${store.description} is retired (${versions.map((info) => info.version).join(", ")}), so latest names none`,
      {
        hint: `release a new version of ${model} with modelship release, or name a version explicitly (MODEL@VERSION) to see why it was retired`
      }
    );
  const passed = versions.slice(0, at);
  if (passed.length > 0)
    logger?.info(
      `latest ${model} is ${newest.version}: skipped the retired ${passed.map((info) => info.version).join(", ")} (modelship registry list ${model} shows why)`
    );
  return newest.version;
}
function noVersions(store, model) {
  return new UserError(`there are no versions of ${model} in ${store.description}`, {
    hint: `release one with modelship release (or check the model name and the registry)`
  });
}
async function unknownVersion(store, model, version) {
  const versions = (await store.list(model)).map((info) => info.version);
  if (versions.length === 0) return noVersions(store, model);
  const shown = versions.length > 10 ? `${versions.slice(0, 10).join(", ")} and ${versions.length - 10} older` : versions.join(", ");
  return new UserError(`${model}@${version} is not in ${store.description}`, { hint: `released versions: ${shown} (or latest)` });
}
async function checkReplaceable(dir) {
  let entries;
  try {
    if (!(await stat(dir)).isDirectory())
      throw new UserError("is a file, not a folder", { file: dir, hint: "fetch into a new or empty folder" });
    entries = await readdir2(dir);
  } catch (error) {
    if (errnoCode(error) === "ENOENT") return;
    if (errnoCode(error) === "ENOTDIR")
      throw new UserError(`${dir} cannot be made: a file stands on its path`, { file: dir, hint: "fetch into a new or empty folder" });
    throw error;
  }
  if (entries.length === 0) return;
  const refuse = (why) => new UserError(`${why}, so it is not a fetched model and will not be replaced`, {
    file: dir,
    hint: "fetch into a new or empty folder (--dir, the dir input), or remove that one first"
  });
  const text = await readIfExists(join2(dir, MANIFEST_NAME));
  if (text === void 0) throw refuse(`holds files but no ${MANIFEST_NAME}`);
  let manifest;
  try {
    manifest = parseManifest(text.toString("utf8"), join2(dir, MANIFEST_NAME));
  } catch (error) {
    if (isUserError(error)) throw refuse(`holds a ${MANIFEST_NAME} that is not a modelship manifest`);
    throw error;
  }
  const own = /* @__PURE__ */ new Set([...manifest.files.map((file) => file.name), MANIFEST_NAME, SUMS_NAME]);
  const foreign = entries.filter((name) => !own.has(name));
  if (foreign.length > 0) throw refuse(`holds files the package does not list (${foreign.slice(0, 5).join(", ")})`);
}
async function useCached(options) {
  const { cached, temp, logger } = options;
  const cachedManifest = await readIfExists(join2(cached, MANIFEST_NAME));
  if (cachedManifest !== void 0) {
    try {
      const manifest = parseManifest(cachedManifest.toString("utf8"), join2(cached, MANIFEST_NAME));
      if (manifest.name !== options.model || manifest.version !== options.version) {
        logger.debug(
          `The cache holds digest ${shortDigest(manifest.digest)} as ${manifest.name}@${manifest.version}, not ${options.label}`
        );
        return void 0;
      }
    } catch (error) {
      if (!isUserError(error)) throw error;
    }
  }
  try {
    await copyFiles(cached, temp);
    return await verifyFolder(temp, { model: options.model, version: options.version }, options.label);
  } catch (error) {
    if (!isUserError(error) && errnoCode(error) === void 0) throw error;
    logger.warning(
      `The cached copy of ${options.label} in ${cached} does not verify and is removed; downloading it again (${isUserError(error) ? `${error.file ?? cached}: ${error.problem}` : String(error)})`
    );
    await rm2(cached, { recursive: true, force: true });
    return void 0;
  }
}
async function addToCache(options) {
  const entry = join2(options.cacheDir, options.digest);
  let temp;
  try {
    await mkdir2(options.cacheDir, { recursive: true });
    temp = await mkdtemp(join2(options.cacheDir, ".tmp-"));
    await copyFiles(options.from, temp);
    await rm2(entry, { recursive: true, force: true });
    await rename(temp, entry);
    temp = void 0;
  } catch (error) {
    options.logger.warning(
      `Could not keep ${shortDigest(options.digest)} in the cache ${options.cacheDir}: ${error instanceof Error ? error.message : String(error)}`
    );
  } finally {
    if (temp !== void 0) await rm2(temp, { recursive: true, force: true });
  }
}
async function install(temp, dir) {
  try {
    await rename(temp, dir);
    return;
  } catch (error) {
    const code = errnoCode(error);
    if (code !== "EEXIST" && code !== "ENOTEMPTY" && code !== "EPERM") throw error;
  }
  const old = join2(dirname(dir), `.${basename(dir)}.old-${randomBytes2(6).toString("hex")}`);
  await rename(dir, old);
  try {
    await rename(temp, dir);
  } catch (error) {
    await rename(old, dir);
    throw error;
  }
  await rm2(old, { recursive: true, force: true });
}
async function makeTemp(dir) {
  const temp = await mkdtemp(join2(dirname(dir), `.${basename(dir)}.fetch-`));
  await chmod(temp, 493);
  return temp;
}
async function copyFiles(from, to) {
  for (const entry of await readdir2(from, { withFileTypes: true })) {
    if (entry.isFile()) await copyFile(join2(from, entry.name), join2(to, entry.name));
  }
}
async function isDirectory(path) {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
async function readIfExists(path) {
  try {
    return await readFile2(path);
  } catch (error) {
    if (errnoCode(error) === "ENOENT" || errnoCode(error) === "ENOTDIR") return void 0;
    throw error;
  }
}

// src/registry/local-store.ts
import { randomBytes as randomBytes3 } from "node:crypto";
import { copyFile as copyFile2, lstat, mkdir as mkdir3, open, readdir as readdir3, rename as rename2, rm as rm3, stat as stat2, writeFile as writeFile2 } from "node:fs/promises";
import { join as join3, resolve as resolve2 } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
var STAGING_PREFIX = ".staging-";
var STALE_STAGING_MS = 60 * 60 * 1e3;
var LocalStore = class {
  kind = "local";
  description;
  /** The registry folder, absolute. */
  root;
  constructor(options) {
    this.root = options.root.startsWith("file:") ? fileURLToPath(options.root) : resolve2(options.root);
    this.description = pathToFileURL(this.root).href;
  }
  /** Versions with a manifest.json, newest first; staging folders and stray entries are skipped. */
  async list(model) {
    const modelDir = join3(this.root, checkModelName(model));
    let entries;
    try {
      entries = await readdir3(modelDir, { withFileTypes: true });
    } catch (error) {
      if (errnoCode(error) === "ENOTDIR") await this.#checkFolders(model);
      if (errnoCode(error) === "ENOENT" || errnoCode(error) === "ENOTDIR") return [];
      throw error;
    }
    const versions = [];
    for (const entry of entries) {
      if (!entry.isDirectory() || entry.name.startsWith("v") || parseVersion(entry.name) === void 0) continue;
      const manifestPath = join3(modelDir, entry.name, MANIFEST_NAME);
      const text = (await readIfExists(manifestPath))?.toString("utf8");
      if (text === void 0) continue;
      const url = pathToFileURL(join3(modelDir, entry.name)).href;
      try {
        const manifest = parseManifest(text, manifestPath);
        versions.push({ model, version: entry.name, tag: manifest.tag, url, created: manifest.created });
      } catch (error) {
        if (!isUserError(error)) throw error;
        versions.push({ model, version: entry.name, tag: tagFor(model, entry.name), url });
      }
    }
    return versions.sort((a, b) => compareVersions(b.version, a.version));
  }
  /** The stored manifest (schema-checked), or undefined when the version is not there. */
  async readManifest(model, version) {
    return (await this.#readManifestFile(model, version))?.manifest;
  }
  /** The stored version's manifest and file:// addresses, or undefined when it is not there. */
  async locate(model, version) {
    const read = await this.#readManifestFile(model, version);
    if (read === void 0) return void 0;
    const { manifest, sha256: manifestSha256 } = read;
    const {
      model: name,
      version: stored,
      tag: storedTag,
      url,
      manifestUrl,
      modelUri,
      servingUris
    } = publishedVersion({ model, version: manifest.version, versionDir: this.#versionDir(model, version), manifest, action: "unchanged" });
    return { model: name, version: stored, tag: storedTag, url, manifestUrl, modelUri, servingUris, manifest, manifestSha256 };
  }
  /** Stores the package under `<model>/<version>`: staged, verified, then renamed into place. */
  async publish(pkg) {
    const model = checkModelName(pkg.model);
    const version = normalizeVersion(pkg.version);
    const modelDir = join3(this.root, model);
    const versionDir = join3(modelDir, version);
    checkNames(pkg);
    const existing = await this.readManifest(model, version);
    if (existing) return settleExisting({ pkg, versionDir, existing, theirs: pkg.manifest.digest });
    await mkdir3(modelDir, { recursive: true });
    await removeStaleStaging(modelDir);
    const staging = join3(modelDir, `${STAGING_PREFIX}${version}-${randomBytes3(6).toString("hex")}`);
    try {
      await mkdir3(staging);
      for (const name of pkg.names) {
        await copyFile2(join3(pkg.dir, name), join3(staging, name));
        await syncFile(join3(staging, name));
      }
      let stored;
      try {
        stored = await verifyPackage(staging, { model, version });
      } catch (error) {
        if (!isUserError(error)) throw error;
        throw new UserError(`cannot publish ${model}@${version}: the package in ${pkg.dir} does not match its manifest: ${error.problem}`, {
          file: error.file,
          hint: "release again: modelship release packages the model afresh"
        });
      }
      if (stored.digest !== pkg.manifest.digest)
        throw new Error(
          `publish ${model}@${version}: manifest.json on disk has digest ${stored.digest}, the package object ${pkg.manifest.digest}`
        );
      await writeFile2(join3(staging, NOTES_NAME), pkg.notes);
      await syncFile(join3(staging, NOTES_NAME));
      await syncDir(staging);
      try {
        await rename2(staging, versionDir);
      } catch (error) {
        const there = await this.readManifest(model, version);
        if (there) return settleExisting({ pkg, versionDir, existing: there, theirs: pkg.manifest.digest });
        if (errnoCode(error) === "EEXIST" || errnoCode(error) === "ENOTEMPTY") {
          throw new UserError(`${versionDir} exists but holds no ${MANIFEST_NAME}; it is not a modelship version`, {
            file: versionDir,
            hint: "move that folder out of the registry, then publish again"
          });
        }
        throw error;
      }
      await syncDir(modelDir);
      return publishedVersion({ model, version, versionDir, manifest: stored, action: "created" });
    } finally {
      await rm3(staging, { recursive: true, force: true });
    }
  }
  /** Copies every stored file of a version (notes included) into `dir`, unverified. */
  async download(model, version, dir) {
    const manifest = await this.readManifest(model, version);
    if (!manifest)
      throw new UserError(`${model}@${normalizeVersion(version)} is not in the registry ${this.description}`, {
        hint: "list the released versions, or release this one with modelship release"
      });
    const versionDir = this.#versionDir(model, version);
    const names = [];
    for (const entry of await readdir3(versionDir, { withFileTypes: true })) {
      if (!entry.isFile()) {
        const what = entry.isSymbolicLink() ? "a symbolic link" : entry.isDirectory() ? "a folder" : "not a regular file";
        throw new UserError(`is ${what}; a version folder of the registry holds only regular files`, {
          file: join3(versionDir, entry.name),
          hint: "remove it from the registry folder (release the model again with modelship release if its files are gone)"
        });
      }
      await copyFile2(join3(versionDir, entry.name), join3(dir, entry.name));
      names.push(entry.name);
    }
    return { manifest, names: names.sort() };
  }
  /** The mark `<model>/<version>.retired.json` beside the version folder (retirement.ts says why there), or undefined. */
  async retirement(model, version) {
    await this.#checkFolders(model);
    return readLocalMark(join3(this.root, checkModelName(model)), model, version);
  }
  /** Every retirement mark of `model`, newest version first. */
  async retirements(model) {
    await this.#checkFolders(model);
    return readLocalMarks(join3(this.root, checkModelName(model)), model);
  }
  /** Writes the mark beside the version folder (never inside it: the version's files never change). */
  async retire(model, version, options) {
    const mark = newMark(model, version, options);
    if (await this.readManifest(model, mark.version) === void 0)
      throw new UserError(`${model}@${mark.version} is not in the registry ${this.description}, so it cannot be retired`, {
        hint: `check the version: modelship registry list ${model}`
      });
    return writeLocalMark(join3(this.root, checkModelName(model)), mark);
  }
  /**
   * Refuses a registry whose folders are not folders: the registry itself or the model's folder a
   * file, or the version's entry a file or a symbolic link (never followed: it could point anywhere
   * on the machine, and a version folder never changes once it is there).
   */
  async #checkFolders(model, version) {
    const paths = [this.root, join3(this.root, checkModelName(model))];
    if (version !== void 0) paths.push(this.#versionDir(model, version));
    for (const [index, path] of paths.entries()) {
      let info;
      try {
        info = index === 0 ? await stat2(path) : await lstat(path);
      } catch (error) {
        if (errnoCode(error) === "ENOENT" || errnoCode(error) === "ENOTDIR") return;
        throw error;
      }
      if (info.isDirectory()) continue;
      const what = index === 0 ? "the registry" : index === 1 ? `${model}'s folder` : `the version folder of ${model}@${normalizeVersion(version)}`;
      throw new UserError(`is ${info.isSymbolicLink() ? "a symbolic link" : "a file"}, not a folder: it cannot be ${what}`, {
        file: path,
        hint: index === 0 ? "give --registry (the registry input, or release.registry) a folder, e.g. .modelship/registry" : "move it out of the registry folder: versions are folders that modelship release writes"
      });
    }
  }
  /** The stored manifest (schema-checked) with the sha256 of its bytes, or undefined when the version is not there. */
  async #readManifestFile(model, version) {
    await this.#checkFolders(model, version);
    const path = join3(this.#versionDir(model, version), MANIFEST_NAME);
    const bytes = await readIfExists(path);
    return bytes === void 0 ? void 0 : { manifest: parseManifest(bytes.toString("utf8"), path), sha256: sha256Of(bytes) };
  }
  #versionDir(model, version) {
    return join3(this.root, checkModelName(model), normalizeVersion(version));
  }
};
function localStoreFromUrl(url) {
  if (url.trim() === "")
    throw new UserError("the registry is empty", { hint: "give a folder (file:///srv/models or ./registry) or github:OWNER/REPO" });
  if (!url.startsWith("file:") && /^[a-z][a-z0-9+.-]+:\/\//i.test(url)) {
    throw new UserError(`registry "${url}" is not a local folder`, {
      hint: "give a folder (file:///srv/models or ./registry) or github:OWNER/REPO"
    });
  }
  return new LocalStore({ root: url });
}
function checkNames(pkg) {
  for (const name of pkg.names) {
    if (name === "" || name === "." || name === ".." || /[/\\]/.test(name)) throw new Error(`publish: "${name}" is not a flat file name`);
    if (name === NOTES_NAME)
      throw new UserError(`the package has a file named ${NOTES_NAME}, where a local registry keeps the release notes`, {
        file: join3(pkg.dir, name),
        hint: "rename that file in the package"
      });
  }
  for (const required of [MANIFEST_NAME, SUMS_NAME]) {
    if (!pkg.names.includes(required)) throw new Error(`publish: the package's names lack ${required}`);
  }
}
function settleExisting(options) {
  const { pkg, versionDir, existing } = options;
  const model = pkg.model;
  const version = existing.version;
  if (existing.digest !== options.theirs) {
    throw new UserError(
      `${model}@${version} is already released with other bytes (digest ${shortDigest(existing.digest)}, this package ${shortDigest(options.theirs)})`,
      {
        file: join3(versionDir, MANIFEST_NAME),
        hint: "released versions never change; release a new version (bump: patch)"
      }
    );
  }
  return publishedVersion({ model, version, versionDir, manifest: existing, action: "unchanged" });
}
function publishedVersion(options) {
  const { versionDir, manifest } = options;
  const modelFile = manifest.files.find((file) => file.role === "model");
  return {
    model: options.model,
    version: options.version,
    tag: manifest.tag,
    url: pathToFileURL(versionDir).href,
    manifestUrl: pathToFileURL(join3(versionDir, MANIFEST_NAME)).href,
    // A package without a model file (not one modelship makes) points at its folder.
    modelUri: pathToFileURL(modelFile ? join3(versionDir, modelFile.name) : versionDir).href,
    servingUris: servingUrisOf(manifest, (name) => pathToFileURL(join3(versionDir, name)).href),
    digest: manifest.digest,
    action: options.action
  };
}
async function removeStaleStaging(modelDir) {
  const cutoff = Date.now() - STALE_STAGING_MS;
  let names;
  try {
    names = await readdir3(modelDir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(STAGING_PREFIX)) continue;
    try {
      if ((await stat2(join3(modelDir, name))).mtimeMs < cutoff) await rm3(join3(modelDir, name), { recursive: true, force: true });
    } catch {
    }
  }
}
async function syncFile(path) {
  const handle = await open(path, "r+");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
async function syncDir(path) {
  try {
    const handle = await open(path, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
  }
}

// src/registry/github-store.ts
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { readFile as readFile3, stat as stat3 } from "node:fs/promises";
import { basename as basename2, join as join4 } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { setTimeout as delay } from "node:timers/promises";
var MAX_ASSET_BYTES = 2 * 1024 ** 3;
function hasErrorCode(error, status, code) {
  if (httpStatus(error) !== status) return false;
  const data = error.response?.data;
  const errors = typeof data === "object" && data !== null && "errors" in data && Array.isArray(data.errors) ? data.errors : [];
  return errors.some((item) => typeof item === "object" && item !== null && "code" in item && item.code === code);
}
function isTransient(error) {
  const status = httpStatus(error);
  if (status !== void 0) return status >= 500 || status === 429;
  return errnoCode(error) !== void 0 || error instanceof Error && errnoCode(error.cause) !== void 0;
}
function assetContentType(name) {
  if (name.endsWith(".json")) return "application/json";
  if (name.endsWith(".tar.gz")) return "application/gzip";
  if (name.endsWith(".md")) return "text/markdown";
  if (name === SUMS_NAME) return "text/plain";
  return "application/octet-stream";
}
function formatBytes(bytes) {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(2)} GiB` : bytes >= 1024 ** 2 ? `${(bytes / 1024 ** 2).toFixed(1)} MiB` : `${bytes} bytes`;
}
var GitHubStore = class {
  kind = "github";
  description;
  #client;
  #owner;
  #repo;
  #tagFormat;
  #logger;
  #maxAssetBytes;
  #retries;
  #retryBaseMs;
  #network;
  constructor(options) {
    this.#client = options.client;
    this.#owner = options.owner;
    this.#repo = options.repo;
    this.#tagFormat = options.tagFormat ?? DEFAULT_TAG_FORMAT;
    this.#logger = options.logger;
    this.#maxAssetBytes = options.maxAssetBytes ?? MAX_ASSET_BYTES;
    this.#retries = options.retries ?? 3;
    this.#retryBaseMs = options.retryBaseMs ?? retryBaseFromEnv() ?? 1e3;
    this.description = `GitHub Releases of ${options.owner}/${options.repo}`;
    const network = options.network ?? NO_INTERNAL;
    const api = new URL(options.client.request.endpoint.DEFAULTS.baseUrl);
    this.#network = { ...network, allowInternal: network.allowInternal.with(allowEntryFor(api)) };
  }
  /** Published versions of `model`, newest first; drafts and other models' tags are left out. */
  async list(model) {
    const versions = [];
    for (const release of await this.#allReleases()) {
      const version = release.draft ? void 0 : versionFromTag(release.tag_name, model, this.#tagFormat);
      if (version !== void 0)
        versions.push({
          model,
          version,
          tag: release.tag_name,
          url: release.html_url,
          created: release.published_at ?? release.created_at
        });
    }
    return versions.sort((a, b) => compareVersions(b.version, a.version));
  }
  /** The manifest of a published version, or undefined when there is no published release with its tag. */
  async readManifest(model, version) {
    const tag = tagFor(model, version, this.#tagFormat);
    const release = await this.#publishedRelease(tag);
    return release === void 0 ? void 0 : (await this.#manifestOf(release, model)).manifest;
  }
  /** A published version's manifest and asset URLs, or undefined when there is no published release with its tag. */
  async locate(model, version) {
    const tag = tagFor(model, version, this.#tagFormat);
    const release = await this.#publishedRelease(tag);
    if (release === void 0) return void 0;
    const { manifest, sha256: manifestSha256 } = await this.#manifestOf(release, model);
    const {
      model: name,
      version: stored,
      tag: storedTag,
      url,
      manifestUrl,
      modelUri,
      servingUris
    } = this.#outputs({ model, version: manifest.version, tag }, release, manifest, "unchanged");
    return { model: name, version: stored, tag: storedTag, url, manifestUrl, modelUri, servingUris, manifest, manifestSha256 };
  }
  /** The mark at the end of the release's notes (retirement.ts says why there), or undefined. */
  async retirement(model, version) {
    const release = await this.#publishedRelease(tagFor(model, version, this.#tagFormat));
    return release === void 0 ? void 0 : markInNotes(release.body, model, version);
  }
  /** Every retirement mark of `model`, newest version first (one listing of the releases). */
  async retirements(model) {
    const marks = [];
    for (const release of await this.#allReleases()) {
      const version = release.draft ? void 0 : versionFromTag(release.tag_name, model, this.#tagFormat);
      const mark = version === void 0 ? void 0 : markInNotes(release.body, model, version);
      if (mark !== void 0) marks.push(mark);
    }
    return marks.sort((a, b) => compareVersions(b.version, a.version));
  }
  /**
   * Appends the mark to the release notes, the one part of an immutable release that may still change.
   * Needs `contents: write`. A release already marked is left as it is (the first mark stands).
   */
  async retire(model, version, options) {
    const mark = newMark(model, version, options);
    const tag = tagFor(model, mark.version, this.#tagFormat);
    const release = await this.#publishedRelease(tag);
    if (release === void 0)
      throw new UserError(
        `${model}@${mark.version} is not released in ${this.description} (no published release tagged ${tag}), so it cannot be retired`,
        { hint: `check the version: modelship registry list ${model}` }
      );
    const existing = markInNotes(release.body, model, mark.version);
    if (existing !== void 0) return { mark: existing, action: "unchanged" };
    await this.#manifestOf(release, model);
    const { data: updated } = await this.#client.rest.repos.updateRelease({
      owner: this.#owner,
      repo: this.#repo,
      release_id: release.id,
      body: notesWithMark(release.body, mark)
    });
    const stored = markInNotes(updated.body, model, mark.version);
    if (stored === void 0) throw new Error(`release ${tag}: the retirement mark is not in the notes GitHub returned`);
    return { mark: stored, action: "created" };
  }
  /**
   * Streams every asset of a published version into `dir` (with `only`, those and manifest.json); the
   * caller verifies them against the manifest.
   */
  async download(model, version, dir, options = {}) {
    const tag = tagFor(model, version, this.#tagFormat);
    const release = await this.#publishedRelease(tag);
    if (release === void 0) {
      throw new UserError(`${model}@${version} is not released in ${this.description} (no published release tagged ${tag})`, {
        hint: "check the model name and version; list the released versions with `modelship list`"
      });
    }
    const names = [];
    const assets = await this.#client.paginate(this.#client.rest.repos.listReleaseAssets, {
      owner: this.#owner,
      repo: this.#repo,
      release_id: release.id,
      per_page: 100
    });
    const wanted = options.only === void 0 ? void 0 : /* @__PURE__ */ new Set([...options.only, MANIFEST_NAME]);
    for (const asset of assets) {
      if (wanted !== void 0 && !wanted.has(asset.name)) continue;
      if (asset.name !== basename2(asset.name) || asset.name === "." || asset.name === "..")
        throw new Error(`release ${tag} has an asset named ${JSON.stringify(asset.name)}, which is not a file name`);
      this.#logger.debug(`Downloading ${asset.name} (${formatBytes(asset.size)}) from release ${tag}.`);
      await this.#downloadAsset(asset, join4(dir, asset.name));
      names.push(asset.name);
    }
    if (!names.includes(MANIFEST_NAME)) throw this.#notOurs(tag, release);
    const manifest = parseManifest(await readFile3(join4(dir, MANIFEST_NAME), "utf8"), `${tag}/${MANIFEST_NAME}`);
    return { manifest, names: names.sort() };
  }
  /** Publishes `pkg` as a release: created, unchanged (same bytes already there), or resumed (a draft completed). */
  async publish(pkg) {
    const files = await this.#checkPackage(pkg);
    for (let round = 0; round < 3; round++) {
      const published = await this.#publishedRelease(pkg.tag);
      if (published !== void 0) return this.#alreadyPublished(pkg, published);
      const draft = await this.#draftRelease(pkg.tag);
      if (draft !== void 0) {
        await this.#checkDraftIsOurs(pkg, draft);
        this.#logger.info(`Resuming the draft release ${pkg.tag} left by an earlier run.`);
        return this.#complete(pkg, draft, files, "resumed");
      }
      let created;
      try {
        ({ data: created } = await this.#client.rest.repos.createRelease({
          owner: this.#owner,
          repo: this.#repo,
          tag_name: pkg.tag,
          ...pkg.targetCommitish === void 0 ? {} : { target_commitish: pkg.targetCommitish },
          name: releaseName(pkg),
          body: neutralizeMarks(pkg.notes),
          draft: true
        }));
      } catch (error) {
        if (hasErrorCode(error, 422, "already_exists")) {
          this.#logger.info(`Release ${pkg.tag} appeared while this run was creating it (another job?); continuing with it.`);
          continue;
        }
        throw error;
      }
      this.#logger.info(`Created the draft release ${pkg.tag}; uploading ${files.length} files.`);
      return this.#complete(pkg, created, files, "created");
    }
    throw new UserError(`release ${pkg.tag} in ${this.#owner}/${this.#repo} kept changing while this run tried to publish it`, {
      hint: "another job is releasing the same version; wait for it and re-run"
    });
  }
  /** Checks the package before any write: names, the tag, sizes; hashes every file. */
  async #checkPackage(pkg) {
    if (versionFromTag(pkg.tag, pkg.model, this.#tagFormat) !== pkg.version) {
      throw new UserError(`tag "${pkg.tag}" is not the tag of ${pkg.model}@${pkg.version} under the tag format "${this.#tagFormat}"`, {
        hint: `package the model again with the same tag format (expected ${tagFor(pkg.model, pkg.version, this.#tagFormat)})`
      });
    }
    if (!pkg.names.includes(MANIFEST_NAME)) throw new Error(`package ${pkg.dir} has no ${MANIFEST_NAME} among its names`);
    const model = pkg.manifest.files.find((file) => file.role === "model");
    if (model === void 0 || !pkg.names.includes(model.name)) {
      throw new UserError(`the manifest lists no model file of the package (a file with role "model")`, {
        file: join4(pkg.dir, MANIFEST_NAME),
        hint: "package the model again"
      });
    }
    if (new Set(pkg.names).size !== pkg.names.length) throw new Error(`package ${pkg.dir} lists a file twice`);
    const files = [];
    for (const name of pkg.names) {
      if (name !== basename2(name)) throw new Error(`package file ${JSON.stringify(name)} is not a flat file name`);
      const path = join4(pkg.dir, name);
      let bytes;
      try {
        bytes = (await stat3(path)).size;
      } catch (error) {
        if (errnoCode(error) === "ENOENT")
          throw new UserError(`${name} is missing from the package folder`, { file: path, hint: "package the model again" });
        throw error;
      }
      if (bytes > this.#maxAssetBytes) {
        throw new UserError(
          `${name} is ${formatBytes(bytes)}, over GitHub's limit of ${formatBytes(this.#maxAssetBytes)} per release asset`,
          { file: path, hint: "make the model smaller (quantize it, or drop unused initializers), or use a local registry" }
        );
      }
      const describes = { name: pkg.model, version: pkg.version, tag: pkg.tag, digest: pkg.manifest.digest };
      files.push({ name, path, ...await sha256File(path), ...name === MANIFEST_NAME ? { describes } : {} });
    }
    return files.sort((a, b) => Number(a.name === MANIFEST_NAME) - Number(b.name === MANIFEST_NAME) || byCodeUnit(a.name, b.name));
  }
  /** Step 2: the tag is published. Same digest: nothing to do; other bytes or another model: refused. */
  async #alreadyPublished(pkg, release) {
    const { manifest } = await this.#manifestOf(release, pkg.model);
    if (manifest.digest !== pkg.manifest.digest) {
      throw new UserError(
        `${pkg.model}@${pkg.version} is already released with other bytes (digest ${manifest.digest}, this package ${pkg.manifest.digest})`,
        { hint: "release a new version (bump: patch); a published version never changes" }
      );
    }
    this.#logger.info(`${pkg.model}@${pkg.version} is already released with these bytes (digest ${manifest.digest}); nothing to do.`);
    return this.#outputs(pkg, release, manifest, "unchanged");
  }
  /** A draft with our tag must be one this model's release made (or one without a manifest yet, named as ours). */
  async #checkDraftIsOurs(pkg, draft) {
    const manifestAsset = draft.assets.find((asset) => asset.name === MANIFEST_NAME && asset.state === "uploaded");
    const owner = manifestAsset === void 0 ? void 0 : await this.#readManifestAsset(manifestAsset, pkg.tag).then((read) => read.manifest.name).catch(() => void 0);
    if (owner !== void 0 ? owner !== pkg.model : draft.name !== releaseName(pkg)) {
      throw new UserError(
        `a draft release tagged ${pkg.tag} in ${this.#owner}/${this.#repo} is not a draft of ${pkg.model}@${pkg.version} (${owner === void 0 ? `it is named "${draft.name ?? ""}"` : `it holds model ${owner}`})`,
        { hint: `delete that draft (${draft.html_url}), or use a tag format with {model} so that models do not share tags` }
      );
    }
  }
  /** Steps 3 and 4: makes the draft's assets exactly the package's files, verifies them, publishes. */
  async #complete(pkg, draft, files, action) {
    const wanted = new Map(files.map((file) => [file.name, file]));
    const kept = /* @__PURE__ */ new Set();
    for (const asset of draft.assets) {
      const file = wanted.get(asset.name);
      if (file !== void 0 && !kept.has(asset.name) && await this.#assetMatches(asset, file)) {
        kept.add(asset.name);
        continue;
      }
      this.#logger.info(
        `Deleting ${file === void 0 ? "the stray" : "the incomplete or different"} asset ${asset.name} from draft ${pkg.tag}.`
      );
      await this.#deleteAsset(asset.id);
    }
    for (const file of files) {
      if (!kept.has(file.name)) await this.#upload(draft, file);
    }
    await this.#verifyDraft(pkg, draft.id, files);
    let published;
    try {
      ({ data: published } = await this.#client.rest.repos.updateRelease({
        owner: this.#owner,
        repo: this.#repo,
        release_id: draft.id,
        ...pkg.targetCommitish === void 0 ? {} : { target_commitish: pkg.targetCommitish },
        name: releaseName(pkg),
        body: neutralizeMarks(pkg.notes),
        draft: false
      }));
    } catch (error) {
      const winner = httpStatus(error) === 422 ? await this.#publishedRelease(pkg.tag) : void 0;
      if (winner !== void 0) return this.#alreadyPublished(pkg, winner);
      throw error;
    }
    this.#logger.info(`Published ${pkg.model}@${pkg.version}: ${published.html_url}`);
    return this.#outputs(pkg, published, pkg.manifest, action);
  }
  /** Reads the draft again and refuses to publish it unless its assets are exactly the package's files. */
  async #verifyDraft(pkg, releaseId, files) {
    const assets = await this.#client.paginate(this.#client.rest.repos.listReleaseAssets, {
      owner: this.#owner,
      repo: this.#repo,
      release_id: releaseId,
      per_page: 100
    });
    const problems = [];
    for (const file of files) {
      const found = assets.filter((asset) => asset.name === file.name);
      if (found.length !== 1) problems.push(`${file.name}: ${found.length === 0 ? "missing" : "uploaded twice"}`);
      else if (!await this.#assetMatches(found[0], file)) problems.push(`${file.name}: size or sha256 differs from the package`);
    }
    for (const asset of assets) if (!files.some((file) => file.name === asset.name)) problems.push(`${asset.name}: not in the package`);
    if (problems.length > 0) {
      throw new UserError(
        `the draft release ${pkg.tag} does not hold exactly the package after uploading (${problems.join("; ")}); it stays an unpublished draft`,
        { hint: "another job may be releasing the same version; re-run to resume the draft" }
      );
    }
  }
  /**
   * True when a stored asset is complete and has the file's size and sha256 — or, for manifest.json,
   * describes the same package: a concurrent job with the same bytes wrote its own timestamp, and
   * replacing its manifest with ours would only make the two jobs undo each other.
   */
  async #assetMatches(asset, file) {
    if (asset.state !== "uploaded") return false;
    if (file.describes !== void 0 && !await this.#sameBytes(asset, file)) {
      const theirs = (await this.#readManifestAsset(asset, file.describes.tag).catch(() => void 0))?.manifest;
      return theirs !== void 0 && theirs.name === file.describes.name && theirs.version === file.describes.version && theirs.digest === file.describes.digest;
    }
    return this.#sameBytes(asset, file);
  }
  async #sameBytes(asset, file) {
    if (asset.size !== file.bytes) return false;
    if (typeof asset.digest === "string" && asset.digest.startsWith("sha256:")) return asset.digest === `sha256:${file.sha256}`;
    const sha256 = await this.#retrying(`reading ${asset.name}`, async () => {
      const hash = createHash("sha256");
      for await (const chunk of Readable.fromWeb(await this.#openAsset(asset))) hash.update(chunk);
      return hash.digest("hex");
    });
    return sha256 === file.sha256;
  }
  /** Uploads one file through the release's `upload_url`, streamed, retrying what can be retried. */
  async #upload(release, file) {
    this.#logger.info(`Uploading ${file.name} (${formatBytes(file.bytes)}).`);
    try {
      await this.#retrying(`uploading ${file.name}`, async () => {
        try {
          await this.#client.request({
            method: "POST",
            url: release.upload_url,
            name: file.name,
            data: Readable.toWeb(createReadStream(file.path)),
            headers: { "content-type": assetContentType(file.name), "content-length": file.bytes },
            // A stream cannot be sent twice, so the client's own retry is off; #retrying opens it again.
            request: { retries: 0 }
          });
        } catch (error) {
          if (!hasErrorCode(error, 422, "already_exists")) throw error;
          const assets = await this.#client.paginate(this.#client.rest.repos.listReleaseAssets, {
            owner: this.#owner,
            repo: this.#repo,
            release_id: release.id,
            per_page: 100
          });
          const existing = assets.find((asset) => asset.name === file.name);
          if (existing !== void 0 && await this.#assetMatches(existing, file)) return;
          if (existing !== void 0) await this.#deleteAsset(existing.id);
          throw Object.assign(new Error(`asset ${file.name} was in the way`), { status: 503 });
        }
      });
    } catch (error) {
      throw new UserError(`uploading ${file.name} to the draft release ${release.tag_name} failed: ${getErrorMessage(error)}`, {
        hint: "the release stays an unpublished draft; re-run the job and it resumes the draft",
        cause: error
      });
    }
  }
  async #deleteAsset(id) {
    try {
      await this.#client.rest.repos.deleteReleaseAsset({ owner: this.#owner, repo: this.#repo, asset_id: id });
    } catch (error) {
      if (httpStatus(error) !== 404) throw error;
    }
  }
  /** Runs `attempt`, again after a backoff when it fails with 5xx or a dropped connection. */
  async #retrying(what, attempt) {
    for (let count = 0; ; count++) {
      try {
        return await attempt();
      } catch (error) {
        if (count >= this.#retries || !isTransient(error)) throw error;
        const wait = this.#retryBaseMs * (count + 1) ** 2;
        this.#logger.warning(
          `${what} failed (${getErrorMessage(error).split("\n")[0]}); retry ${count + 1} of ${this.#retries} in ${wait} ms.`
        );
        await delay(wait);
      }
    }
  }
  /**
   * The bytes of an asset. The API answers 302 to a pre-signed storage URL; that request goes without
   * the token (it would leak it to another host, and the storage refuses extra credentials anyway),
   * guarded: the same scheme as the API, and no internal address the network policy does not allow.
   */
  async #openAsset(asset) {
    const response = await this.#client.request("GET /repos/{owner}/{repo}/releases/assets/{asset_id}", {
      owner: this.#owner,
      repo: this.#repo,
      asset_id: asset.id,
      headers: { accept: "application/octet-stream" },
      request: { redirect: "manual", parseSuccessResponseBody: false }
    });
    const body = response.data;
    const status = response.status;
    if (status < 300 || status >= 400) {
      if (body === null) throw new Error(`GitHub sent no bytes for asset ${asset.name}`);
      return body;
    }
    await body?.cancel();
    const location = response.headers.location;
    if (location === void 0) throw new Error(`GitHub answered ${status} for asset ${asset.name} without a Location`);
    const api = new URL(response.url);
    const target = new URL(location, api);
    const what = `downloading ${asset.name} from ${this.description}`;
    const refusal = redirectRefusal(api, target);
    if (refusal !== void 0) {
      throw new UserError(`${what}: GitHub redirected from ${redactUrl(api)} to ${redactUrl(target)}, which was not followed: ${refusal}`, {
        hint: "check GITHUB_API_URL: the API and its asset storage must use the same scheme"
      });
    }
    const { response: stored } = await guardedGetFollowing(target, this.#network, {
      what,
      headers: { accept: "application/octet-stream" },
      foreignHeaders: { accept: "application/octet-stream" },
      redirectedFrom: api,
      maxBytes: asset.size
      // the release says how big the asset is: a storage host that sends more is cut off
    });
    if (!stored.ok || stored.body === null) {
      await stored.body?.cancel();
      throw Object.assign(new Error(`downloading ${asset.name} from ${target.origin} failed: HTTP ${stored.status}`), {
        status: stored.status
      });
    }
    return stored.body;
  }
  /** Streams an asset to `path`, checking its size; a failed attempt starts the file over. */
  async #downloadAsset(asset, path) {
    await this.#retrying(`downloading ${asset.name}`, async () => {
      await pipeline(Readable.fromWeb(await this.#openAsset(asset)), createWriteStream(path));
      const { size } = await stat3(path);
      if (size !== asset.size)
        throw Object.assign(new Error(`downloaded ${size} bytes of ${asset.name}, expected ${asset.size}`), { status: 502 });
    });
  }
  /** A manifest.json asset, parsed, with the sha256 of the bytes it was parsed from. */
  async #readManifestAsset(asset, tag) {
    const bytes = await this.#retrying(`reading ${MANIFEST_NAME} of ${tag}`, async () => {
      const chunks = [];
      for await (const chunk of Readable.fromWeb(await this.#openAsset(asset))) chunks.push(chunk);
      return Buffer.concat(chunks);
    });
    return { manifest: parseManifest(bytes.toString("utf8"), `${tag}/${MANIFEST_NAME}`), sha256: sha256Of(bytes) };
  }
  /** The manifest of a release of `model` (and its bytes' sha256); refuses a release that is not one (no manifest, another model). */
  async #manifestOf(release, model) {
    const asset = release.assets.find((candidate) => candidate.name === MANIFEST_NAME);
    if (asset === void 0) throw this.#notOurs(release.tag_name, release);
    const read = await this.#readManifestAsset(asset, release.tag_name);
    if (read.manifest.name !== model) {
      throw new UserError(`release ${release.tag_name} in ${this.#owner}/${this.#repo} holds model ${read.manifest.name}, not ${model}`, {
        hint: `use a tag format with {model} (the default is ${DEFAULT_TAG_FORMAT}) so that models do not share tags`
      });
    }
    return read;
  }
  #notOurs(tag, release) {
    return new UserError(`release ${tag} in ${this.#owner}/${this.#repo} has no ${MANIFEST_NAME}: it was not made by modelship`, {
      hint: `release another version, or delete that release (${release.html_url}) if it is a mistake`
    });
  }
  /** The published release with `tag`, or undefined (GitHub does not find drafts by tag). */
  async #publishedRelease(tag) {
    try {
      const { data } = await this.#client.rest.repos.getReleaseByTag({ owner: this.#owner, repo: this.#repo, tag });
      return data.draft ? void 0 : data;
    } catch (error) {
      if (httpStatus(error) === 404) return void 0;
      throw error;
    }
  }
  /** The oldest draft with `tag` (concurrent jobs converge on the same one), found by listing. */
  async #draftRelease(tag) {
    const drafts = (await this.#allReleases()).filter((release) => release.draft && release.tag_name === tag).sort((a, b) => a.id - b.id);
    return drafts[0];
  }
  async #allReleases() {
    return this.#client.paginate(this.#client.rest.repos.listReleases, { owner: this.#owner, repo: this.#repo, per_page: 100 });
  }
  #outputs(pkg, release, manifest, action) {
    const urlOf = (name) => {
      const asset = release.assets.find((candidate) => candidate.name === name);
      if (asset === void 0) throw new Error(`release ${release.tag_name} has no asset ${name} after publishing`);
      return asset.browser_download_url;
    };
    const model = manifest.files.find((file) => file.role === "model");
    if (model === void 0)
      throw new UserError(`the manifest of release ${release.tag_name} lists no file with role "model"`, { hint: "release a new version" });
    return {
      model: pkg.model,
      version: pkg.version,
      tag: pkg.tag,
      url: release.html_url,
      manifestUrl: urlOf(MANIFEST_NAME),
      modelUri: urlOf(model.name),
      servingUris: servingUrisOf(manifest, urlOf),
      digest: manifest.digest,
      action
    };
  }
};
function releaseName(pkg) {
  return `${pkg.model} v${pkg.version}`;
}

// src/registry/open-store.ts
function explain(error, store, writing) {
  if (isUserError(error)) return void 0;
  const status = httpStatus(error);
  const where = store.description;
  if (status === 401)
    return new UserError(`${where}: the token was refused (HTTP 401)`, {
      hint: "check the token input (or GITHUB_TOKEN); it may be expired or for another host"
    });
  if (status === 403)
    return new UserError(`${where}: the token may not ${writing ? "create or edit releases" : "read releases"} (HTTP 403)`, {
      hint: writing ? "give the job `permissions: contents: write` (or a token that has it)" : "give the job `permissions: contents: read` (or a token that has it)"
    });
  if (status === 404)
    return new UserError(`${where}: the repository is not there, or the token cannot see it (HTTP 404)`, {
      hint: "check registry: github:OWNER/REPO and that the token can read that repository"
    });
  if (status !== void 0 && status >= 500)
    return new UserError(`${where}: GitHub answered HTTP ${status} after retries: ${getErrorMessage(error)}`, {
      hint: "try again later; a re-run is safe (releases are idempotent)"
    });
  const code = errnoCode(error) ?? (error instanceof Error && error.cause instanceof Error ? errnoCode(error.cause) : void 0);
  if (code === "ENOTDIR" || code === "EACCES" || code === "EPERM" || code === "EROFS" || code === "ENOSPC") {
    const path = error instanceof Error && "path" in error && typeof error.path === "string" ? error.path : void 0;
    const problem = code === "ENOTDIR" ? `a file stands where the registry needs a folder${path === void 0 ? "" : ` (on the way to ${path})`}` : code === "ENOSPC" ? "no space left on the device" : `no permission to use the registry folder${path === void 0 ? "" : ` (${path})`}`;
    return new UserError(`${where}: ${problem} (${code})`, {
      hint: "give --registry (the registry input, or release.registry) a folder you can write to, e.g. .modelship/registry"
    });
  }
  if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "ECONNRESET" || code === "ETIMEDOUT" || error instanceof TypeError && /fetch failed/i.test(error.message))
    return new UserError(`${where}: cannot reach the server (${code ?? getErrorMessage(error)})`, {
      hint: "check GITHUB_API_URL and the network; a re-run is safe"
    });
  return void 0;
}
function withClearErrors(store) {
  const guard = async (writing, call) => {
    try {
      return await call();
    } catch (error) {
      throw explain(error, store, writing) ?? error;
    }
  };
  return {
    kind: store.kind,
    description: store.description,
    list: (model) => guard(false, () => store.list(model)),
    readManifest: (model, version) => guard(false, () => store.readManifest(model, version)),
    locate: (model, version) => guard(false, () => store.locate(model, version)),
    publish: (pkg) => guard(true, () => store.publish(pkg)),
    download: (model, version, dir, options) => guard(false, () => store.download(model, version, dir, options)),
    retirement: (model, version) => guard(false, () => store.retirement(model, version)),
    retirements: (model) => guard(false, () => store.retirements(model)),
    retire: (model, version, options) => guard(true, () => store.retire(model, version, options))
  };
}
function openStore(options) {
  return withClearErrors(openRawStore(options));
}
function openRawStore(options) {
  const { spec } = options;
  if (spec === "github" || spec.startsWith("github:")) {
    const repository = spec === "github" ? options.repository : spec.slice("github:".length);
    const where = repository === void 0 ? void 0 : parseRepository(repository);
    if (where === void 0) {
      throw new UserError(
        spec === "github" ? "registry github needs the repository (GITHUB_REPOSITORY is not set)" : `registry "${spec}" is not github:OWNER/REPO`,
        { hint: "use registry: github:OWNER/REPO, or a local folder (file:///path) outside GitHub Actions" }
      );
    }
    if (options.token === void 0 || options.token === "")
      throw new UserError(`registry ${spec} needs a GitHub token`, {
        hint: "pass the token input (contents: write to release, contents: read to fetch), or set GITHUB_TOKEN for the CLI"
      });
    const client = createGitHubClient({ token: options.token, logger: options.logger, userAgentVersion: options.userAgentVersion });
    return new GitHubStore({
      client,
      owner: where.owner,
      repo: where.repo,
      tagFormat: options.tagFormat,
      logger: options.logger,
      network: options.network
    });
  }
  if (spec.startsWith("file:") && !/^file:\/\/(localhost)?\//.test(spec)) {
    throw new UserError(`registry "${spec}" is not a local file URL`, {
      hint: "write file:///absolute/path (three slashes), or just the folder's path"
    });
  }
  return localStoreFromUrl(spec);
}

export {
  MANIFEST_NAME,
  SUMS_NAME,
  shortDigest,
  formatSha256Sums,
  parseManifest,
  formatManifest,
  describeMark,
  retiredRefusal,
  parseModelAtVersion,
  fetchModel,
  installVerified,
  resolveVersion,
  unknownVersion,
  LocalStore,
  openStore
};
