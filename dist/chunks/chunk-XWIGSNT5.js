import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  readModelSignature
} from "./chunk-ZWA36I4M.js";
import {
  run_record_schema_default
} from "./chunk-HQLH6T7W.js";
import {
  profileReferenceData
} from "./chunk-FIWV6CKJ.js";
import {
  readProfile
} from "./chunk-ODVF5DUV.js";
import {
  readOnnxGraph
} from "./chunk-TYVJT2QX.js";
import {
  gate_report_schema_default
} from "./chunk-BHTRKUOV.js";
import {
  METRIC_LABELS
} from "./chunk-DPH7L46L.js";
import {
  writeFileAtomic
} from "./chunk-L4AE6QMJ.js";
import {
  openRunRegistry
} from "./chunk-KVA3DNHE.js";
import {
  checkOutputFolder
} from "./chunk-AZJWTHTA.js";
import {
  RELEASE_SETTINGS,
  resolveReleaseSettings
} from "./chunk-TCQG6L4P.js";
import {
  MANIFEST_NAME,
  SUMS_NAME,
  formatManifest,
  formatSha256Sums,
  shortDigest
} from "./chunk-TFJS4UUF.js";
import {
  DEFAULT_TAG_FORMAT,
  bumpVersion,
  checkModelName,
  compareVersions,
  isModelName,
  normalizeVersion,
  tagFor
} from "./chunk-TQQPERQT.js";
import {
  loadStageConfig
} from "./chunk-3S6RA3JE.js";
import {
  assertValid,
  readYamlFile,
  require_dist
} from "./chunk-RGJ5T3QL.js";
import {
  sha256File,
  sha256Of
} from "./chunk-R4CRXXNC.js";
import {
  code,
  escapeMarkdown,
  formatInterval,
  formatNumber,
  formatSigned,
  sections,
  statusIcon,
  table
} from "./chunk-HFKEWQQZ.js";
import {
  UserError,
  errnoCode,
  isUserError
} from "./chunk-SU4BFKON.js";
import {
  __toESM
} from "./chunk-333R3S4T.js";

// src/stages/release-stage.ts
import { mkdtemp, readFile as readFile2, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join as join2, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// src/registry/package.ts
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";

// src/registry/model-card.ts
var import_yaml = __toESM(require_dist(), 1);
var HF_TASKS = {
  binary: { type: "tabular-classification", name: "Binary classification" },
  multiclass: { type: "tabular-classification", name: "Multiclass classification" },
  regression: { type: "tabular-regression", name: "Regression" }
};
function cardMetadata(inputs) {
  const report = inputs.gateReport;
  const task = report === void 0 ? void 0 : HF_TASKS[report.model.task];
  const datasets = [...new Set([...inputs.runRecord?.data.files ?? [], ...report?.data.files ?? []].map((file) => file.path))];
  const measured = Object.entries(report?.metrics ?? {}).filter(
    (entry) => typeof entry[1].value === "number" && Number.isFinite(entry[1].value)
  );
  const evaluation = [...new Set((report?.data.files ?? []).map((file) => file.path))];
  return {
    ...inputs.license === void 0 ? {} : { license: inputs.license.toLowerCase() },
    library_name: "onnx",
    tags: ["modelship", "onnx", ...task === void 0 ? [] : [task.type]],
    ...task === void 0 ? {} : { pipeline_tag: task.type },
    ...datasets.length === 0 ? {} : { datasets },
    ...measured.length === 0 ? {} : { metrics: measured.map(([name]) => name) },
    ...report === void 0 || task === void 0 || measured.length === 0 ? {} : {
      "model-index": [
        {
          name: inputs.model,
          results: [
            {
              task,
              dataset: {
                name: evaluation.length === 0 ? "evaluation data" : evaluation.join(", "),
                type: evaluation.length === 0 ? "evaluation" : evaluation.join(", "),
                split: "test"
              },
              metrics: measured.map(([name, estimate]) => ({ type: name, value: estimate.value, name: METRIC_LABELS[name] ?? name }))
            }
          ]
        }
      ]
    }
  };
}
function frontMatter(inputs) {
  return `---
${(0, import_yaml.stringify)(cardMetadata(inputs), { lineWidth: 0 })}---`;
}
function cardSummary(inputs) {
  const report = inputs.gateReport;
  if (report === void 0) return `**${inputs.model} ${inputs.version}** was released **without a gate report** (allow-ungated).`;
  const headline = ["roc_auc", "accuracy", "rmse", "r2"].filter((name) => report.metrics[name]?.value !== null && report.metrics[name] !== void 0).slice(0, 2);
  const metrics = headline.map(
    (name) => `${METRIC_LABELS[name] ?? name} ${formatNumber(report.metrics[name].value)} (95% CI ${formatInterval(report.metrics[name].ci)})`
  ).join(", ");
  const gates = `${report.summary.pass} of ${report.gates.length} gates passed${report.summary.fail > 0 ? `, ${report.summary.fail} failed` : ""}${report.summary.warn > 0 ? `, ${report.summary.warn} warned` : ""}`;
  return `${statusIcon(report.verdict === "pass" ? "pass" : report.verdict === "warn" ? "warn" : "fail")} **${inputs.model} ${inputs.version}**: ${report.model.task} model, gate verdict **${report.verdict}** (${gates}). ${metrics}.${inputs.allowUngated ? ` Released with **allow-ungated**: ${inputs.ungatedReason ?? ""}` : ""}`;
}
function renderModelCard(inputs) {
  const report = inputs.gateReport;
  const record = inputs.runRecord;
  const intended = sections(
    "## Intended use",
    inputs.description === void 0 ? "_No description in modelship.yaml (`description:`)._" : escapeMarkdown(inputs.description),
    report?.model.task === "binary" ? `Binary classifier: positive class ${code(report.model.positiveLabel ?? "")} at threshold ${report.model.threshold}.` : report === void 0 ? "" : `${report.model.task} model.`
  );
  const dataRows = [
    ...(record?.data.files ?? []).map((file) => [
      code(file.path),
      "training run",
      code(shortDigest(file.sha256)),
      formatNumber(file.bytes)
    ]),
    ...(report?.data.files ?? []).map((file) => [
      code(file.path),
      `evaluation (${formatNumber(file.rows)} rows)`,
      code(shortDigest(file.sha256)),
      formatNumber(file.bytes)
    ])
  ];
  const data = sections(
    "## Data",
    dataRows.length === 0 ? "_No data fingerprints recorded._" : table(["File", "Used for", "sha256", "Bytes"], dataRows, { align: ["left", "left", "left", "right"] }),
    report === void 0 ? "" : `Target column: ${code(report.data.target)}.`
  );
  const metrics = report === void 0 ? "" : sections(
    "## Metrics",
    `On ${formatNumber(report.data.rows)} test rows; ${Math.round(report.randomness.confidence * 100)}% intervals from ${formatNumber(report.randomness.resamples)} bootstrap resamples (seed ${report.randomness.bootstrapSeed}).`,
    table(
      ["Metric", "Value", "CI"],
      Object.entries(report.metrics).map(([name, estimate]) => [
        METRIC_LABELS[name] ?? name,
        formatNumber(estimate.value),
        formatInterval(estimate.ci)
      ]),
      { align: ["left", "right", "left"] }
    )
  );
  const fairness = report === void 0 || report.fairness.length === 0 ? "" : sections(
    "## Fairness by group",
    ...report.fairness.map(
      (section) => sections(
        `### ${escapeMarkdown(section.grouping)}`,
        table(
          ["Group", "n", "Selection rate", "TPR", "FPR"],
          section.groups.map((group) => [
            `${escapeMarkdown(group.label)}${group.small ? " (too few rows to judge)" : ""}`,
            formatNumber(group.count),
            formatNumber(group.rates.selection_rate),
            formatNumber(group.rates.tpr),
            formatNumber(group.rates.fpr)
          ]),
          { align: ["left", "right", "right", "right", "right"] }
        ),
        Object.entries(section.metrics).filter(([, metric]) => metric.value !== null).map(([name, metric]) => `${METRIC_LABELS[name] ?? name}: ${formatNumber(metric.value)} ${formatInterval(metric.ci)}`).join(" \xB7 ")
      )
    )
  );
  const limitations = [];
  if (inputs.allowUngated) limitations.push(`Released with allow-ungated: ${inputs.ungatedReason ?? "see the gate report"}.`);
  for (const gate of report?.gates ?? [])
    if (gate.status !== "pass")
      limitations.push(
        `${gate.status === "fail" ? "Failed" : gate.status === "warn" ? "Warning" : "Not enough data"}: ${gate.name} \u2014 ${gate.reason}.`
      );
  for (const section of report?.fairness ?? []) {
    const small = section.groups.filter((group) => group.small).map((group) => group.label);
    if (small.length > 0)
      limitations.push(`Too few test rows to judge ${section.grouping} groups ${small.join(", ")}: performance there is unknown.`);
  }
  for (const note of report?.notes ?? []) limitations.push(note);
  limitations.push("The metrics hold for data like the evaluation data; watch for drift against the reference profile.");
  const lineage = table(
    ["", ""],
    [
      ["Git commit", record?.git.sha === void 0 ? "\u2014" : code(record.git.sha)],
      ["Training run", record?.run?.url ?? "\u2014"],
      [
        "Training mode",
        record === void 0 ? "\u2014" : record.mode === "builtin" ? `built-in trainer (${record.backend?.package ?? "TensorFlow.js"})` : code(record.command ?? "")
      ],
      ["Model sha256", report === void 0 ? "\u2014" : code(report.model.sha256)],
      ["Gate policy sha256", report === void 0 ? "\u2014" : code(report.policy.sha256)]
    ]
  );
  return sections(
    frontMatter(inputs),
    `# Model card: ${escapeMarkdown(inputs.model)} ${inputs.version}`,
    cardSummary(inputs),
    intended,
    data,
    metrics,
    fairness,
    sections("## Limitations", limitations.map((line) => `- ${escapeMarkdown(line)}`).join("\n")),
    sections("## Lineage", lineage)
  );
}
function renderReleaseNotes(inputs, manifest, previous) {
  const parts = [cardSummary(inputs)];
  if (previous !== void 0) {
    const names = [.../* @__PURE__ */ new Set([...Object.keys(manifest.metrics), ...Object.keys(previous.metrics)])];
    const rows = names.map((name) => {
      const ours = manifest.metrics[name]?.value ?? null;
      const theirs = previous.metrics[name]?.value ?? null;
      const delta = formatSigned(ours === null || theirs === null ? null : ours - theirs);
      return [METRIC_LABELS[name] ?? name, formatNumber(theirs), formatNumber(ours), delta];
    });
    parts.push(
      `### Against ${previous.version}`,
      table(["Metric", previous.version, manifest.version, "\u0394"], rows, { align: ["left", "right", "right", "right"] })
    );
  } else {
    parts.push("_The first release of this model._");
  }
  parts.push(
    `Package digest ${code(manifest.digest)}; verify with \`modelship fetch ${manifest.name}@${manifest.version}\` or \`sha256sum -c SHA256SUMS\`. The full model card is \`model-card.md\`.`
  );
  return sections(...parts);
}

// src/registry/triton-repository.ts
import { createReadStream } from "node:fs";
import { createHash } from "node:crypto";
import { open } from "node:fs/promises";

// node_modules/tar/dist/esm/server/index.min.js
import * as Ls from "node:fs/promises";
import { resolve as Us } from "node:path";
import { constants as Os } from "node:buffer";
import * as Ps from "node:zlib";
var Ti = Object.defineProperty;
var zi = (i2, e) => {
  for (var t in e) Ti(i2, t, { get: e[t], enumerable: true });
};
var E = (i2) => ArrayBuffer.isView(i2) && i2[Symbol.toStringTag] === "Uint8Array";
var it = (i2) => Object.prototype.toString.call(i2) === "[object ArrayBuffer]";
var L = (i2) => typeof i2?.size == "number" && typeof i2.stream == "function";
var Pe = (i2) => typeof i2?.getReader == "function";
var Oi = new TextDecoder("utf-8", { ignoreBOM: true });
var Pi = new TextEncoder();
var A = (i2) => {
  let e = i2.length;
  for (let t = 0; t < i2.length; t++) {
    let s = i2.charCodeAt(t);
    s < 128 || (s < 2048 ? e += 1 : s >= 55296 && s <= 56319 && (i2.charCodeAt(t + 1) & 64512) === 56320 ? (e += 2, t++) : e += 2);
  }
  return e;
};
var U = (i2, e = 0, t = i2.length) => {
  let s = "";
  for (let n = e; n < t; n++) {
    let r = i2[n];
    if (r >= 128) return Oi.decode(i2.subarray(e, t));
    s += String.fromCharCode(r);
  }
  return s;
};
var Fe = (i2, e, t, s) => {
  let { written: n } = Pi.encodeInto(i2, e.subarray(t, t + s));
  e.fill(0, t + n, t + s);
};
var st = (i2, e, t) => {
  for (let s = 0; s < i2.length; s++) e[t + s] = i2.charCodeAt(s);
};
var vt = (i2, e) => {
  if (Number.isSafeInteger(i2)) i2 < 0 ? Ni(i2, e) : Fi(i2, e);
  else throw Error("cannot encode number outside of javascript safe integer range");
  return e;
};
var Fi = (i2, e) => {
  e[0] = 128;
  for (var t = e.length; t > 1; t--) e[t - 1] = i2 & 255, i2 = Math.floor(i2 / 256);
};
var Ni = (i2, e) => {
  e[0] = 255;
  var t = false;
  i2 = i2 * -1;
  for (var s = e.length; s > 1; s--) {
    var n = i2 & 255;
    i2 = Math.floor(i2 / 256), t ? e[s - 1] = Rt(n) : n === 0 ? e[s - 1] = 0 : (t = true, e[s - 1] = At(n));
  }
};
var Et = (i2) => {
  let e = i2[0], t = e === 128 ? Ui(i2.subarray(1, i2.length)) : e === 255 ? Li(i2) : null;
  if (t === null) throw Error("invalid base256 encoding");
  if (!Number.isSafeInteger(t)) throw Error("parsed number outside of javascript safe integer range");
  return t;
};
var Li = (i2) => {
  for (var e = i2.length, t = 0, s = false, n = e - 1; n > -1; n--) {
    var r = Number(i2[n]), o;
    s ? o = Rt(r) : r === 0 ? o = r : (s = true, o = At(r)), o !== 0 && (t -= o * Math.pow(256, e - n - 1));
  }
  return t;
};
var Ui = (i2) => {
  for (var e = i2.length, t = 0, s = e - 1; s > -1; s--) {
    var n = Number(i2[s]);
    n !== 0 && (t += n * Math.pow(256, e - s - 1));
  }
  return t;
};
var Rt = (i2) => (255 ^ i2) & 255;
var At = (i2) => (255 ^ i2) + 1 & 255;
var he = (i2) => {
  let e = i2.charCodeAt(0) === 47, t = [];
  for (let r of i2.split("/")) r === "" || r === "." || (r !== ".." ? t.push(r) : t.length && t[t.length - 1] !== ".." ? t.pop() : e || t.push(r));
  let s = t.length && i2.charCodeAt(i2.length - 1) === 47, n = t.join("/") + (s ? "/" : "");
  return e ? "/" + n : n || (i2.endsWith("/") ? "./" : ".");
};
var W = (...i2) => he(i2.filter((e) => e).join("/"));
var O = (i2) => {
  let e = i2.length;
  for (; e > 1 && i2.charCodeAt(e - 1) === 47; ) e--;
  let t = i2.lastIndexOf("/", e - 1);
  return t === -1 ? "." : t === 0 ? "/" : t === 1 && i2.charCodeAt(0) === 47 ? "//" : i2.slice(0, t);
};
var le = (i2) => {
  let e = i2.length;
  for (; e > 0 && i2.charCodeAt(e - 1) === 47; ) e--;
  return i2.slice(i2.lastIndexOf("/", e - 1) + 1, e);
};
var ie = (i2) => i2.charCodeAt(0) === 47;
var C = (...i2) => {
  let e = "";
  for (let s = i2.length - 1; s >= 0 && !ie(e); s--) {
    let n = i2[s];
    n && (e = e ? n + "/" + e : n);
  }
  let t = he(e);
  return t.length > 1 && t.endsWith("/") ? t.slice(0, -1) : t;
};
var D = (i2, e) => {
  let t = C(i2).split("/"), s = C(e).split("/");
  t[t.length - 1] || t.pop(), s[s.length - 1] || s.pop();
  let n = 0;
  for (; n < t.length && n < s.length && t[n] === s[n]; ) n++;
  return [...Array.from({ length: t.length - n }, () => ".."), ...s.slice(n)].join("/");
};
var nt = {};
zi(nt, { code: () => Ne, isCode: () => de, isName: () => Di, name: () => pe, normalFsTypes: () => Mi });
var de = (i2) => pe.has(i2);
var Di = (i2) => Ne.has(i2);
var Mi = /* @__PURE__ */ new Set(["0", "", "1", "2", "3", "4", "5", "6", "7", "D"]);
var pe = /* @__PURE__ */ new Map([["0", "File"], ["", "OldFile"], ["1", "Link"], ["2", "SymbolicLink"], ["3", "CharacterDevice"], ["4", "BlockDevice"], ["5", "Directory"], ["6", "FIFO"], ["7", "ContiguousFile"], ["g", "GlobalExtendedHeader"], ["x", "ExtendedHeader"], ["A", "SolarisACL"], ["D", "GNUDumpDir"], ["I", "Inode"], ["K", "NextFileHasLongLinkpath"], ["L", "NextFileHasLongPath"], ["M", "ContinuationFile"], ["N", "OldGnuLongPath"], ["S", "SparseFile"], ["V", "TapeVolumeHeader"], ["X", "OldExtendedHeader"]]);
var Ne = new Map(Array.from(pe).map((i2) => [i2[1], i2[0]]));
var _i = (i2) => i2 === void 0 || i2 < 0 ? void 0 : i2;
var R = class {
  cksumValid = false;
  needPax = false;
  nullBlock = false;
  block;
  path;
  mode;
  uid;
  gid;
  size;
  cksum;
  #e = "Unsupported";
  linkpath;
  uname;
  gname;
  devmaj = 0;
  devmin = 0;
  atime;
  ctime;
  mtime;
  charset;
  comment;
  constructor(e, t = 0, s, n) {
    E(e) ? this.decode(e, t || 0, s, n) : e && this.#t(e);
  }
  decode(e, t, s, n) {
    if (t || (t = 0), !e || !(e.length >= t + 512)) throw new Error("need 512 bytes for header");
    let r = P(e, t + 156, 1), o = /^[xgXLK]$/.test(r), a = o ? void 0 : s, c = o ? void 0 : n;
    if (this.path = a?.path ?? P(e, t, 100), this.mode = a?.mode ?? c?.mode ?? _(e, t + 100, 8), this.uid = a?.uid ?? c?.uid ?? _(e, t + 108, 8), this.gid = a?.gid ?? c?.gid ?? _(e, t + 116, 8), this.size = _i(a?.size ?? $i(e, t + 124)), this.mtime = a?.mtime ?? c?.mtime ?? rt(e, t + 136, 12), this.cksum = _(e, t + 148, 12), c && this.#t(c, true), a && this.#t(a), de(r) && (this.#e = r || "0"), this.#e === "0" && this.path.slice(-1) === "/" && (this.#e = "5"), this.#e === "5" && (this.size = 0), this.linkpath = P(e, t + 157, 100), U(e, t + 257, t + 265) === "ustar\x0000") if (this.uname = a?.uname ?? c?.uname ?? P(e, t + 265, 32), this.gname = a?.gname ?? c?.gname ?? P(e, t + 297, 32), this.devmaj = a?.devmaj ?? c?.devmaj ?? _(e, t + 329, 8) ?? 0, this.devmin = a?.devmin ?? c?.devmin ?? _(e, t + 337, 8) ?? 0, e[t + 475] !== 0) {
      let l = P(e, t + 345, 155);
      this.path = l + "/" + this.path;
    } else {
      let l = P(e, t + 345, 130);
      l && (this.path = l + "/" + this.path), this.atime = s?.atime ?? n?.atime ?? rt(e, t + 476, 12), this.ctime = s?.ctime ?? n?.ctime ?? rt(e, t + 488, 12);
    }
    let h = 256;
    for (let l = t; l < t + 148; l++) h += e[l];
    for (let l = t + 156; l < t + 512; l++) h += e[l];
    this.cksumValid = h === this.cksum, this.cksum === void 0 && h === 256 && (this.nullBlock = true);
  }
  #t(e, t = false) {
    Object.assign(this, Object.fromEntries(Object.entries(e).filter(([s, n]) => !(n == null || s === "size" && (t || Number(n) < 0) || s === "path" && t || s === "linkpath" && t || s === "global"))));
  }
  encode(e, t = 0) {
    if (e || (e = this.block = new Uint8Array(512)), this.#e === "Unsupported" && (this.#e = "0"), !(e.length >= t + 512)) throw new Error("need 512 bytes for header");
    let s = this.ctime || this.atime ? 130 : 155, n = Ii(this.path || "", s), r = n[0], o = n[1];
    this.needPax = !!n[2], this.needPax = G(e, t, 100, r) || this.needPax, this.needPax = M(e, t + 100, 8, this.mode) || this.needPax, this.needPax = M(e, t + 108, 8, this.uid) || this.needPax, this.needPax = M(e, t + 116, 8, this.gid) || this.needPax, this.needPax = M(e, t + 124, 12, this.size) || this.needPax, this.needPax = ot(e, t + 136, 12, this.mtime) || this.needPax, e[t + 156] = Number(this.#e.codePointAt(0)), this.needPax = G(e, t + 157, 100, this.linkpath) || this.needPax, st("ustar\x0000", e, t + 257), this.needPax = G(e, t + 265, 32, this.uname) || this.needPax, this.needPax = G(e, t + 297, 32, this.gname) || this.needPax, this.needPax = M(e, t + 329, 8, this.devmaj) || this.needPax, this.needPax = M(e, t + 337, 8, this.devmin) || this.needPax, this.needPax = G(e, t + 345, s, o) || this.needPax, e[t + 475] !== 0 ? this.needPax = G(e, t + 345, 155, o) || this.needPax : (this.needPax = G(e, t + 345, 130, o) || this.needPax, this.needPax = ot(e, t + 476, 12, this.atime) || this.needPax, this.needPax = ot(e, t + 488, 12, this.ctime) || this.needPax);
    let a = 256;
    for (let c = t; c < t + 148; c++) a += e[c];
    for (let c = t + 156; c < t + 512; c++) a += e[c];
    return this.cksum = a, M(e, t + 148, 8, this.cksum), this.cksumValid = true, this.needPax;
  }
  get type() {
    return this.#e === "Unsupported" ? this.#e : pe.get(this.#e);
  }
  get typeKey() {
    return this.#e;
  }
  set type(e) {
    let t = String(Ne.get(e));
    if (de(t) || t === "Unsupported") this.#e = t;
    else if (de(e)) this.#e = e;
    else throw new TypeError("invalid entry type: " + e);
  }
};
var Ii = (i2, e) => {
  let s = i2, n = "", r, o = i2.charAt(0) === "/" ? "/" : ".";
  if (A(s) < 100) r = [s, n, false];
  else {
    n = O(s), s = le(s);
    do
      A(s) <= 100 && A(n) <= e ? r = [s, n, false] : A(s) > 100 && A(n) <= e ? r = [s.slice(0, 99), n, true] : (s = W(le(n), s), n = O(n));
    while (n !== o && r === void 0);
    r || (r = [i2.slice(0, 99), "", true]);
  }
  return r;
};
var P = (i2, e, t) => {
  let s = e, n = Math.min(e + t, i2.length);
  for (; s < n && i2[s] !== 0; ) s++;
  return U(i2, e, s);
};
var rt = (i2, e, t) => Bi(_(i2, e, t));
var Bi = (i2) => i2 === void 0 ? void 0 : new Date(i2 * 1e3);
var _ = (i2, e, t) => Number(i2[e]) & 128 ? Hi(i2.subarray(e, e + t)) : Wi(i2, e, t);
var Hi = (i2) => {
  try {
    return Et(i2);
  } catch {
    return;
  }
};
var $i = (i2, e) => {
  if (Number(i2[e]) & 128) return _(i2, e, 12);
  let t = P(i2, e, 12);
  return /^ *[0-7]* *$/.test(t) && i2.subarray(e + t.length, e + 12).every((s) => s === 0) ? parseInt(t, 8) || 0 : void 0;
};
var ji = (i2) => isNaN(i2) ? void 0 : i2;
var Wi = (i2, e, t) => ji(parseInt(P(i2, e, t).trim(), 8));
var Gi = { 12: 8589934591, 8: 2097151 };
var M = (i2, e, t, s) => s === void 0 ? false : s > Gi[t] || s < 0 ? (vt(s, i2.subarray(e, e + t)), true) : (Yi(i2, e, t, s), false);
var Yi = (i2, e, t, s) => st(qi(s, t), i2, e);
var qi = (i2, e) => Vi(Math.floor(i2).toString(8), e);
var Vi = (i2, e) => (i2.length === e - 1 ? i2 : "0".repeat(e - i2.length - 2) + i2 + " ") + "\0";
var ot = (i2, e, t, s) => s === void 0 ? false : M(i2, e, t, s.getTime() / 1e3);
var G = (i2, e, t, s) => s === void 0 ? false : (Fe(s, i2, e, t), s.length !== A(s) || s.length > t);
var Tt = /^\d+$/;
var Y = class i {
  atime;
  mtime;
  ctime;
  charset;
  comment;
  gid;
  uid;
  gname;
  uname;
  linkpath;
  dev;
  ino;
  nlink;
  path;
  size;
  mode;
  global;
  constructor(e, t = false) {
    this.atime = e.atime, this.charset = e.charset, this.comment = e.comment, this.ctime = e.ctime, this.dev = e.dev, this.gid = e.gid, this.global = t, this.gname = e.gname, this.ino = e.ino, this.linkpath = e.linkpath, this.mtime = e.mtime, this.nlink = e.nlink, this.path = e.path, this.size = e.size, this.uid = e.uid, this.uname = e.uname;
  }
  encode() {
    let e = this.encodeBody();
    if (e === "") return new Uint8Array(0);
    let t = A(e), s = 512 * Math.ceil(1 + t / 512), n = new Uint8Array(s);
    return new R({ path: ("PaxHeader/" + le(this.path ?? "")).slice(0, 99), mode: this.mode || 420, uid: this.uid, gid: this.gid, size: t, mtime: this.mtime, type: this.global ? "GlobalExtendedHeader" : "ExtendedHeader", linkpath: "", uname: this.uname || "", gname: this.gname || "", devmaj: 0, devmin: 0, atime: this.atime, ctime: this.ctime }).encode(n), Fe(e, n, 512, t), n;
  }
  encodeBody() {
    return this.encodeField("path") + this.encodeField("ctime") + this.encodeField("atime") + this.encodeField("dev") + this.encodeField("ino") + this.encodeField("nlink") + this.encodeField("charset") + this.encodeField("comment") + this.encodeField("gid") + this.encodeField("gname") + this.encodeField("linkpath") + this.encodeField("mtime") + this.encodeField("size") + this.encodeField("uid") + this.encodeField("uname");
  }
  encodeField(e) {
    if (this[e] === void 0) return "";
    let t = this[e], s = typeof t == "object" ? t.getTime() / 1e3 : t, n = " " + (e === "dev" || e === "ino" || e === "nlink" ? "SCHILY." : "") + e + "=" + s + `
`, r = A(n), o = Math.floor(Math.log(r) / Math.log(10)) + 1;
    return r + o >= Math.pow(10, o) && (o += 1), o + r + n;
  }
  static parse(e, t, s = false) {
    return i.parseBytes(new TextEncoder().encode(e), t, s);
  }
  static parseBytes(e, t, s = false) {
    return new i(Xi(Ki(e), t), s);
  }
};
var Xi = (i2, e) => e ? Object.assign({}, e, i2) : i2;
var Ki = (i2) => {
  let e = /* @__PURE__ */ Object.create(null), t = 0;
  for (; t < i2.length && i2[t] !== 0; ) {
    let s = t;
    for (; s < i2.length && i2[s] >= 48 && i2[s] <= 57; ) s++;
    let n = t + Number(U(i2, t, s));
    if (s === t || i2[s] !== 32 || n <= s + 1 || n > i2.length || i2[n - 1] !== 10) throw new Error("invalid PAX record");
    Zi(e, U(i2, s + 1, n - 1)), t = n;
  }
  return e;
};
var Zi = (i2, e) => {
  let t = e.split("=");
  if (t.length === 1) throw new Error("invalid PAX record");
  let s = t.shift();
  if (!s) return i2;
  let n = s.replace(/^SCHILY\.(dev|ino|nlink)/, "$1"), r = t.join("="), o = r.indexOf("\0"), a = o === -1 ? r : r.slice(0, o);
  switch (n) {
    case "path":
    case "linkpath":
    case "type":
    case "charset":
    case "comment":
    case "gname":
    case "uname":
      i2[n] = a;
      break;
    case "ctime":
    case "atime":
    case "mtime":
      let c = new Date(Number(a) * 1e3);
      isNaN(c.getTime()) || (i2[n] = c);
      break;
    case "size":
      if (!Tt.test(r) || !Number.isSafeInteger(+r)) throw new Error("invalid PAX size");
      i2[n] = +r;
      break;
    case "gid":
    case "uid":
    case "dev":
    case "ino":
    case "nlink":
    case "mode":
      if (!Tt.test(a.trim())) break;
      let h = +a;
      if (!Number.isSafeInteger(h)) break;
      i2[n] = h;
      break;
  }
  return i2;
};
var T = { name: "gzip", headLength: 2, detect: (i2) => i2[0] === 31 && i2[1] === 139, decompress: () => new DecompressionStream("gzip"), compress: (i2) => {
  let e = new CompressionStream("gzip");
  if (!i2?.portable) return e;
  let t = 0;
  return { writable: e.writable, readable: e.readable.pipeThrough(new TransformStream({ transform: (s, n) => {
    t <= 9 && t + s.length > 9 && (s[9 - t] = 255), t += s.length, n.enqueue(s);
  } })) };
} };
var zt = { C: "cwd", f: "file", z: "gzip", P: "preservePaths", U: "unlink", "strip-components": "strip", stripComponents: "strip", "keep-newer": "newer", keepNewer: "newer", "keep-newer-files": "newer", keepNewerFiles: "newer", k: "keep", "keep-existing": "keep", keepExisting: "keep", m: "noMtime", "no-mtime": "noMtime", p: "preserveOwner", L: "follow", h: "follow", onentry: "onEntry", onReadEntry: "onEntry" };
var y = (i2) => {
  let e = Object.assign(/* @__PURE__ */ Object.create(null), i2);
  for (let [t, s] of Object.entries(zt)) e[t] !== void 0 && (e[s] ??= e[t]), delete e[t];
  return e.noChmod === false && (e.chmod ??= true), delete e.noChmod, e;
};
var F = (i2) => {
  if (i2.length === 1) return i2[0].slice();
  let e = 0;
  for (let n of i2) e += n.length;
  let t = new Uint8Array(e), s = 0;
  for (let n of i2) t.set(n, s), s += n.length;
  return t;
};
var k = (i2, e) => Object.assign(/* @__PURE__ */ Object.create(null), i2, e);
var q = (i2, e, t) => {
  if (e == null || e === 0) return t;
  if (e === 1 / 0 || Number.isInteger(e) && Number(e) > 0) return e;
  throw new TypeError(`${i2} must be a positive integer`);
};
var Ji = /* @__PURE__ */ new Set(["File", "OldFile", "Link", "SymbolicLink", "CharacterDevice", "BlockDevice", "Directory", "FIFO", "ContiguousFile", "GNUDumpDir"]);
var Le = (i2) => i2.replaceAll("\\", "/");
var V = class {
  header;
  extended;
  globalExtended;
  type;
  path;
  mode;
  uid;
  gid;
  uname;
  gname;
  size;
  mtime;
  atime;
  ctime;
  linkpath;
  devmaj;
  devmin;
  dev;
  ino;
  nlink;
  absolute;
  ignore;
  invalid = false;
  unsupported = false;
  constructor(e, t, s, n = false) {
    if (!e.path) throw new Error("no path provided for tar.ReadEntry");
    this.header = e, this.extended = t, this.globalExtended = s, this.type = e.type, this.ignore = !Ji.has(this.type), this.path = n ? Le(e.path) : e.path, this.mode = e.mode && e.mode & 4095, this.uid = e.uid, this.gid = e.gid, this.uname = e.uname, this.gname = e.gname, this.size = e.size ?? 0, this.mtime = e.mtime, this.atime = e.atime, this.ctime = e.ctime;
    let r = this.type === "Link" || this.type === "SymbolicLink";
    this.linkpath = r && e.linkpath ? n ? Le(e.linkpath) : e.linkpath : void 0, this.devmaj = e.devmaj, this.devmin = e.devmin, s && this.#e(s), t && (this.#e(t), t.path != null && (this.path = n ? Le(t.path) : t.path), r && t.linkpath != null && (this.linkpath = n ? Le(t.linkpath) : t.linkpath));
  }
  #e(e) {
    e.uid != null && (this.uid = e.uid), e.gid != null && (this.gid = e.gid), e.uname != null && (this.uname = e.uname), e.gname != null && (this.gname = e.gname), e.mtime != null && (this.mtime = e.mtime), e.atime != null && (this.atime = e.atime), e.ctime != null && (this.ctime = e.ctime), e.dev != null && (this.dev = e.dev), e.ino != null && (this.ino = e.ino), e.nlink != null && (this.nlink = e.nlink);
  }
};
var Ot = new TextDecoder();
var Pt = (i2) => {
  let e = "";
  for (let t of i2) e += Ot.decode(t, { stream: true });
  return e + Ot.decode();
};
var Ft = () => new TypeError("Body has already been consumed");
var fe = class extends V {
  #e;
  #t = false;
  #i;
  constructor(e, t, s, n, r) {
    super(e, t, s, n), this.#e = r;
  }
  get bodyUsed() {
    return this.#t;
  }
  get body() {
    if (this.#i) return this.#i;
    let e = false;
    return this.#i = new ReadableStream({ pull: async (t) => {
      e || (this.#s(), e = true);
      let [s] = await this.#n(1);
      s ? t.enqueue(s) : t.close();
    } }, { highWaterMark: 0 });
  }
  #s() {
    if (this.#t) throw Ft();
    this.#t = true;
  }
  #r(e, t = 1 / 0) {
    let s = this.#e;
    for (; s && e.length < t; ) {
      let n = s.readBody(this);
      if (n === null) break;
      if (n === void 0) return false;
      e.push(n);
    }
    return true;
  }
  async #n(e) {
    let t = [];
    for (; !this.#r(t, e); ) await this.#e?.fill();
    return t;
  }
  async bytes() {
    this.#s();
    let e = [];
    for (; !this.#r(e); ) await this.#e?.fill();
    return F(e);
  }
  async arrayBuffer() {
    return (await this.bytes()).buffer;
  }
  async text() {
    return this.#s(), Pt(await this.#n());
  }
  async blob() {
    return this.#s(), new Blob(await this.#n());
  }
};
var Nt = (i2, e, t, s) => (i2.file && (s.file = i2.file), s.code = typeof t == "object" && t.code || e, s.tarCode = e, s);
var me = (i2, e, t, s = {}) => Object.assign(typeof t == "object" ? t : new Error(`${e}: ${t}`), Nt(i2, e, t, s));
var S = (i2, e, t, s = {}) => {
  let n = Object.hasOwn(s, "recoverable") && s.recoverable === false;
  if (i2.strict || n) throw me(i2, e, t, s);
  Nt(i2, e, t, s), typeof t == "object" && (s = Object.assign(t, s), t = t.message), i2.onwarn?.(e, t, s);
};
var Lt = 0;
var X = 1;
var Ue = 2;
var Ce = 3;
var Ut = 4;
var at = { type: "entryEnd" };
var Qi = { type: "end" };
var es = /* @__PURE__ */ new Set(["ExtendedHeader", "OldExtendedHeader", "GlobalExtendedHeader", "NextFileHasLongPath", "NextFileHasLongLinkpath"]);
var ts = /* @__PURE__ */ new Set(["Link", "SymbolicLink", "CharacterDevice", "BlockDevice", "FIFO", "TapeVolumeHeader"]);
var Ct = (i2) => {
  let e = i2.indexOf(0);
  return U(i2, 0, e === -1 ? i2.length : e);
};
var I = class {
  maxMetaEntrySize;
  position = 0;
  offset = 0;
  #e;
  #t;
  #i;
  #s = [];
  #r;
  #n = 0;
  #a;
  #o = 0;
  #c = Lt;
  #h;
  #d;
  #w;
  #x = 0;
  #p = 0;
  #l = 0;
  #f;
  #y;
  #v;
  #E;
  #k = false;
  #g;
  #S = false;
  #u = false;
  #b = 0;
  constructor(e = {}, t) {
    e = this.#e = k(e), this.maxMetaEntrySize = e.maxMetaEntrySize || 1024 * 1024, this.#t = e.filter;
    let s = e.platform === "win32";
    this.#i = t ?? ((n, r, o) => new V(n, r, o, s));
  }
  warn(e, t, s) {
    S(this.#e, e, t, s);
  }
  push(e) {
    this.#k || this.#s.push(e);
  }
  end() {
    this.#k = true;
  }
  get bodyRemain() {
    let e = this.#r, t = this.#c;
    return t !== Ue && t !== Ce || this.#s.length || e && this.#n < e.length ? 0 : this.#l;
  }
  skipBody() {
    this.#u = this.#c === Ue, this.offset += this.#l, this.#p = this.#l = 0, this.#R();
  }
  next() {
    if (this.#u) return this.#u = false, at;
    for (; ; ) {
      let e = this.#r, t = this.#n;
      if (!e || t === e.length) {
        if (e = this.#r = this.#s.shift(), t = this.#n = 0, !e) {
          if (!this.#k || this.#b === 2) return;
          let l = this.#z();
          if (l) return l;
        }
        continue;
      }
      let s = e.length - t, n = this.#c;
      if (n <= X) {
        let l;
        if (this.#o === 0 && s >= 512) this.#n = t + 512, l = this.#T(e, t);
        else {
          let d = this.#a ??= new Uint8Array(512), p = Math.min(512 - this.#o, s);
          if (d.set(e.subarray(t, t + p), this.#o), this.#n = t + p, this.#o += p, this.#o < 512) continue;
          this.#o = 0, l = this.#T(d, 0);
        }
        if (l) return l;
        continue;
      }
      let r = this.#l, o = s < r ? s : r, a = this.#p, c = o < a ? o : a;
      this.#n = t + o, this.offset += o, this.#l = r - o, this.#p = a - c;
      let h = o === r;
      if (n === Ut) {
        let l = this.#w;
        l.set(e.subarray(t, t + c), this.#x), this.#x += c, h && (this.#R(), this.#O(l));
        continue;
      }
      if (h && this.#R(), n !== Ce) {
        if (c === 0) {
          if (h) return at;
          continue;
        }
        return this.#u = h, { type: "body", data: c === e.length ? e : e.subarray(t, t + c) };
      }
    }
  }
  #R() {
    let e = this.#h;
    e && (this.position = this.offset, this.#h = void 0), !e?.invalid && !this.#S && (this.#g = true), this.#S = false, this.#c = X;
  }
  #z() {
    let e = this.#c;
    if (e > X) {
      let t = this.#h, s = (512 - this.#l % 512) % 512, n = this.#l + s;
      this.#h = void 0, this.#w = void 0, this.#c = X, !t?.invalid && !this.#S && (this.#g = true), this.#S = false, this.#u = e === Ue, this.warn("TAR_BAD_ARCHIVE", `Truncated input (needed ${n} more bytes, only ${s} available)`, { entry: t, header: this.#d });
      return;
    }
    return this.#u ? (this.#u = false, at) : (this.#b === 0 && (this.#b = 1, (e === Lt || this.#g === false) && this.warn("TAR_BAD_ARCHIVE", "Unrecognized archive format")), this.#b = 2, Qi);
  }
  #T(e, t) {
    this.offset += 512, this.#g === void 0 && (this.#g = false);
    let s = this.#f, n = this.#y, r = this.#v;
    (n !== void 0 || r !== void 0) && (s = Object.assign(/* @__PURE__ */ Object.create(null), s), s.path ??= n, s.linkpath ??= r);
    let o = new R(e, t, s, this.#E);
    if (o.nullBlock) {
      this.#k = true, this.#r = void 0, this.#s.length = 0, this.#o = 0, this.#c = X;
      return;
    }
    let a = o.type, c = es.has(a);
    if (!o.cksumValid) {
      this.#A(o, "checksum failure", false);
      return;
    }
    let h = o.size;
    if (h === void 0 && this.#m("invalid size", o), (h && ts.has(a) || a === "Directory" && s?.size) && this.#m(`${a} entry with a body`, o), !o.path && !c) {
      this.#A(o, "path is required", true);
      return;
    }
    if ((a === "Link" || a === "SymbolicLink") && !(s?.linkpath ?? o.linkpath)) {
      this.#A(o, "linkpath required", true);
      return;
    }
    if (this.#d = o, this.#p = h, this.#l = 512 * Math.ceil(h / 512), h || (this.#g = true), c) {
      h > this.maxMetaEntrySize && this.#m(`${a} entry larger than maxMetaEntrySize`, o), (a === "NextFileHasLongPath" ? n !== void 0 : a === "NextFileHasLongLinkpath" ? r !== void 0 : a !== "GlobalExtendedHeader" && this.#f) && this.#m(`two ${a} entries for one entry`, o), this.#f && a.startsWith("NextFile") && this.#m(`${a} entry after a PAX header`, o), h > 0 && (this.#w = new Uint8Array(h), this.#x = 0, this.#c = Ut);
      return;
    }
    this.#f = this.#y = this.#v = void 0;
    let l = this.#i(o, s, this.#E);
    return !l.ignore && this.#t && !this.#t(l.path, l) && (l.ignore = true), h ? (this.#h = l, this.#c = l.ignore ? Ce : Ue) : (this.#c = X, this.position = this.offset, this.#u = !l.ignore), { type: "entry", entry: l };
  }
  #A(e, t, s) {
    this.#f = this.#y = this.#v = void 0;
    let n = s ? e.size : 0;
    n && (this.#d = e, this.#p = n, this.#l = 512 * Math.ceil(n / 512), this.#c = Ce, this.#S = true), this.warn("TAR_ENTRY_INVALID", t, { header: e });
  }
  #m(e, t) {
    throw this.#k = true, this.#r = this.#w = void 0, this.#s.length = 0, this.#o = 0, this.#c = X, this.#b = 2, me(this.#e, "TAR_BAD_ARCHIVE", e, { header: t, recoverable: false });
  }
  #O(e) {
    let t = this.#d, s = t.type;
    if (s === "NextFileHasLongPath") {
      this.#y = Ct(e);
      return;
    }
    if (s === "NextFileHasLongLinkpath") {
      this.#v = Ct(e);
      return;
    }
    let n = s === "GlobalExtendedHeader", r;
    try {
      r = Y.parseBytes(e, n ? this.#E : void 0, n);
    } catch (o) {
      this.#m(o.message, t);
    }
    if (!n) {
      this.#f = r;
      return;
    }
    (r.size !== void 0 || r.path !== void 0 || r.linkpath !== void 0) && this.#m("size or path in a global PAX header", t), this.#E = r;
  }
};
var is = 16 * 1024 * 1024;
var Dt = 64 * 1024;
var ss = 1024 * 1024;
var Me = /* @__PURE__ */ Symbol.for("tar.readFile.skip");
var De = class {
  pos = 0;
  size = 0;
  #e;
  #t = Dt;
  constructor(e) {
    this.#e = q("maxReadSize", e, is);
  }
  next() {
    let e = Math.min(this.#t, this.#e, this.size - this.pos);
    return this.#t *= 2, e;
  }
  skip(e) {
    return e < ss || this.pos + e > this.size ? false : (this.pos += e, this.#t = Dt, true);
  }
};
async function* ns(i2, e, t) {
  let s = await i2.open(e, "r");
  try {
    t.size = (await s.stat()).size;
    for (let n; n = t.next(); ) {
      let r = new Uint8Array(n), { bytesRead: o } = await s.read(r, 0, n, t.pos);
      if (!o) break;
      t.pos += o, yield o < n ? r.subarray(0, o) : r;
    }
  } finally {
    await s.close().catch(() => {
    });
  }
}
var B = (i2, e, t) => {
  let s = new De(t);
  return Object.assign(ns(i2, e, s), { [Me]: (n) => s.skip(n) });
};
var ct = () => {
};
var ye = (i2) => Math.max(512, ...i2.map((e) => e.headLength));
var os = (i2) => {
  try {
    let e = new R(i2);
    return e.cksumValid || e.nullBlock;
  } catch {
    return false;
  }
};
var ge = (i2, e, t = "") => i2.find((s) => s.detect(e)) ?? (os(e) ? void 0 : i2.find((s) => s.extensions?.some((n) => t.endsWith(n))));
var Mt = (i2) => typeof i2.maxDecompressionRatio == "number" ? i2.maxDecompressionRatio : 1e3;
var _e = (i2, e) => me(i2, "TAR_ABORT", e, { recoverable: false });
var _t = (i2, e, t) => _e(i2, new Error(`max decompression ratio exceeded: ${e.toFixed(2)} > ${t}`));
var as = () => new TypeError("The body of an entry cannot be read after a later entry");
var we = class {
  parser;
  current;
  ended = false;
  constructor(e) {
    this.parser = e;
  }
  entry() {
    if (this.current = void 0, this.ended) return null;
    for (let e; e = this.parser.next(); ) {
      if (e.type === "end") return this.ended = true, null;
      if (e.type === "entry" && !e.entry.ignore) return this.current = e.entry;
    }
  }
  body(e) {
    if (e !== this.current) throw as();
    let t = this.parser.next();
    if (t) return t.type === "body" ? t.data : (this.current = void 0, null);
  }
};
var It = (i2, e) => {
  if (i2.current) return;
  let t = i2.parser.bodyRemain;
  t && e[Me]?.(t) && i2.parser.skipBody();
};
var cs = (i2) => {
  if (E(i2)) return [i2].values();
  if (it(i2)) return [new Uint8Array(i2)].values();
  if (L(i2) && (i2 = i2.stream()), Pe(i2)) {
    let e = i2.getReader();
    return { next: () => e.read(), return: () => e.cancel() };
  }
  return Symbol.asyncIterator in i2 ? i2[Symbol.asyncIterator]() : i2[Symbol.iterator]();
};
var b = class {
  parser;
  #e;
  #t;
  #i;
  #s;
  #r;
  #n;
  #a = false;
  constructor(e, t = {}) {
    t = k(t);
    let s = t.platform === "win32";
    this.parser = new I(t, (n, r, o) => new fe(n, r, o, s, this)), this.#e = new we(this.parser), this.#t = t, this.#i = cs(e);
  }
  poll() {
    return this.#a ? null : this.#e.entry();
  }
  readBody(e) {
    return this.#e.body(e);
  }
  fill() {
    return this.#n ??= this.#o();
  }
  async #o() {
    try {
      let e = this.#s ??= await this.#c(this.#i), t = this.#r;
      this.#r = void 0, e === this.#i && It(this.#e, e);
      let s = t ? { value: t, done: false } : await e.next();
      s.done ? this.parser.end() : this.parser.push(s.value);
    } finally {
      this.#n = void 0;
    }
  }
  async #c(e) {
    let t = this.#t, s = [...t.codecs ?? [], T], n = ye(s), r;
    for (; !r || r.length < n; ) {
      let m = await e.next();
      if (m.done) break;
      r = r ? F([r, m.value]) : m.value;
    }
    let o = r && ge(s, r, t.file);
    if (!o) return this.#r = r, e;
    let a = 0, c = 0, { readable: h, writable: l } = o.decompress(), d = l.getWriter(), p = h.getReader(), f = false;
    (async () => {
      try {
        for (; ; ) {
          if (await d.ready, f) return;
          let m = r ? { value: r, done: false } : await e.next();
          if (r = void 0, f) return;
          if (m.done) return await d.close();
          a += m.value.length, await d.write(m.value);
        }
      } catch (m) {
        f || await d.abort(m).catch(ct);
      }
    })();
    let u = Mt(t);
    return { next: async () => {
      let m = await p.read().catch((g) => {
        throw _e(t, g);
      });
      if (!m.done) {
        c += m.value.length;
        let g = c / a;
        if (g > u) throw _t(t, g, u);
      }
      return m;
    }, return: async () => (f = true, await p.cancel().catch(ct), await d.abort().catch(ct), await e.return?.(), { value: void 0, done: true }) };
  }
  async next() {
    try {
      for (; ; ) {
        let e = this.poll();
        if (e) return { value: e, done: false };
        if (e === null) break;
        await this.fill();
      }
    } catch (e) {
      throw await this.return(), e;
    }
    return this.return();
  }
  async return() {
    return this.#a || (this.#a = true, this.#e.current = void 0, await (this.#s ?? this.#i).return?.()), { value: void 0, done: true };
  }
  [Symbol.asyncIterator]() {
    return this;
  }
};
var Ht = (i2, e, t) => (i2 &= 4095, t && (i2 = (i2 | 384) & -19), e && (i2 & 256 && (i2 |= 64), i2 & 32 && (i2 |= 8), i2 & 4 && (i2 |= 1)), i2);
var Ie = ["|", "<", ">", "?", ":"];
var lt = Ie.map((i2) => String.fromCodePoint(61440 + Number(i2.codePointAt(0))));
var hs = new Map(Ie.map((i2, e) => [i2, lt[e]]));
var ls = new Map(lt.map((i2, e) => [i2, Ie[e]]));
var $t = (i2) => lt.reduce((e, t) => e.split(t).join(ls.get(t)), i2);
var K = (i2) => i2 === 47 || i2 === 92;
var ds = (i2) => i2 >= 65 && i2 <= 90 || i2 >= 97 && i2 <= 122;
var $ = (i2) => {
  let e = i2.length, t = 0;
  if (K(i2.charCodeAt(0))) {
    if (t = 1, K(i2.charCodeAt(1))) {
      let s = 2, n = s;
      for (; s < e && !K(i2.charCodeAt(s)); ) s++;
      if (s < e && s !== n) {
        for (n = s; s < e && K(i2.charCodeAt(s)); ) s++;
        if (s < e && s !== n) {
          for (n = s; s < e && !K(i2.charCodeAt(s)); ) s++;
          s === e ? t = s : s !== n && (t = s + 1);
        }
      }
    }
  } else ds(i2.charCodeAt(0)) && i2.charCodeAt(1) === 58 && (t = K(i2.charCodeAt(2)) ? 3 : 2);
  return i2.slice(0, t);
};
var xe = (i2) => K(i2.charCodeAt(0)) || $(i2).length === 3;
var Be = (i2, e) => {
  let t = xe(e) ? e : i2 + "/" + e, s = $(t);
  return s + C("/", t.slice(s.length)).slice(1);
};
var He = (i2) => {
  let e = "";
  for (let t; t = $(i2); ) i2.charAt(0) === "/" && i2.slice(0, 4) !== "//?/" && (t = "/"), i2 = i2.slice(t.length), e += t;
  return [e, i2];
};
var $e = (i2) => new ReadableStream({ pull: async (e) => {
  let t = await i2.next();
  t.done ? e.close() : e.enqueue(t.value);
}, cancel: async () => {
  await i2.return?.();
} }, { highWaterMark: 0 });
var Z = (i2) => {
  let e = i2.length - 1, t = -1;
  for (; e > -1 && i2.charAt(e) === "/"; ) t = e, e--;
  return t === -1 ? i2 : i2.slice(0, t);
};
var ps = new TextEncoder();
var Gt = (i2, e) => e ? Z(e) + "/" + i2.replace(/^\.(\/|$)/, "") : i2;
var se = class {
  path;
  type;
  mode;
  uid;
  gid;
  uname;
  gname;
  size;
  mtime;
  atime;
  ctime;
  linkpath;
  dev;
  ino;
  nlink;
  body;
  absolute;
  header;
  constructor(e, t) {
    if (e.type === "Unsupported") throw new Error("writing entry that should be ignored");
    if (typeof t == "string" && (t = ps.encode(t)), this.path = e.path, this.type = e.type ?? "File", this.mode = e.mode, this.uid = e.uid, this.gid = e.gid, this.uname = e.uname, this.gname = e.gname, e.size === void 0 && t !== void 0 && !E(t) && !L(t)) throw new TypeError("a stream body needs the size option");
    this.size = e.size ?? (E(t) ? t.length : L(t) ? t.size : 0), this.mtime = e.mtime, this.atime = e.atime, this.ctime = e.ctime, this.linkpath = e.linkpath, this.dev = e.dev, this.ino = e.ino, this.nlink = e.nlink, this.body = t;
  }
  encode(e = {}, t = new Uint8Array(512)) {
    e = k(e);
    let s = Gt(this.path, e.prefix), n = this.type === "Link" && this.linkpath !== void 0 ? Gt(this.linkpath, e.prefix) : this.linkpath, { uid: r, gid: o, uname: a, gname: c, size: h, mtime: l, atime: d, ctime: p } = this;
    if (this.header = new R({ path: s, linkpath: n, mode: this.mode, uid: r, gid: o, size: h, mtime: l, type: this.type, uname: a, gname: c, atime: d, ctime: p }), !this.header.encode(t) || e.noPax) return [t];
    let { dev: f, ino: w, nlink: u } = this;
    return [new Y({ atime: d, ctime: p, gid: o, gname: c, mtime: l, path: s, linkpath: n, size: h, uid: r, uname: a, dev: f, ino: w, nlink: u }).encode(), t];
  }
};
var fs = 16 * 1024 * 1024;
var z = () => {
};
var ke = (i2) => 512 * Math.ceil(i2 / 512);
var J = (i2) => i2.replaceAll("\\", "/");
var pt = (i2) => `${i2.dev}:${i2.ino}`;
var je = { bigint: true };
var us = ({ dev: i2, ino: e }) => !Number.isSafeInteger(i2) || !Number.isSafeInteger(e);
var We = (i2, e) => i2.dev === e.dev && i2.ino === e.ino;
var ft = (i2, e) => Object.assign(new Error(i2), { path: e, syscall: "read", code: "EOF" });
var Kt = (i2, e) => ft(`encountered unexpected EOF: ${i2} has fewer than the ${e} bytes of its stat`, i2);
var Zt = (i2, e) => ft(`did not encounter expected EOF: ${i2} has more than the ${e} bytes of its stat`, i2);
var Jt = (i2) => i2.absolute ?? i2.path;
var ms = (i2) => Object.assign(new Error("writing more data than expected"), { path: Jt(i2) });
var Qt = (i2) => Symbol.asyncIterator in i2 || Symbol.iterator in i2;
var ws = (i2) => typeof i2.encode == "function";
var N = class {
  path;
  absolute;
  up;
  linkpath;
  ready;
  constructor(e, t) {
    this.path = e, this.absolute = t;
  }
};
var Se = class {
  opt;
  fs;
  cwd;
  win32;
  maxReadSize;
  header;
  codec;
  codecOptions;
  ended = false;
  head;
  tail;
  wake;
  #e = /* @__PURE__ */ new Map();
  constructor(e, t) {
    e = this.opt = k(e), this.fs = e.fs, this.win32 = e.platform === "win32", this.maxReadSize = q("maxReadSize", e.maxReadSize, fs);
    let { prefix: s, noPax: n } = e;
    this.header = { prefix: s && this.win32 ? J(s) : s, noPax: n };
    let r = e.cwd && (this.win32 ? J(e.cwd) : e.cwd);
    if (r && !(this.win32 ? xe : ie)(r)) throw new TypeError("cwd must be an absolute path");
    this.cwd = r && this.#t(r, "");
    let o = e, a = ["gzip", "brotli", "zstd", "compress"].filter((h) => o[h]);
    if (a.length > 1) throw new TypeError(`${a.join(", ")} are mutually exclusive`);
    let [c] = a;
    if (c) {
      let h = e.compress, [l, d] = h ? Array.isArray(h) ? h : [h] : [[...e.codecs ?? [], T].find((p) => p.name === c), o[c]];
      if (!l?.[t]) throw new TypeError(`no codec named ${l?.name ?? c} has a ${t} function`);
      this.codec = l, this.codecOptions = { ...typeof d == "object" ? d : void 0, ...l.name === "gzip" && e.portable ? { portable: true } : void 0 };
    }
  }
  #t(e, t) {
    return this.win32 ? Be(e, t) : C(e, t);
  }
  resolve(e) {
    if (!this.cwd || !this.fs) throw new TypeError("a path needs the cwd and fs options");
    return this.#t(this.cwd, this.win32 ? J(e) : e);
  }
  add(e) {
    if (this.ended) throw new Error("write after end");
    if (typeof e != "string") this.push(e);
    else {
      let t = this.win32 ? J(e) : e;
      this.push(new N(t || "./", this.resolve(t)));
    }
    return this;
  }
  end() {
    return this.ended = true, this.wake?.(), this;
  }
  push(e) {
    let t = { item: e };
    this.tail ? this.tail.next = t : this.head = t, this.tail = t, this.wake?.();
  }
  shift() {
    this.head = this.head?.next, this.head || (this.tail = void 0);
  }
  needsExact(e) {
    return us(e) && (e.isDirectory() ? !!this.opt.follow : e.isFile() && e.nlink > 1);
  }
  plan(e, t, s) {
    let { filter: n } = this.opt;
    if (!(n && !n(e.path, t))) {
      if (t.isDirectory()) {
        for (let r = e.up; r; r = r.up) if (r.key === pt(s)) {
          S(this.opt, "TAR_ENTRY_ERROR", "directory is its own ancestor", { path: e.path, absolute: e.absolute });
          return;
        }
        return "Directory";
      }
      if (t.isSymbolicLink()) return "SymbolicLink";
      if (!t.isFile()) {
        S(this.opt, "TAR_ENTRY_UNSUPPORTED", "unsupported file type", { path: e.path, absolute: e.absolute });
        return;
      }
      if (t.nlink > 1) {
        let r = pt(s), o = this.#e.get(r), a = this.cwd;
        if (o !== e.absolute && o?.startsWith(a.endsWith("/") ? a : a + "/")) return e.linkpath = D(a, o), "Link";
        this.#e.set(r, e.absolute);
      }
      return "File";
    }
  }
  children(e, t, s) {
    let n = e.path === "./" ? "" : e.path.replace(/\/*$/, "/"), r = e.absolute.endsWith("/") ? e.absolute : e.absolute + "/", o = this.opt.follow ? { key: pt(s), up: e.up } : void 0;
    return [...t].sort().map((a) => {
      let c = new N(n + a, r + a);
      return c.up = o, c;
    });
  }
  missing(e, t) {
    if (t?.code !== "ENOENT") throw t;
    S(this.opt, "TAR_ENTRY_ERROR", t, { path: e.path, absolute: e.absolute });
  }
  changed(e, t) {
    S(this.opt, "TAR_ENTRY_ERROR", t === "Directory" ? "directory changed between lstat and readdir" : "file changed between lstat and open", { path: e.path, absolute: e.absolute });
  }
  pathEntry(e, t, s, n, r) {
    let { processUid: o, processUname: a = "" } = this.opt, c = new se({ path: e.path, type: s, mode: t.mode, uid: t.uid, gid: t.gid, uname: t.uid === o ? a : "", size: s === "File" ? t.size : 0, mtime: t.mtime, atime: t.atime, ctime: t.ctime, linkpath: n && this.win32 ? J(n) : n, dev: t.dev, ino: t.ino, nlink: t.nlink }, r);
    return c.absolute = e.absolute, this.#i(c, true);
  }
  addedEntry(e) {
    if (ws(e)) return this.#i(e, false);
    let { filter: t } = this.opt;
    if (!(t && !t(e.path, e))) return this.#i(new se(e, e.body), false);
  }
  #i(e, t) {
    let { opt: s, win32: n } = this, r = e.type === "Directory";
    n && !t && (e.path = J(e.path), e.linkpath && (e.linkpath = J(e.linkpath)));
    let [o, a] = s.preservePaths ? ["", e.path] : He(e.path);
    return e.path = a, t && (n && (e.path = $t(e.path)), e.path === "" && (e.path = "./")), o && S(s, "TAR_ENTRY_INFO", `stripping ${o} from absolute path`, { entry: e, path: o + e.path }), t && r && !e.path.endsWith("/") && (e.path += "/"), s.portable && (e.uid = e.gid = e.dev = e.ino = e.nlink = void 0, e.uname = e.gname = void 0, e.atime = e.ctime = void 0), e.mode !== void 0 && (e.mode = Ht(e.mode, r, !!s.portable)), e.mtime = s.noMtime || s.portable && r ? void 0 : s.mtime || e.mtime, e;
  }
};
var Yt = async (i2, e, t, s, n, r) => {
  for (; t < e.length && s < n; ) {
    let { bytesRead: o } = await i2.read(e, t, e.length - t, s);
    if (o <= 0) throw Kt(r, n);
    if (o > n - s) throw Zt(r, n);
    t += o, s += o;
  }
  return s;
};
async function* ys(i2) {
  if (E(i2)) yield i2;
  else if (L(i2) || Pe(i2)) {
    let e = (L(i2) ? i2.stream() : i2).getReader();
    try {
      for (; ; ) {
        let t = await e.read();
        if (t.done) break;
        yield t.value;
      }
    } finally {
      await e.cancel().catch(z);
    }
  } else i2 && (yield* i2);
}
var ei = (i2, e, t) => {
  if (t.length > e) throw ms(i2);
  return e - t.length;
};
var ti = (i2, e) => {
  if (e) throw ft("encountered unexpected EOF", Jt(i2));
  return new Uint8Array(ke(i2.size) - i2.size);
};
async function* Vt(i2) {
  if (!i2.size) return;
  let e = i2.size;
  for await (let s of ys(i2.body)) e = ei(i2, e, s), yield s;
  let t = ti(i2, e);
  t.length && (yield t);
}
var be = class extends Se {
  jobs;
  #e;
  #t = Promise.resolve();
  constructor(e = {}) {
    super(e, "compress"), this.jobs = q("jobs", this.opt.jobs, 4);
  }
  async next() {
    let e = await (this.#e ??= this.#i()).next();
    return e.done ? { value: void 0, done: true } : e;
  }
  async return() {
    return this.end(), await this.#e?.return(), { value: void 0, done: true };
  }
  [Symbol.asyncIterator]() {
    return this;
  }
  #i() {
    let { codec: e } = this;
    return e?.compress ? this.#s(e.compress(this.codecOptions)) : this.#r();
  }
  async *#s(e) {
    let t = this.#r(), s, n = $e({ next: () => t.next().catch((r) => {
      throw s = { er: r }, n.cancel().catch(z), r;
    }) }).pipeThrough(e).getReader();
    try {
      for (; ; ) {
        let r = await n.read();
        if (s) throw s.er;
        if (r.done) break;
        yield r.value;
      }
    } finally {
      await n.cancel().catch(z), await t.return();
    }
  }
  async *#r() {
    try {
      for (; ; ) {
        let e = this.head;
        if (!e) {
          if (this.ended) break;
          await new Promise((s) => this.wake = s);
          continue;
        }
        this.#n();
        let { item: t } = e;
        if (t instanceof N) yield* this.#c(t);
        else if (!Qt(t)) yield* this.#d(t);
        else for await (let s of t) yield* this.#d(s);
        this.shift();
      }
      yield new Uint8Array(1024);
    } finally {
      for (let e = this.head; e; e = e.next) {
        let { item: t } = e;
        if (!(t instanceof N) || !t.ready) break;
        await (await t.ready.catch(z))?.handle?.close().catch(z);
      }
    }
  }
  #n() {
    let e = this.fs, t = this.head;
    for (let s = 0; t && s < this.jobs; s++, t = t.next) {
      let n = t.item;
      if (!(n instanceof N)) break;
      if (n.ready) continue;
      let r = this.#a(e, n.absolute);
      r.catch(z);
      let o = this.#t.then(() => r).then(([a, c]) => {
        let h = this.plan(n, a, c);
        return h && { load: this.#o(e, n, a, c, h) };
      }, (a) => this.missing(n, a));
      this.#t = o.catch(z), n.ready = o.then((a) => a?.load), n.ready.catch(z);
    }
  }
  async #a(e, t) {
    let { follow: s } = this.opt, n = await (s ? e.stat(t) : e.lstat(t)), r = this.needsExact(n) ? await (s ? e.stat(t, je) : e.lstat(t, je)) : n;
    return [n, r];
  }
  async #o(e, t, s, n, r) {
    let { absolute: o } = t, { follow: a, noDirRecurse: c } = this.opt, h = { stat: s, id: n, type: r };
    if (r === "SymbolicLink") h.linkpath = await e.readlink(o);
    else if (r === "Directory" && !c) h.names = await e.readdir(o), h.changed = !a && !We(s, await e.lstat(o));
    else if (r === "File" && s.size) {
      let l = await e.open(o, "r");
      try {
        let { size: d } = s, p = ke(d);
        !a && !We(s, await l.stat()) ? h.changed = true : p > this.maxReadSize ? h.handle = l : (h.buf = new Uint8Array(512 + p), await Yt(l, h.buf, 512, 0, d, o));
      } catch (d) {
        throw await l.close().catch(z), d;
      }
      h.handle || await l.close();
    }
    return h;
  }
  async *#c(e) {
    let t = await e.ready;
    if (!t) return;
    let { stat: s, id: n, type: r, names: o, buf: a, handle: c } = t;
    if (t.changed) return this.changed(e, r);
    let h = false;
    try {
      let l = a ? a.subarray(512, 512 + s.size) : c && this.#h(c, s.size, e.absolute), d = this.pathEntry(e, s, r, t.linkpath ?? e.linkpath, l);
      if (o) for (let f of this.children(e, o, n)) this.push(f);
      await this.opt.onWriteEntry?.(d);
      let p = a && d.body === l && d.size === s.size;
      yield* d.encode(this.header, p ? a : void 0), p || (yield* Vt(d)), h = true;
    } finally {
      if (c) {
        t.handle = void 0;
        let l = c.close();
        await (h ? l : l.catch(z));
      }
    }
  }
  async *#h(e, t, s) {
    let n = ke(t);
    for (let r = 0; r < t; ) {
      let o = new Uint8Array(Math.min(n - r, this.maxReadSize)), a = await Yt(e, o, 0, r, t, s);
      yield o.subarray(0, a - r), r = a;
    }
  }
  async *#d(e) {
    let t = this.addedEntry(e);
    t && (await this.opt.onWriteEntry?.(t), yield* t.encode(this.header), yield* Vt(t));
  }
};
var Ee = 64 * 1024;
var Ge = 4 * Ee;
var xs = () => {
};
var ut = (i2, e) => {
  if (!e?.length) throw new TypeError("no paths specified to add to archive");
  if (i2.file && !i2.fs) throw new TypeError("the file option needs the fs option");
};
var ii = async (i2, e, t, s) => {
  for (let n = 0; n < t; ) n += (await i2.write(e, n, t - n, s + n)).bytesWritten;
};
var mt = async (i2, e, t) => {
  let s = new Uint8Array(Ge), n = 0, r = async () => {
    await ii(i2, s, n, t), t += n, n = 0;
  };
  for await (let o of e) (n + o.length > Ge || o.length >= Ee) && await r(), o.length >= Ee ? (await ii(i2, o, o.length, t), t += o.length) : (s.set(o, n), n += o.length);
  await r();
};
var ks = async (i2, e, t, s) => {
  let n = await e.open(t, "w", s), r = false;
  try {
    await mt(n, i2, 0), r = true;
  } finally {
    let o = n.close();
    await (r ? o : o.catch(xs));
  }
};
var Ye = (i2, e) => {
  let { fs: t, strict: s, onwarn: n, codecs: r, platform: o } = i2, a = new be(i2);
  for (let c of e) if (typeof c != "string" || c.charAt(0) !== "@") a.add(c);
  else {
    let h = a.resolve(c.slice(1));
    a.add(new b(B(t, h, i2.maxReadSize), { strict: s, onwarn: n, codecs: r, platform: o, file: h }));
  }
  return a.end();
};
function ne(i2, e) {
  let t = y(i2);
  if (!t.file) return ut(t, e), $e(Ye(t, e));
  try {
    return ut(t, e), ks(Ye(t, e), t.fs, t.file, t.mode || 438);
  } catch (s) {
    return Promise.reject(s);
  }
}
var Si = 64 * 1024;
var et = 64 * 1024;
var tt = (i2, e = false, t) => {
  let s, n, r = false, o = false, a, c, h = e ? new Uint8Array(et) : void 0, l = 0, d = (u) => new Promise((m) => {
    a = m, i2.write(u, () => m());
  }), p = async (u) => {
    l && await d(u.subarray(0, l)), l = 0;
  }, f = () => {
    o = true, a?.(), c?.();
  }, w = () => {
    f(), i2.destroy();
  };
  return i2.pause(), i2.on("data", (u) => {
    t?.(u), t = void 0, r = false, i2.pause(), s.enqueue(u);
  }), i2.on("end", () => {
    o || s.close();
  }), i2.on("error", (u) => {
    s.error(u), n.error(u), f();
  }), i2.on("close", f), { readable: new ReadableStream({ start: (u) => {
    s = u;
  }, pull: () => {
    r = true, c?.(), i2.resume();
  }, cancel: (u) => {
    n.error(u), w();
  } }, { highWaterMark: 0 }), writable: new WritableStream({ start: (u) => {
    n = u;
    let { signal: m } = u;
    m.addEventListener("abort", () => {
      s.error(m.reason), w();
    });
  }, write: async (u) => {
    h ? (l + u.length > et && await p(h), u.length > et ? await d(u) : (h.set(u, l), l += u.length)) : await d(u), !r && !o && await new Promise((m) => c = m);
  }, close: async () => {
    h && await p(h), await new Promise((u) => {
      a = u, i2.end();
    });
  } }) };
};
var Fs = (i2) => i2 >= Os.MAX_LENGTH ? {} : { maxOutputLength: Math.max(1, Math.floor(i2)) };
var kt = (i2, e, t, s, n) => ({ ...i2, decompress: () => tt(t({ chunkSize: et })), compress: (r) => tt(e(r), true), decompressSync: (r, { maxOutputLength: o }) => {
  try {
    return n(r, Fs(o));
  } catch (a) {
    throw a?.code !== "ERR_BUFFER_TOO_LARGE" ? a : new Error(`max decompression ratio exceeded: the output is larger than ${o} bytes`);
  }
}, compressSync: s });
var Ai = (i2) => {
  i2[9] = 255;
};
var St = (i2 = Ps) => {
  let { createBrotliCompress: e, createBrotliDecompress: t, brotliCompressSync: s, brotliDecompressSync: n, createZstdCompress: r, createZstdDecompress: o, zstdCompressSync: a, zstdDecompressSync: c } = i2, l = [{ ...kt({ name: "gzip", headLength: 2, detect: (d) => d[0] === 31 && d[1] === 139 }, i2.createGzip, i2.createGunzip, i2.gzipSync, i2.gunzipSync), compress: ({ portable: d, ...p } = {}) => tt(i2.createGzip(p), true, d ? Ai : void 0), compressSync: (d, { portable: p, ...f } = {}) => {
    let w = i2.gzipSync(d, f);
    return p && Ai(w), w;
  } }];
  return e && t && s && n && l.push(kt({ name: "brotli", headLength: 0, detect: () => false, extensions: [".tar.br", ".tbr"] }, e, t, s, n)), r && o && a && c && l.push(kt({ name: "zstd", headLength: 4, detect: (d) => d[0] === 40 && d[1] === 181 && d[2] === 47 && d[3] === 253 }, r, o, a, c)), l;
};
var ee = Ls;
var Cs = process.platform === "win32" ? "win32" : "posix";
var Ds = St();
var x = (i2, e, t) => {
  let s = y(i2);
  return s.fs ??= e, s.platform ??= Cs, s.codecs = [...s.codecs ?? [], ...Ds], t && (s.cwd = Us(s.cwd ?? ""), s.processUid ??= process.getuid?.(), s.processGid ??= process.getgid?.(), s.processUname ??= process.env.USER, s.chmod && (s.processUmask ??= process.umask())), s;
};
function Oo(i2, e) {
  return ne(x(i2, ee, true), e);
}

// src/registry/stored-gzip.ts
import { crc32 } from "node:zlib";
var BLOCK = 65535;
var HEADER = Uint8Array.of(31, 139, 8, 0, 0, 0, 0, 0, 0, 255);
function storedBlock(data, final) {
  const block = new Uint8Array(5 + data.length);
  block[0] = final ? 1 : 0;
  block[1] = data.length & 255;
  block[2] = data.length >>> 8;
  block[3] = ~data.length & 255;
  block[4] = ~data.length >>> 8 & 255;
  block.set(data, 5);
  return block;
}
function uint32le(value) {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value >>> 0, true);
  return bytes;
}
async function* storedGzip(chunks) {
  yield HEADER;
  let crc = 0;
  let size = 0;
  let pending = new Uint8Array(0);
  for await (const chunk of chunks) {
    crc = crc32(chunk, crc);
    size = (size + chunk.length) % 2 ** 32;
    const joined = new Uint8Array(pending.length + chunk.length);
    joined.set(pending);
    joined.set(chunk, pending.length);
    let start = 0;
    while (joined.length - start > BLOCK) {
      yield storedBlock(joined.subarray(start, start + BLOCK), false);
      start += BLOCK;
    }
    pending = joined.slice(start);
  }
  yield storedBlock(pending, true);
  yield uint32le(crc);
  yield uint32le(size);
}

// src/registry/triton-repository.ts
var TRITON_ARCHIVE_NAME = "triton-model-repository.tar.gz";
var TRITON_VERSION = "1";
var TRITON_MODEL_FILE = "model.onnx";
var ENTRY_TIME = /* @__PURE__ */ new Date("2000-01-01T00:00:00.000Z");
var TRITON_TYPES = /* @__PURE__ */ new Map([
  [1, "TYPE_FP32"],
  [2, "TYPE_UINT8"],
  [3, "TYPE_INT8"],
  [4, "TYPE_UINT16"],
  [5, "TYPE_INT16"],
  [6, "TYPE_INT32"],
  [7, "TYPE_INT64"],
  [8, "TYPE_STRING"],
  [9, "TYPE_BOOL"],
  [10, "TYPE_FP16"],
  [11, "TYPE_FP64"],
  [12, "TYPE_UINT32"],
  [13, "TYPE_UINT64"]
]);
function tritonLayout(model) {
  return {
    config: `${model}/config.pbtxt`,
    model: `${model}/${TRITON_VERSION}/${TRITON_MODEL_FILE}`,
    dirs: [`${model}/`, `${model}/${TRITON_VERSION}/`]
  };
}
function checkTritonModelName(model) {
  if (!isModelName(model))
    throw new UserError(`"${model}" cannot name a folder of a Triton model repository`, {
      hint: "name the model with letters, digits, '.', '-' and '_', starting with a letter or digit, e.g. adult-income"
    });
  return model;
}
function quoted(text) {
  let out = "";
  for (const byte of new TextEncoder().encode(text)) {
    if (byte === 34) out += '\\"';
    else if (byte === 92) out += "\\\\";
    else if (byte < 32 || byte === 127 || byte >= 128) out += `\\${byte.toString(8).padStart(3, "0")}`;
    else out += String.fromCharCode(byte);
  }
  return `"${out}"`;
}
function describeValue(value, role) {
  const what = `${role} "${value.name}"`;
  if (value.type.kind !== "tensor")
    return value.type.kind === "unknown" ? `${what} declares no type` : `${what} is a ${value.type.kind}, not a tensor; Triton's ONNX Runtime backend serves tensors only`;
  const type = TRITON_TYPES.get(value.type.elemType);
  if (type === void 0) return `${what} has ONNX element type ${value.type.elemType}, which Triton does not serve from ONNX Runtime`;
  if (value.type.shape === void 0) return `${what} declares no shape`;
  if (value.type.shape.length === 0) return `${what} is a scalar; Triton needs a rank of 1 or more`;
  return { type, dims: value.type.shape.map((dim) => typeof dim === "number" ? dim : -1) };
}
function tritonModelConfig(model, graph) {
  checkTritonModelName(model);
  const weights = new Set(graph.initializers);
  const inputs = graph.inputInfo.filter((value) => !weights.has(value.name));
  if (inputs.length === 0 || graph.outputInfo.length === 0) return { unavailable: "the graph declares no inputs or no outputs" };
  const sections2 = [];
  for (const [role, values] of [
    ["input", inputs],
    ["output", graph.outputInfo]
  ]) {
    const entries2 = [];
    for (const value of values) {
      const described = describeValue(value, role);
      if (typeof described === "string") return { unavailable: described };
      entries2.push(
        `  {
    name: ${quoted(value.name)}
    data_type: ${described.type}
    dims: [ ${described.dims.join(", ")} ]
  }`
      );
    }
    sections2.push(`${role} [
${entries2.join(",\n")}
]
`);
  }
  return {
    text: `name: ${quoted(model)}
backend: "onnxruntime"
max_batch_size: 0
${sections2.join("")}`
  };
}
function entries(model, modelPath, modelBytes, config, seen) {
  const layout = tritonLayout(model);
  async function* modelChunks() {
    for await (const chunk of createReadStream(modelPath)) {
      seen.hash.update(chunk);
      yield chunk;
    }
  }
  const mtime = ENTRY_TIME;
  return [
    new se({ path: layout.dirs[0], type: "Directory", mode: 493, mtime }),
    new se({ path: layout.config, mode: 420, mtime }, config),
    new se({ path: layout.dirs[1], type: "Directory", mode: 493, mtime }),
    new se({ path: layout.model, mode: 420, mtime, size: modelBytes }, modelChunks())
  ];
}
async function writeTritonArchive(options) {
  const model = checkTritonModelName(options.model);
  const seen = { hash: createHash("sha256") };
  const tar = Oo(
    { portable: true, mtime: ENTRY_TIME, noPax: true },
    entries(model, options.modelPath, options.modelBytes, options.config, seen)
  );
  const handle = await open(options.outPath, "wx");
  try {
    for await (const chunk of storedGzip(tar)) await handle.write(chunk);
  } finally {
    await handle.close();
  }
  const read = seen.hash.digest("hex");
  if (read !== options.modelSha256)
    throw new UserError(
      `the model changed while it was packaged (sha256 ${read.slice(0, 12)}, expected ${options.modelSha256.slice(0, 12)})`,
      {
        file: options.modelPath,
        hint: "release again once nothing writes the model"
      }
    );
}

// src/registry/package.ts
async function readJson(path, schema, what) {
  const source = await readYamlFile(path, what);
  return assertValid(schema, source.data, { file: path, what, source });
}
async function signatureOf(modelPath, record, report) {
  if (record !== void 0) return { inputs: record.model.inputs, outputs: record.model.outputs };
  try {
    return await readModelSignature(modelPath);
  } catch (error) {
    if (isUserError(error)) throw error;
    let graph;
    try {
      graph = readOnnxGraph(await readFile(modelPath));
    } catch {
      throw new UserError("is not an ONNX model", { file: modelPath, hint: "release the model.onnx that training wrote" });
    }
    const inputs = report?.model.inputs ?? graph.inputs.map((name) => ({ name, type: "unknown" }));
    return { inputs, outputs: graph.outputs.map((name) => ({ name, type: "unknown" })) };
  }
}
function gateProblem(report, modelSha256, reportPath) {
  if (report === void 0) return "there is no gate report (run modelship evaluate first)";
  if (report.model.sha256 !== modelSha256)
    return `the gate report ${reportPath ?? ""} was made for other model bytes (sha256 ${shortDigest(report.model.sha256)}, this model ${shortDigest(modelSha256)})`;
  if (report.verdict === "fail") {
    const failed = report.gates.filter((gate) => gate.status === "fail").map((gate) => gate.name);
    return failed.length === 0 ? "the gate report's verdict is fail" : `the gate report's verdict is fail (${failed.length} gate${failed.length === 1 ? "" : "s"} failed: ${failed.slice(0, 3).join("; ")}${failed.length > 3 ? "; \u2026" : ""})`;
  }
  return void 0;
}
async function packageModel(options) {
  const model = await sha256File(options.modelPath).catch((error) => {
    const code2 = errnoCode(error);
    throw new UserError(
      code2 === "ENOENT" ? "model file not found" : code2 === "EISDIR" ? "is a folder, not a model file" : `cannot read the model (${code2 ?? String(error)})`,
      { file: options.modelPath, hint: "train first (modelship train) or give the model's path (--model, the model input)" }
    );
  });
  const report = options.gateReportPath === void 0 ? void 0 : await readJson(options.gateReportPath, gate_report_schema_default, "gate report");
  const problem = gateProblem(report, model.sha256, options.gateReportPath);
  if (problem !== void 0 && !options.allowUngated) {
    throw new UserError(`refusing to release ${options.model} ${options.version}: ${problem}`, {
      file: options.gateReportPath ?? options.modelPath,
      hint: "release a model that passed its gates (modelship evaluate on these exact bytes), or pass --allow-ungated (the action's allow-ungated: true) \u2014 it is recorded in the manifest and shown in the release notes"
    });
  }
  const record = options.runRecordPath === void 0 ? void 0 : await readJson(options.runRecordPath, run_record_schema_default, "run record");
  if (record !== void 0 && record.model.file.sha256 !== model.sha256) {
    throw new UserError(
      `the run record ${options.runRecordPath} is of another model (sha256 ${shortDigest(record.model.file.sha256)}, this model ${shortDigest(model.sha256)}): its lineage would be wrong`,
      { file: options.runRecordPath, hint: "give the run record written with this model.onnx (run-record.json beside it), or none" }
    );
  }
  const signature = await signatureOf(options.modelPath, record, report?.model.sha256 === model.sha256 ? report : void 0);
  if (options.referenceProfilePath !== void 0) await readProfile(options.referenceProfilePath);
  await mkdir(options.outDir, { recursive: true });
  const files = [];
  const add = async (source, name, role) => {
    if (files.some((file) => file.name === name))
      throw new UserError(`two files would be named ${name} in the release`, { file: source, hint: "rename one of them" });
    await copyFile(source, join(options.outDir, name)).catch((error) => {
      const code2 = errnoCode(error);
      if (code2 !== "ENOENT" && code2 !== "EISDIR" && code2 !== "ENOTDIR") throw error;
      throw new UserError(code2 === "EISDIR" ? `is a folder, not the file for ${name}` : `the file for ${name} is not there`, {
        file: source,
        hint: "check the path given for it (relative to the working directory)"
      });
    });
    const { sha256, bytes } = await sha256File(join(options.outDir, name));
    files.push({ name, sha256, bytes, role });
  };
  await add(options.modelPath, "model.onnx", "model");
  const serving = await addServingFiles(options, files);
  if (options.gateReportPath !== void 0) await add(options.gateReportPath, "gate-report.json", "gate-report");
  if (options.referenceProfilePath !== void 0) await add(options.referenceProfilePath, "reference-profile.json", "reference-profile");
  if (options.runRecordPath !== void 0) await add(options.runRecordPath, "run-record.json", "run-record");
  for (const extra of options.extraFiles ?? []) await add(extra, basename(extra), basename(extra) === "metrics.json" ? "metrics" : "other");
  const card = {
    model: options.model,
    version: options.version,
    description: options.description,
    ...options.license === void 0 ? {} : { license: options.license },
    gateReport: report,
    runRecord: record,
    allowUngated: problem !== void 0,
    ungatedReason: problem
  };
  const cardText = `${renderModelCard(card)}
`;
  await writeFile(join(options.outDir, "model-card.md"), cardText);
  files.push({ name: "model-card.md", sha256: sha256Of(cardText), bytes: Buffer.byteLength(cardText), role: "model-card" });
  const sums = formatSha256Sums(files);
  await writeFile(join(options.outDir, SUMS_NAME), sums);
  const reportFile = files.find((file) => file.role === "gate-report");
  const gitSha = options.gitSha ?? record?.git.sha;
  const runUrl = options.runUrl ?? record?.run?.url;
  const data = [
    ...record?.data.files ?? [],
    ...(report?.data.files ?? []).map((file) => ({ path: file.path, sha256: file.sha256, bytes: file.bytes }))
  ];
  const manifest = {
    schema: "modelship/model-manifest@1",
    name: options.model,
    version: options.version,
    tag: options.tag,
    created: (options.now?.() ?? /* @__PURE__ */ new Date()).toISOString(),
    tool: { name: "modelship", version: options.toolVersion },
    format: "onnx",
    files,
    signature,
    serving,
    metrics: report === void 0 ? {} : Object.fromEntries(
      Object.entries(report.metrics).map(([name, estimate]) => [
        name,
        { value: estimate.value, ...estimate.ci === void 0 ? {} : { ci: estimate.ci } }
      ])
    ),
    gate: {
      verdict: report?.verdict ?? "missing",
      ...reportFile === void 0 ? {} : { reportSha256: reportFile.sha256 },
      modelMatches: report?.model.sha256 === model.sha256,
      allowUngated: problem !== void 0,
      ...problem === void 0 ? {} : { reason: problem }
    },
    lineage: {
      ...gitSha === void 0 ? {} : { gitSha },
      ...runUrl === void 0 ? {} : { runUrl },
      ...data.length === 0 ? {} : { data: data.map((file) => ({ path: file.path, sha256: file.sha256, bytes: file.bytes })) },
      ...record?.config === void 0 ? {} : { trainConfigSha256: record.config.sha256 },
      ...record === void 0 ? {} : { runRecordSha256: files.find((file) => file.role === "run-record").sha256 },
      ...options.previous === void 0 ? {} : { previousVersion: options.previous.version }
    },
    digest: sha256Of(sums)
  };
  await writeFile(join(options.outDir, MANIFEST_NAME), formatManifest(manifest));
  return {
    model: options.model,
    version: options.version,
    tag: options.tag,
    dir: options.outDir,
    names: [...files.map((file) => file.name), SUMS_NAME, MANIFEST_NAME],
    manifest,
    notes: renderReleaseNotes(card, manifest, options.previous),
    ...options.targetCommitish === void 0 ? {} : { targetCommitish: options.targetCommitish }
  };
}
async function addServingFiles(options, files) {
  const model = files.find((file) => file.role === "model");
  const modelPath = join(options.outDir, model.name);
  const serving = [
    // Seldon Core v2 downloads the storageUri with rclone and does not unpack archives; its Triton
    // handler takes a folder without numeric sub-folders as the version folder and writes a config.pbtxt
    // naming the model (scheduler/pkg/agent/repository/triton/triton.go), and its docs ask an ONNX
    // artifact to be a file named model.onnx (docs-gb/models/inference-artifacts.md).
    { layout: "onnx-file", file: model.name, runtimes: ["seldon-v2:triton"] }
  ];
  let config;
  try {
    config = tritonModelConfig(options.model, readOnnxGraph(await readFile(modelPath)));
  } catch (error) {
    if (isUserError(error)) throw error;
    config = { unavailable: "the model's ONNX graph could not be read" };
  }
  const runtimes = ["kserve:kserve-tritonserver"];
  if ("unavailable" in config) {
    serving.push({ layout: "triton-model-repository", runtimes, unavailable: config.unavailable });
    return serving;
  }
  const outPath = join(options.outDir, TRITON_ARCHIVE_NAME);
  await writeTritonArchive({
    model: options.model,
    modelPath,
    modelSha256: model.sha256,
    modelBytes: model.bytes,
    config: config.text,
    outPath
  });
  const { sha256, bytes } = await sha256File(outPath);
  files.push({ name: TRITON_ARCHIVE_NAME, sha256, bytes, role: "triton-model-repository" });
  serving.push({ layout: "triton-model-repository", file: TRITON_ARCHIVE_NAME, runtimes, tritonModel: options.model });
  return serving;
}

// src/stages/release-stage.ts
async function sameModelRelease(store, model, version, modelPath) {
  const released = (await store.readManifest(model, version))?.files.find((file) => file.role === "model");
  const ours = await sha256File(modelPath).catch(() => void 0);
  return ours !== void 0 && released !== void 0 && released.sha256 === ours.sha256 ? ours.sha256 : void 0;
}
async function republish(store, model, version, logger) {
  const work = await mkdtemp(join2(process.env.RUNNER_TEMP ?? tmpdir(), "modelship-release-"));
  try {
    const { manifest } = await store.download(model, version, work);
    const names = [...manifest.files.map((file) => file.name), SUMS_NAME, MANIFEST_NAME];
    const published = await store.publish({ model, version, tag: manifest.tag, dir: work, names, manifest, notes: "" });
    logger.info(`Already released: ${model} ${version} (${manifest.tag}) in ${store.description}.`);
    return { ...published, verdict: manifest.gate.verdict, allowUngated: manifest.gate.allowUngated, notes: "" };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
async function keepOwnManifest(store, dir, published, out, logger) {
  const ours = await readFile2(join2(dir, MANIFEST_NAME));
  const stored = await store.locate(published.model, published.version);
  if (stored?.manifestSha256 !== sha256Of(ours)) {
    logger.info(
      `${published.model} ${published.version} holds a ${MANIFEST_NAME} written by an earlier run, not this one: this run does not attest it (the run that released it did).`
    );
    return void 0;
  }
  await writeFileAtomic(out, ours);
  return out;
}
async function runRelease(options) {
  const { store, logger } = options;
  const model = checkModelName(options.model);
  const tagFormat = options.tagFormat ?? DEFAULT_TAG_FORMAT;
  const versions = await store.list(model);
  const newest = versions[0]?.version;
  let version;
  if ("exact" in options.version) {
    version = normalizeVersion(options.version.exact);
  } else {
    const same = newest === void 0 ? void 0 : await sameModelRelease(store, model, newest, options.modelPath);
    if (same !== void 0) {
      logger.info(`${model} ${newest} already holds this model (sha256 ${shortDigest(same)}): nothing to release.`);
      return await republish(store, model, newest, logger);
    }
    version = bumpVersion(newest, options.version.bump);
  }
  const tag = tagFor(model, version, tagFormat);
  const older = versions.filter((entry) => compareVersions(entry.version, version) < 0);
  const previous = older[0] === void 0 ? void 0 : await store.readManifest(model, older[0].version);
  const work = await mkdtemp(join2(process.env.RUNNER_TEMP ?? tmpdir(), "modelship-release-"));
  try {
    const pkg = await packageModel({
      model,
      version,
      tag,
      modelPath: options.modelPath,
      gateReportPath: options.gateReportPath,
      referenceProfilePath: options.referenceProfilePath,
      runRecordPath: options.runRecordPath,
      extraFiles: options.extraFiles,
      allowUngated: options.allowUngated,
      description: options.description,
      ...options.license === void 0 ? {} : { license: options.license },
      previous,
      outDir: join2(work, "package"),
      toolVersion: options.toolVersion,
      gitSha: options.gitSha,
      runUrl: options.runUrl,
      targetCommitish: options.gitSha
    });
    if (pkg.manifest.gate.allowUngated)
      logger.warning(`Releasing ${model} ${version} ungated: ${pkg.manifest.gate.reason ?? ""}`, { title: "modelship: ungated release" });
    for (const asset of pkg.manifest.serving ?? [])
      if (asset.unavailable !== void 0)
        logger.warning(
          `${model} ${version} gets no ${asset.layout} (for ${asset.runtimes.join(", ")}): ${asset.unavailable}. KServe's Triton runtime cannot serve this release; export the model with tensor inputs and outputs (skl2onnx: options={"zipmap": False}) to serve it there.`,
          { title: "modelship: no Triton model repository" }
        );
    logger.info(`Publishing ${model} ${version} (${tag}, digest ${shortDigest(pkg.manifest.digest)}) to ${store.description}.`);
    const published = await store.publish(pkg);
    logger.info(
      `${published.action === "unchanged" ? "Already released with the same bytes" : published.action === "resumed" ? "Completed an interrupted release" : "Released"}: ${model} ${version} (${tag}) in ${store.description}.`
    );
    const manifestPath = options.manifestOut === void 0 ? void 0 : await keepOwnManifest(store, pkg.dir, published, options.manifestOut, logger);
    return {
      ...published,
      verdict: pkg.manifest.gate.verdict,
      allowUngated: pkg.manifest.gate.allowUngated,
      notes: pkg.notes,
      ...manifestPath === void 0 ? {} : { manifestPath }
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
async function runReleaseStage(inputs, run) {
  const { logger, toolVersion } = run;
  const loaded = await loadStageConfig(run.config, run.cwd);
  const settings = await resolveReleaseSettings(inputs, loaded, { registry: run.defaultRegistry });
  const store = openRunRegistry(run, loaded, settings);
  const manifestOut = inputs.manifestOut === void 0 ? void 0 : resolve(run.cwd, inputs.manifestOut);
  await checkInputFile(settings.modelPath, "model file", RELEASE_SETTINGS.model);
  await checkInputFile(settings.gateReportPath, "gate report", RELEASE_SETTINGS.gateReport);
  await checkInputFile(settings.referenceProfilePath, "reference profile", RELEASE_SETTINGS.referenceProfile);
  await checkInputFile(settings.runRecordPath, "run record", RELEASE_SETTINGS.runRecord);
  const folder = localRegistryFolder(settings.registry);
  if (folder !== void 0) await checkOutputFolder(folder, RELEASE_SETTINGS.registry);
  const reference = await profileReferenceData({
    existing: settings.referenceProfilePath,
    data: inputs.referenceData ?? [],
    loaded,
    logger,
    toolVersion
  });
  try {
    settings.referenceProfilePath = reference.path;
    return await runRelease({ ...settings, store, toolVersion, gitSha: run.sha, runUrl: run.runUrl, manifestOut, logger });
  } finally {
    await reference.cleanup();
  }
}
async function checkInputFile(path, what, setting) {
  if (path === void 0) return;
  let folder;
  try {
    folder = (await stat(path)).isDirectory();
  } catch (error) {
    const code2 = errnoCode(error);
    if (code2 !== "ENOENT" && code2 !== "ENOTDIR") throw error;
    throw new UserError(`${what} not found`, { file: path, hint: `check ${setting}: a path is relative to the working directory` });
  }
  if (folder) throw new UserError(`is a folder, not a ${what}`, { file: path, hint: `point ${setting} to the file itself` });
}
function localRegistryFolder(spec) {
  if (spec === "github" || spec.startsWith("github:")) return void 0;
  if (!spec.startsWith("file:")) return spec;
  try {
    return fileURLToPath(spec);
  } catch {
    return void 0;
  }
}

export {
  runRelease,
  runReleaseStage
};
