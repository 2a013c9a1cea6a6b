import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  readOnnxGraph
} from "./chunk-H7ABQTTS.js";
import {
  MANIFEST_NAME,
  SUMS_NAME,
  formatSha256Sums,
  parseManifest,
  shortDigest
} from "./chunk-OXQJNLJL.js";
import {
  isModelName
} from "./chunk-TQQPERQT.js";
import {
  guardedGetFollowing,
  guardedRequest,
  redactUrl,
  redirectRefusal
} from "./chunk-4S56GKNV.js";
import {
  classifyAddress,
  hostOf
} from "./chunk-ZX6A6IWO.js";
import {
  sha256Of
} from "./chunk-R4CRXXNC.js";
import {
  UserError,
  errnoCode,
  isUserError
} from "./chunk-SU4BFKON.js";

// src/net/oci-reference.ts
import { isIP } from "node:net";
var COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
var TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
var DIGEST = /^sha256:[a-f0-9]{64}$/;
var HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
function isOciDigest(text) {
  return DIGEST.test(text);
}
function isOciTag(text) {
  return TAG.test(text);
}
function validRegistry(registry) {
  const bracketed = /^\[([0-9a-f:.]+)\](?::(\d{1,5}))?$/.exec(registry);
  const match = bracketed ?? /^([^:]+)(?::(\d{1,5}))?$/.exec(registry);
  if (match === null) return false;
  const [, host = "", port] = match;
  if (port !== void 0 && (Number(port) < 1 || Number(port) > 65535)) return false;
  return bracketed !== null ? isIP(host) === 6 : isIP(host) === 4 || HOST_NAME.test(host);
}
function parseOciReference(text, setting = "oci reference") {
  const hint = "write oci://REGISTRY[:PORT]/REPOSITORY[:TAG] or oci://REGISTRY/REPOSITORY@sha256:<64 hex digits>, e.g. oci://ghcr.io/acme/churn:1.4.0";
  const shown = text.replace(/\/\/[^/]*@/, "//");
  if (!text.startsWith("oci://")) throw new UserError(`${setting}: "${shown}" is not an oci:// reference`, { hint });
  const rest = text.slice("oci://".length);
  const slash = rest.indexOf("/");
  if (slash <= 0) throw new UserError(`${setting}: "${shown}" names no repository after the registry`, { hint });
  const registry = rest.slice(0, slash).toLowerCase();
  if (registry.includes("@"))
    throw new UserError(`${setting}: "${shown}" holds credentials; they do not go in an oci:// reference`, {
      hint: "give the registry's username and password or token as secrets, not in the reference"
    });
  if (!validRegistry(registry)) throw new UserError(`${setting}: "${registry}" in "${shown}" is not a registry host[:port]`, { hint });
  let path = rest.slice(slash + 1);
  let digest;
  const at2 = path.indexOf("@");
  if (at2 >= 0) {
    digest = path.slice(at2 + 1);
    path = path.slice(0, at2);
    if (!DIGEST.test(digest)) throw new UserError(`${setting}: "${digest}" in "${shown}" is not a sha256 digest`, { hint });
  }
  let tag;
  const lastSlash = path.lastIndexOf("/");
  const colon = path.indexOf(":", lastSlash + 1);
  if (colon >= 0) {
    tag = path.slice(colon + 1);
    path = path.slice(0, colon);
    if (!TAG.test(tag)) throw new UserError(`${setting}: "${tag}" in "${shown}" is not a valid tag`, { hint });
  }
  if (path === "" || path.length > 255 || !path.split("/").every((component) => COMPONENT.test(component)))
    throw new UserError(`${setting}: "${path}" in "${shown}" is not a repository name (lower-case components joined by /)`, { hint });
  return { registry, repository: path, ...tag === void 0 ? {} : { tag }, ...digest === void 0 ? {} : { digest } };
}
function formatOciReference(reference) {
  const tag = reference.tag === void 0 ? "" : `:${reference.tag}`;
  const digest = reference.digest === void 0 ? "" : `@${reference.digest}`;
  return `oci://${reference.registry}/${reference.repository}${tag}${digest}`;
}

// src/registry/oci-modelcar.ts
import { readFile } from "node:fs/promises";

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

// src/net/oci-client.ts
import { createHash } from "node:crypto";
import { isIP as isIP2 } from "node:net";
var OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
var OCI_INDEX = "application/vnd.oci.image.index.v1+json";
var OCI_EMPTY_CONFIG = "application/vnd.oci.empty.v1+json";
var DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
var DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
var MANIFEST_ACCEPT = [OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_LIST].join(", ");
var MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
function ociDigest(bytes) {
  return `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
}
function ociDescriptor(mediaType, bytes, annotations) {
  return { mediaType, digest: ociDigest(bytes), size: bytes.byteLength, ...annotations === void 0 ? {} : { annotations } };
}
function parseChallenge(header) {
  const match = /^\s*([A-Za-z]+)\s*(.*)$/s.exec(header);
  if (match === null) return void 0;
  const params = {};
  for (const param of match[2].matchAll(/([A-Za-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))\s*,?/g))
    params[param[1].toLowerCase()] = param[2] === void 0 ? param[3] ?? "" : param[2].replace(/\\(.)/g, "$1");
  return { scheme: match[1].toLowerCase(), params };
}
function isLoopback(url) {
  const host = hostOf(url);
  if (host === "localhost") return true;
  return isIP2(host) !== 0 && classifyAddress(host) === "loopback";
}
var OciClient = class {
  registry;
  repository;
  #options;
  #base;
  #tokens = /* @__PURE__ */ new Map();
  #basic = false;
  constructor(reference, options) {
    this.registry = reference.registry;
    this.repository = reference.repository;
    this.#options = options;
    const https = new URL(`https://${reference.registry}/`);
    this.#base = options.plainHttpLoopback === true && isLoopback(https) ? new URL(`http://${reference.registry}/`) : https;
  }
  /** Whether requests carry credentials (for tests of where credentials go; never the credentials themselves). */
  get hasCredentials() {
    return this.#options.credentials !== void 0;
  }
  /** `oci://registry/repository` with `@digest` or `:tag`, for messages. */
  referenceOf(tagOrDigest) {
    const ref = { registry: this.registry, repository: this.repository };
    if (tagOrDigest !== void 0) {
      if (isOciDigest(tagOrDigest)) ref.digest = tagOrDigest;
      else ref.tag = tagOrDigest;
    }
    return formatOciReference(ref);
  }
  /** Whether the registry holds the blob. */
  async hasBlob(digest, scope = "pull") {
    const ref = this.referenceOf(digest);
    const response = await this.#send("HEAD", `blobs/${digest}`, scope, `checking ${ref}`, ref);
    await discard(response);
    if (response.status === 200) return true;
    if (response.status === 404) return false;
    throw await statusError(response, `checking ${ref}`, ref);
  }
  /** Pushes a blob unless the registry has it: its digest, size and whether it was uploaded. */
  async pushBlob(bytes) {
    const digest = ociDigest(bytes);
    const ref = this.referenceOf(digest);
    const what = `pushing ${ref}`;
    if (await this.hasBlob(digest, "pull,push")) return { digest, size: bytes.byteLength, uploaded: false };
    const started = await this.#send("POST", "blobs/uploads/", "pull,push", what, ref, { "Content-Length": "0" });
    const location = started.headers.get("location");
    if (started.status !== 202 || location === null) throw await statusError(started, `${what} (starting the upload)`, ref);
    await discard(started);
    const upload = new URL(location, this.#url("blobs/uploads/"));
    if (upload.protocol !== this.#base.protocol)
      throw new UserError(`${what}: the registry asked for the upload at ${redactUrl(upload)}, which changes the scheme`, {
        hint: "check the registry's configuration (its external URL)"
      });
    upload.searchParams.set("digest", digest);
    const put = await this.#send("PUT", upload, "pull,push", what, ref, { "Content-Type": "application/octet-stream" }, bytes);
    if (put.status !== 201) throw await statusError(put, `${what} (finishing the upload)`, ref);
    await discard(put);
    checkDigestHeader(put, digest, what, ref);
    return { digest, size: bytes.byteLength, uploaded: true };
  }
  /** Pushes a manifest under a tag or its own digest unless it already names these bytes; returns its digest. */
  async pushManifest(manifest, tagOrDigest) {
    return (await this.putManifest(manifest, tagOrDigest)).digest;
  }
  /** pushManifest, telling whether it wrote and what the registry answered in `OCI-Subject`. */
  async putManifest(manifest, tagOrDigest) {
    const bytes = manifest instanceof Uint8Array ? manifest : Buffer.from(JSON.stringify(manifest));
    const mediaType = manifest instanceof Uint8Array ? mediaTypeOf(bytes) : manifest.mediaType;
    const digest = ociDigest(bytes);
    const target = tagOrDigest ?? digest;
    if (isOciDigest(target) && target !== digest)
      throw new UserError(`pushing ${this.referenceOf(target)}: the manifest's digest is ${digest}, not ${target}`, {
        hint: "push a manifest by its own digest, or by a tag"
      });
    const ref = this.referenceOf(target);
    const what = `pushing ${ref}`;
    const head = await this.#send("HEAD", `manifests/${target}`, "pull,push", what, ref, { Accept: MANIFEST_ACCEPT });
    await discard(head);
    if (head.status === 200 && head.headers.get("docker-content-digest") === digest) return { digest, pushed: false };
    if (head.status !== 200 && head.status !== 404) throw await statusError(head, what, ref);
    const response = await this.#send("PUT", `manifests/${target}`, "pull,push", what, ref, { "Content-Type": mediaType }, bytes);
    if (response.status !== 201) throw await statusError(response, what, ref);
    await discard(response);
    checkDigestHeader(response, digest, what, ref);
    const subject = response.headers.get("oci-subject");
    return { digest, pushed: true, ...subject === null ? {} : { subject } };
  }
  /** Pulls a manifest by digest (checked) or tag (checked against the registry's digest header). */
  async pullManifest(tagOrDigest) {
    const ref = this.referenceOf(tagOrDigest);
    const what = `pulling ${ref}`;
    const response = await this.#send(
      "GET",
      `manifests/${tagOrDigest}`,
      "pull",
      what,
      ref,
      { Accept: MANIFEST_ACCEPT },
      void 0,
      MAX_MANIFEST_BYTES
    );
    if (response.status !== 200) throw await statusError(response, what, ref);
    const bytes = Buffer.from(await response.arrayBuffer());
    const digest = ociDigest(bytes);
    const expected = isOciDigest(tagOrDigest) ? tagOrDigest : response.headers.get("docker-content-digest") ?? digest;
    if (digest !== expected) throw digestMismatch(what, ref, expected, digest);
    let manifest;
    try {
      manifest = JSON.parse(bytes.toString("utf8"));
    } catch {
      throw new UserError(`${what}: the registry sent a manifest that is not JSON`, { hint: "check that the reference names a manifest" });
    }
    return { bytes, digest, mediaType: response.headers.get("content-type") ?? mediaTypeOf(bytes), manifest };
  }
  /** pullManifest, or undefined when the registry has no such tag or digest (HTTP 404). */
  async findManifest(tagOrDigest) {
    const ref = this.referenceOf(tagOrDigest);
    const head = await this.#send("HEAD", `manifests/${tagOrDigest}`, "pull", `checking ${ref}`, ref, { Accept: MANIFEST_ACCEPT });
    await discard(head);
    if (head.status === 404) return void 0;
    if (head.status !== 200) throw await statusError(head, `checking ${ref}`, ref);
    return this.pullManifest(tagOrDigest);
  }
  /**
   * The referrers of `digest` from the registry's referrers API (distribution spec 1.1, "Listing
   * Referrers"), filtered by `artifactType` when given; undefined when the registry answers 404, which
   * a registry without the API does (then the referrers tag schema holds them).
   */
  async referrers(digest, artifactType) {
    const ref = this.referenceOf(digest);
    const what = `listing the referrers of ${ref}`;
    const url = this.#url(`referrers/${digest}`);
    if (artifactType !== void 0) url.searchParams.set("artifactType", artifactType);
    const response = await this.#send("GET", url, "pull", what, ref, { Accept: OCI_INDEX }, void 0, MAX_MANIFEST_BYTES);
    if (response.status === 404) {
      await discard(response);
      return void 0;
    }
    if (response.status !== 200) throw await statusError(response, what, ref);
    let index;
    try {
      index = await response.json();
    } catch {
      index = void 0;
    }
    const manifests = index?.manifests;
    if (!Array.isArray(manifests))
      throw new UserError(`${what}: the registry's answer is not an image index`, { hint: "check the registry's referrers API" });
    const listed = manifests.filter((entry) => artifactType === void 0 || entry.artifactType === artifactType);
    return { ...index, manifests: listed };
  }
  /** Pulls a blob by digest; every byte checked against it. */
  async pullBlob(digest) {
    const ref = this.referenceOf(digest);
    const what = `pulling ${ref}`;
    const first = this.#url(`blobs/${digest}`);
    let response = await this.#send("GET", first, "pull", what, ref, {}, void 0, this.#options.maxBlobBytes);
    const location = response.headers.get("location");
    if ([301, 302, 303, 307, 308].includes(response.status) && location !== null) {
      await discard(response);
      const next = new URL(location, first);
      const refusal = redirectRefusal(first, next);
      if (refusal !== void 0)
        throw new UserError(`${what}: the redirect to ${redactUrl(next)} was not followed: ${refusal}`, {
          hint: "check the registry's storage configuration"
        });
      response = (await guardedGetFollowing(next, this.#options.policy, {
        what,
        redirectedFrom: first,
        ...this.#options.maxBlobBytes === void 0 ? {} : { maxBytes: this.#options.maxBlobBytes }
      })).response;
    }
    if (response.status !== 200) throw await statusError(response, what, ref);
    const hash = createHash("sha256");
    const chunks = [];
    if (response.body !== null)
      for await (const chunk of response.body) {
        hash.update(chunk);
        chunks.push(Buffer.from(chunk));
      }
    const received = `sha256:${hash.digest("hex")}`;
    if (received !== digest) throw digestMismatch(what, ref, digest, received);
    return Buffer.concat(chunks);
  }
  /** The repository's tags, every page. */
  async listTags() {
    const ref = this.referenceOf();
    const what = `listing the tags of ${ref}`;
    const tags = [];
    let next = this.#url("tags/list");
    for (let page = 0; next !== void 0 && page < 1e3; page++) {
      const response = await this.#send("GET", next, "pull", what, ref, { Accept: "application/json" }, void 0, MAX_MANIFEST_BYTES);
      if (response.status === 404) {
        await discard(response);
        return tags;
      }
      if (response.status !== 200) throw await statusError(response, what, ref);
      const body = await response.json();
      if (Array.isArray(body.tags)) tags.push(...body.tags.filter((tag) => typeof tag === "string"));
      const link = /<([^>]+)>\s*;\s*rel="?next"?/.exec(response.headers.get("link") ?? "");
      next = link === null ? void 0 : new URL(link[1], this.#base);
      if (next !== void 0 && next.origin !== this.#base.origin) next = void 0;
    }
    return tags;
  }
  /** A URL under /v2/<repository>/. */
  #url(path) {
    return new URL(`/v2/${this.repository}/${path}`, this.#base);
  }
  /** The scope a token must grant for `actions`. */
  #scope(actions) {
    return `repository:${this.repository}:${actions}`;
  }
  /** One request with the auth the registry asks for: a cached token, else the challenge answered once. */
  async #send(method, path, actions, what, ref, headers = {}, body, maxBytes) {
    const url = typeof path === "string" ? this.#url(path) : path;
    const sameOrigin = url.origin === this.#base.origin;
    const scope = this.#scope(actions);
    const attempt = async () => {
      const auth = sameOrigin ? this.#authorization(scope) : void 0;
      try {
        return await guardedRequest(url, this.#options.policy, {
          what,
          method,
          headers: { ...headers, ...auth === void 0 ? {} : { Authorization: auth } },
          ...body === void 0 ? {} : { body },
          ...maxBytes === void 0 ? {} : { maxBytes }
        });
      } catch (error) {
        throw networkError(error, what, this.#base);
      }
    };
    let response = await attempt();
    if (response.status !== 401 || !sameOrigin) return response;
    const challenge = parseChallenge(response.headers.get("www-authenticate") ?? "");
    if (challenge?.params.error === "insufficient_scope") return response;
    const hadAuth = this.#authorization(scope) !== void 0;
    this.#tokens.delete(scope);
    if (challenge?.scheme === "bearer" && challenge.params.realm !== void 0) {
      await discard(response);
      this.#tokens.set(scope, await this.#fetchToken(challenge.params, scope, what, ref));
    } else if (challenge?.scheme === "basic" && this.#options.credentials !== void 0 && !this.#basic) {
      await discard(response);
      this.#basic = true;
    } else return response;
    response = await attempt();
    if (response.status === 401 && hadAuth) this.#tokens.delete(scope);
    return response;
  }
  /** The Authorization header for `scope`, if one is known. */
  #authorization(scope) {
    const token = this.#tokens.get(scope);
    if (token !== void 0) return `Bearer ${token}`;
    return this.#basic ? basicAuthorization(this.#options.credentials) : void 0;
  }
  /** Asks the challenge's realm for a token for `scope`, with the credentials if there are any. */
  async #fetchToken(params, scope, what, ref) {
    let realm;
    try {
      realm = new URL(params.realm);
    } catch {
      throw new UserError(`${what}: the registry's token realm "${params.realm}" is not a URL`, {
        hint: "check the registry's auth configuration"
      });
    }
    const plainAllowed = this.#options.plainHttpLoopback === true && realm.protocol === "http:" && isLoopback(realm);
    if (realm.protocol !== "https:" && !plainAllowed)
      throw new UserError(`${what}: the registry's token realm ${redactUrl(realm)} is not https; credentials are not sent in clear text`, {
        hint: "use a registry whose token service is served over https"
      });
    if (params.service !== void 0) realm.searchParams.set("service", params.service);
    realm.searchParams.set("scope", scope);
    const credentials = this.#options.credentials;
    let response;
    try {
      response = await guardedRequest(realm, this.#options.policy, {
        what: `${what} (asking ${redactUrl(realm)} for a token)`,
        headers: { Accept: "application/json", ...credentials === void 0 ? {} : { Authorization: basicAuthorization(credentials) } },
        maxBytes: 1024 * 1024
      });
    } catch (error) {
      throw networkError(error, what, realm);
    }
    if (response.status !== 200) throw await statusError(response, `${what} (asking ${redactUrl(realm)} for a token)`, ref);
    const body = await response.json().catch(() => ({}));
    const token = typeof body.token === "string" ? body.token : body.access_token;
    if (typeof token !== "string" || token === "")
      throw new UserError(`${what}: the token service ${redactUrl(realm)} answered without a token`, {
        hint: "check the registry's auth configuration"
      });
    return token;
  }
};
function basicAuthorization(credentials) {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64")}`;
}
function mediaTypeOf(bytes) {
  try {
    const parsed = JSON.parse(Buffer.from(bytes).toString("utf8"));
    return typeof parsed.mediaType === "string" ? parsed.mediaType : OCI_MANIFEST;
  } catch {
    return OCI_MANIFEST;
  }
}
async function discard(response) {
  await response.body?.cancel().catch(() => void 0);
}
function digestMismatch(what, ref, expected, received) {
  return new UserError(`${what}: the registry sent bytes whose digest is ${received}, not ${expected} as ${ref} names; they were refused`, {
    hint: "the registry's copy is corrupt or was tampered with: push the artifact again, and check who can write to the registry"
  });
}
function checkDigestHeader(response, digest, what, ref) {
  const named = response.headers.get("docker-content-digest");
  if (named !== null && named !== digest) throw digestMismatch(what, ref, digest, named);
}
async function statusError(response, what, ref) {
  let detail = "";
  try {
    const body = await response.json();
    const first = body.errors?.[0];
    const text = (value) => typeof value === "string" ? value : "";
    if (first !== void 0) detail = `: ${text(first.code)} ${text(first.message)}`.trimEnd();
  } catch {
  }
  const status = response.status;
  const insufficient = parseChallenge(response.headers.get("www-authenticate") ?? "")?.params.error === "insufficient_scope";
  if (status === 401 && !insufficient)
    return new UserError(`${what}: the registry refused the credentials for ${ref} (HTTP 401${detail})`, {
      hint: "check the registry username and password or token (GHCR: any username, and GITHUB_TOKEN with packages: read, or packages: write to push)"
    });
  if (status === 403 || insufficient)
    return new UserError(`${what}: the credentials may not do this to ${ref} (HTTP ${status}${detail})`, {
      hint: "grant the token push (write) or pull (read) permission on the repository (GHCR: packages: write in the workflow's permissions)"
    });
  if (/\b(MANIFEST_BLOB_UNKNOWN|BLOB_UNKNOWN)\b/.test(detail) && status === 400)
    return new UserError(`${what}: the registry does not hold a blob the manifest names (HTTP 400${detail})`, {
      hint: "push the config and every layer blob before the manifest that names them"
    });
  if (status === 404)
    return new UserError(`${what}: ${ref} was not found (HTTP 404${detail})`, {
      hint: "check the registry, repository, tag or digest in the reference"
    });
  return new UserError(`${what}: the registry answered HTTP ${status}${detail}`, {
    hint: "check the registry's status and the reference, then try again"
  });
}
function networkError(error, what, url) {
  if (isUserError(error) || !(error instanceof Error)) return error;
  const code = error.code;
  return new UserError(`${what}: could not reach ${redactUrl(url)} (${code ?? error.message})`, {
    hint: "check the registry host and port, and its TLS certificate (a private CA goes in NODE_EXTRA_CA_CERTS)",
    cause: error
  });
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
import { createReadStream } from "node:fs";
import { createHash as createHash2 } from "node:crypto";
import { open } from "node:fs/promises";
var TRITON_ARCHIVE_NAME = "triton-model-repository.tar.gz";
var TRITON_VERSION = "1";
var TRITON_MODEL_FILE = "model.onnx";
var ENTRY_TIME = /* @__PURE__ */ new Date("2000-01-01T00:00:00.000Z");
var REPRODUCIBLE_TAR = { portable: true, mtime: ENTRY_TIME, noPax: true };
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
  const sections = [];
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
    sections.push(`${role} [
${entries2.join(",\n")}
]
`);
  }
  return {
    text: `name: ${quoted(model)}
backend: "onnxruntime"
max_batch_size: 0
${sections.join("")}`
  };
}
function tritonEntries(model, config, modelFile, prefix = "") {
  const layout = tritonLayout(checkTritonModelName(model));
  const mtime = ENTRY_TIME;
  return [
    new se({ path: `${prefix}${layout.dirs[0]}`, type: "Directory", mode: 493, mtime }),
    new se({ path: `${prefix}${layout.config}`, mode: 420, mtime }, config),
    new se({ path: `${prefix}${layout.dirs[1]}`, type: "Directory", mode: 493, mtime }),
    new se({ path: `${prefix}${layout.model}`, mode: 420, mtime, size: modelFile.size }, modelFile.body)
  ];
}
function entries(model, modelPath, modelBytes, config, seen) {
  async function* modelChunks() {
    for await (const chunk of createReadStream(modelPath)) {
      seen.hash.update(chunk);
      yield chunk;
    }
  }
  return tritonEntries(model, config, { size: modelBytes, body: modelChunks() });
}
async function writeTritonArchive(options) {
  const model = checkTritonModelName(options.model);
  const seen = { hash: createHash2("sha256") };
  const tar = Oo(REPRODUCIBLE_TAR, entries(model, options.modelPath, options.modelBytes, options.config, seen));
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

// src/registry/oci-modelcar.ts
var MODELCAR_SCHEMA = "modelship/modelcar@1";
var PACKAGE_ARTIFACT_TYPE = "application/vnd.modelship.package.v1+json";
var OCI_IMAGE_CONFIG = "application/vnd.oci.image.config.v1+json";
var OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
var MANIFEST_MEDIA_TYPE = "application/vnd.modelship.manifest.v1+json";
var EMPTY_CONFIG_BYTES = Buffer.from("{}");
var ANNOTATION = {
  title: "org.opencontainers.image.title",
  version: "org.opencontainers.image.version",
  created: "org.opencontainers.image.created",
  source: "org.opencontainers.image.source",
  revision: "org.opencontainers.image.revision",
  schema: "dev.modelship.schema",
  modelSha256: "dev.modelship.model.sha256",
  manifestSha256: "dev.modelship.manifest.sha256",
  packageDigest: "dev.modelship.package.digest",
  verdict: "dev.modelship.gate.verdict",
  layout: "dev.modelship.layout"
};
var BUSYBOX_APPLETS = ["sh", "ln", "sleep", "echo", "ls", "cat"];
var BASE_ENTRIES = [
  { path: "bin/", type: "Directory", mode: 493 },
  { path: "bin/busybox", type: "File", mode: 493 },
  ...BUSYBOX_APPLETS.map((applet) => ({ path: `bin/${applet}`, type: "SymbolicLink", mode: 493, linkpath: "busybox" }))
];
function baseEntriesProblem(entries2) {
  const bare = (path) => path.replace(/\/+$/, "");
  for (let index = 0; index < Math.max(entries2.length, BASE_ENTRIES.length); index++) {
    const got = entries2[index];
    const want = BASE_ENTRIES[index];
    if (got === void 0) return `the base layer lacks ${want.path}`;
    const shown = `${JSON.stringify(got.path)} (${got.type}${got.linkpath === void 0 ? "" : ` \u2192 ${got.linkpath}`})`;
    if (want === void 0) return `the base layer holds ${shown}, which a modelcar base does not`;
    if (bare(got.path) !== bare(want.path) || got.type !== want.type || got.mode !== want.mode || got.linkpath !== want.linkpath)
      return `the base layer's entry ${index + 1} is ${shown} mode ${got.mode?.toString(8) ?? "unset"}, not ${want.path} (${want.type}${want.linkpath === void 0 ? "" : ` \u2192 ${want.linkpath}`}) mode ${want.mode.toString(8)}`;
  }
  return void 0;
}
async function layerOf(entries2) {
  const chunks = [];
  for await (const chunk of Oo(REPRODUCIBLE_TAR, entries2)) chunks.push(chunk);
  const tar = Buffer.concat(chunks);
  const gz = [];
  for await (const chunk of storedGzip([tar])) gz.push(chunk);
  return { gz: Buffer.concat(gz), diffId: ociDigest(tar) };
}
function modelcarTag(version) {
  const tag = version.replaceAll("+", "_");
  if (!isOciTag(tag))
    throw new UserError(`version "${version}" cannot be an OCI tag ("${tag}")`, {
      hint: "use a semantic version of letters, digits, '.', '-', '+' and '_', at most 128 characters"
    });
  return tag;
}
function modelcarRepository(prefix, model) {
  const text = `oci://${prefix.registry}/${prefix.repository}/${model}`;
  let parsed;
  try {
    parsed = parseOciReference(text, "release.oci.repository");
  } catch (error) {
    throw new UserError(`the model name "${model}" under ${prefix.registry}/${prefix.repository} is not an OCI repository name`, {
      hint: "OCI repository names are lower-case letters and digits joined by '.', '_' or '-': rename the model (e.g. adult-income) or shorten the repository",
      cause: error
    });
  }
  return { registry: parsed.registry, repository: parsed.repository };
}
function modelcarLayout(manifest) {
  const triton = manifest.serving?.find(
    (asset) => asset.layout === "triton-model-repository" && asset.file !== void 0 && asset.tritonModel !== void 0
  );
  return triton === void 0 ? { layout: "onnx-file", model: manifest.name } : { layout: "triton-model-repository", model: triton.tritonModel };
}
async function modelsLayer(options) {
  const mtime = ENTRY_TIME;
  const top = new se({ path: "models/", type: "Directory", mode: 493, mtime });
  if (options.layout === "onnx-file")
    return layerOf([top, new se({ path: `models/${TRITON_MODEL_FILE}`, mode: 420, mtime }, options.modelBytes)]);
  let graph;
  try {
    graph = readOnnxGraph(options.modelBytes);
  } catch (error) {
    throw new UserError(`the model of ${options.model} is not an ONNX model, so no Triton model repository can hold it`, {
      hint: "release the model.onnx that training wrote",
      cause: error
    });
  }
  const config = tritonModelConfig(options.model, graph);
  if ("unavailable" in config)
    throw new UserError(`Triton cannot serve the model of ${options.model}: ${config.unavailable}`, {
      hint: "build the image with the onnx-file layout (the release's manifest lists no Triton model repository for such a model)"
    });
  return layerOf([
    top,
    ...tritonEntries(options.model, config.text, { size: options.modelBytes.byteLength, body: options.modelBytes }, "models/")
  ]);
}
var ARCHITECTURES = /* @__PURE__ */ new Map([
  [62, "amd64"],
  [183, "arm64"]
]);
var PT_INTERP = 3;
function staticElfArchitecture(bytes) {
  if (bytes.length < 64 || bytes.readUInt32BE(0) !== 2135247942) return { problem: "is not an ELF executable" };
  if (bytes[4] !== 2 || bytes[5] !== 1) return { problem: "is not a 64-bit little-endian ELF executable" };
  const machine = bytes.readUInt16LE(18);
  const architecture = ARCHITECTURES.get(machine);
  if (architecture === void 0) return { problem: `is an ELF executable for machine ${machine}, neither amd64 nor arm64` };
  const phoff = Number(bytes.readBigUInt64LE(32));
  const phentsize = bytes.readUInt16LE(54);
  const phnum = bytes.readUInt16LE(56);
  if (phentsize < 4 || phoff + phnum * phentsize > bytes.length) return { problem: "has program headers outside the file" };
  for (let index = 0; index < phnum; index++)
    if (bytes.readUInt32LE(phoff + index * phentsize) === PT_INTERP)
      return { problem: "is dynamically linked (it names a program interpreter); the image holds no shared libraries" };
  return { architecture };
}
var BUSYBOX_HINT = "apt-get install busybox-static, or set release.oci.busybox";
async function baseLayer(busyboxPath) {
  let bytes;
  try {
    bytes = await readFile(busyboxPath);
  } catch (error) {
    const code = errnoCode(error);
    throw new UserError(code === "ENOENT" ? "busybox is not there" : `cannot read busybox (${code ?? String(error)})`, {
      file: busyboxPath,
      hint: BUSYBOX_HINT,
      cause: error
    });
  }
  const elf = staticElfArchitecture(bytes);
  if ("problem" in elf)
    throw new UserError(`${elf.problem}: a modelcar's base needs a static busybox`, { file: busyboxPath, hint: BUSYBOX_HINT });
  const mtime = ENTRY_TIME;
  const layer = await layerOf([
    new se({ path: "bin/", type: "Directory", mode: 493, mtime }),
    new se({ path: "bin/busybox", mode: 493, mtime }, bytes),
    ...BUSYBOX_APPLETS.map(
      (applet) => new se({ path: `bin/${applet}`, type: "SymbolicLink", mode: 493, mtime, linkpath: "busybox" })
    )
  ]);
  return { ...layer, architecture: elf.architecture };
}
function packageFileMediaType(file) {
  if (file.name.endsWith(".md")) return "text/markdown";
  if (file.role === "other") return "application/octet-stream";
  return `application/vnd.modelship.${file.role}.v1+json`;
}
var IMAGE_ROLES = /* @__PURE__ */ new Set(["model", "triton-model-repository"]);
function artifactFiles(manifest) {
  return manifest.files.filter((file) => !IMAGE_ROLES.has(file.role));
}
function packageArtifact(options) {
  const { manifest } = options;
  const blobs = [EMPTY_CONFIG_BYTES, options.manifestBytes];
  const layers = [ociDescriptor(MANIFEST_MEDIA_TYPE, options.manifestBytes, { [ANNOTATION.title]: MANIFEST_NAME })];
  for (const file of artifactFiles(manifest)) {
    const bytes2 = options.files.get(file.name);
    if (bytes2 === void 0)
      throw new UserError(`the package of ${manifest.name} ${manifest.version} lacks ${file.name}, which its manifest lists`, {
        hint: "publish the package folder that release wrote, whole"
      });
    if (sha256Of(bytes2) !== file.sha256)
      throw new UserError(`${file.name} of ${manifest.name} ${manifest.version} does not match the sha256 its manifest lists`, {
        hint: "publish the package folder that release wrote, unchanged"
      });
    blobs.push(bytes2);
    layers.push(ociDescriptor(packageFileMediaType(file), bytes2, { [ANNOTATION.title]: file.name }));
  }
  const artifact = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    artifactType: PACKAGE_ARTIFACT_TYPE,
    config: ociDescriptor(OCI_EMPTY_CONFIG, EMPTY_CONFIG_BYTES),
    layers,
    subject: options.subject,
    annotations: { [ANNOTATION.created]: manifest.created, [ANNOTATION.manifestSha256]: sha256Of(options.manifestBytes) }
  };
  const bytes = Buffer.from(JSON.stringify(artifact));
  return { manifest: artifact, bytes, digest: ociDigest(bytes), blobs };
}
async function buildModelcar(source) {
  const { manifest } = source;
  const modelFile = manifest.files.find((file) => file.role === "model");
  const modelSha256 = sha256Of(source.modelBytes);
  if (modelFile === void 0 || modelFile.sha256 !== modelSha256)
    throw new UserError(`the model bytes are not the model.onnx that ${manifest.name} ${manifest.version}'s manifest lists`, {
      hint: "publish the package folder that release wrote, unchanged"
    });
  const { layout, model } = modelcarLayout(manifest);
  const base = await baseLayer(source.busybox);
  const models = await modelsLayer({ model, layout, modelBytes: source.modelBytes });
  const { image, imageBytes, config } = modelcarManifest({
    manifest,
    manifestSha256: sha256Of(source.manifestBytes),
    architecture: base.architecture,
    layers: [layerRef(base), layerRef(models)],
    ...source.sourceUrl === void 0 ? {} : { sourceUrl: source.sourceUrl }
  });
  const descriptor2 = ociDescriptor(OCI_MANIFEST, imageBytes);
  return {
    image,
    imageBytes,
    digest: descriptor2.digest,
    descriptor: descriptor2,
    config,
    layers: [base.gz, models.gz],
    artifact: (subject, files) => packageArtifact({ subject, manifest, manifestBytes: source.manifestBytes, files })
  };
}
function modelcarManifest(options) {
  const { manifest, layers } = options;
  const { layout } = modelcarLayout(manifest);
  const modelSha256 = manifest.files.find((file) => file.role === "model")?.sha256 ?? "";
  const config = Buffer.from(
    JSON.stringify({
      architecture: options.architecture,
      os: "linux",
      created: manifest.created,
      config: { Env: ["PATH=/bin"], Cmd: ["/bin/sh"], WorkingDir: "/" },
      rootfs: { type: "layers", diff_ids: [layers[0].diffId, layers[1].diffId] }
    })
  );
  const annotations = {
    [ANNOTATION.title]: manifest.name,
    [ANNOTATION.version]: manifest.version,
    [ANNOTATION.created]: manifest.created,
    ...options.sourceUrl === void 0 ? {} : { [ANNOTATION.source]: options.sourceUrl },
    ...manifest.lineage.gitSha === void 0 ? {} : { [ANNOTATION.revision]: manifest.lineage.gitSha },
    [ANNOTATION.schema]: MODELCAR_SCHEMA,
    [ANNOTATION.modelSha256]: modelSha256,
    [ANNOTATION.manifestSha256]: options.manifestSha256,
    [ANNOTATION.packageDigest]: manifest.digest,
    [ANNOTATION.verdict]: manifest.gate.verdict,
    [ANNOTATION.layout]: layout
  };
  const image = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: ociDescriptor(OCI_IMAGE_CONFIG, config),
    layers: layers.map((layer) => ({ mediaType: OCI_LAYER_GZIP, digest: layer.digest, size: layer.size })),
    annotations
  };
  return { image, imageBytes: Buffer.from(JSON.stringify(image)), config };
}
function layerRef(layer) {
  return { digest: ociDigest(layer.gz), size: layer.gz.byteLength, diffId: layer.diffId };
}

// src/registry/oci-pull.ts
import { createHash as createHash3 } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
var IN_LAYERS = /* @__PURE__ */ new Set(["model", "triton-model-repository"]);
var DEFAULT_MAX_MODELCAR_BYTES = 4 * 1024 ** 3;
var hex = (bytes) => createHash3("sha256").update(bytes).digest("hex");
async function pullModelcar(options) {
  const { client, digest, dir, logger } = options;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_MODELCAR_BYTES;
  if (!isOciDigest(digest))
    throw new UserError(`${client.referenceOf(digest)} names no image digest: pin the digest`, {
      hint: "deploy a modelcar by its digest, oci://REGISTRY/REPOSITORY@sha256:<64 hex digits> (modelship promote writes it so); a tag can be moved"
    });
  const ref = client.referenceOf(digest);
  const refuse = (problem, hint = TAMPERED_HINT) => new UserError(`${ref}: ${problem}`, { hint });
  const pulled = await client.pullManifest(digest);
  const image = pulled.manifest;
  if (image === null || typeof image !== "object" || image.schemaVersion !== 2 || image.mediaType !== OCI_MANIFEST)
    throw refuse(`is not an OCI image manifest (${OCI_MANIFEST})`, NOT_MODELCAR_HINT);
  const annotations = stringRecord(image.annotations);
  if (image.artifactType !== void 0 || annotations[ANNOTATION.schema] !== MODELCAR_SCHEMA)
    throw refuse(`is not a modelship modelcar (annotation ${ANNOTATION.schema} is not ${MODELCAR_SCHEMA})`, NOT_MODELCAR_HINT);
  const config = descriptor(image.config, OCI_IMAGE_CONFIG, "its config", refuse, maxBytes);
  const layers = Array.isArray(image.layers) ? image.layers : [];
  if (layers.length !== 2) throw refuse(`has ${layers.length} layers; a modelcar has exactly 2 (busybox, then the model under /models)`);
  const [base, models] = layers.map((layer, index) => descriptor(layer, OCI_LAYER_GZIP, `layer ${index}`, refuse, maxBytes));
  const wanted = (key) => {
    const value = annotations[key];
    if (value === void 0 || value === "") throw refuse(`has no ${key} annotation`, NOT_MODELCAR_HINT);
    return value;
  };
  const manifestSha256 = wanted(ANNOTATION.manifestSha256);
  if (!/^[a-f0-9]{64}$/.test(manifestSha256)) throw refuse(`annotation ${ANNOTATION.manifestSha256} is not a sha256`);
  const manifestBytes = await pullChecked(client, `sha256:${manifestSha256}`, refuse);
  const manifest = parseManifest(manifestBytes.toString("utf8"), `${ref} ${MANIFEST_NAME}`);
  const model = manifest.files.find((file) => file.role === "model");
  if (model === void 0) throw refuse(`its ${MANIFEST_NAME} lists no model file`);
  const { layout, model: folder } = modelcarLayout(manifest);
  const claims = [
    [ANNOTATION.title, manifest.name, "model name"],
    [ANNOTATION.version, manifest.version, "version"],
    [ANNOTATION.packageDigest, manifest.digest, "package digest"],
    [ANNOTATION.modelSha256, model.sha256, `${model.name} sha256`],
    [ANNOTATION.verdict, manifest.gate.verdict, "gate verdict"],
    [ANNOTATION.layout, layout, "layout"]
  ];
  for (const [key, value, what] of claims)
    if (wanted(key) !== value)
      throw refuse(
        `annotation ${key} says ${JSON.stringify(annotations[key])}, but the ${MANIFEST_NAME} it names (${manifest.name}@${manifest.version}) has ${what} ${JSON.stringify(value)}: the image is not the release it claims to be`
      );
  await options.accept?.({ manifest, manifestSha256, reference: ref });
  const modelsCap = Math.min(maxBytes, model.bytes + LAYER_SLACK);
  if (models.size > modelsCap) throw refuse(`layer 1 has ${models.size} bytes, more than ${model.name} (${model.bytes} bytes) can fill`);
  const modelsTar = await pullLayer(client, models, 1, modelsCap, refuse);
  const modelsEntries = readLayer(modelsTar, 1, refuse);
  for (const entry of modelsEntries) {
    if (entry.type !== "Directory" && entry.type !== "File")
      throw refuse(`layer 1 holds ${describe(entry)}; the models layer holds only folders and files`);
    if (entry.path !== "models/" && !entry.path.startsWith("models/")) throw refuse(`layer 1 holds ${entry.path}, outside models/`);
  }
  const modelPath = layout === "onnx-file" ? `models/${TRITON_MODEL_FILE}` : `models/${folder}/1/${TRITON_MODEL_FILE}`;
  const modelBytes = modelsEntries.find((entry) => entry.path === modelPath && entry.type === "File")?.body;
  if (modelBytes === void 0) throw refuse(`layer 1 has no ${modelPath}`);
  const modelSha = hex(modelBytes);
  if (modelSha !== model.sha256 || modelBytes.byteLength !== model.bytes)
    throw refuse(
      `${modelPath} in layer 1 has sha256 ${shortDigest(modelSha)} (${modelBytes.byteLength} bytes); ${MANIFEST_NAME} lists ${model.name} as ${shortDigest(model.sha256)} (${model.bytes} bytes)`
    );
  const rebuilt = await modelsLayer({ model: folder, layout, modelBytes });
  const rebuiltDigest = `sha256:${hex(rebuilt.gz)}`;
  if (rebuiltDigest !== models.digest)
    throw refuse(
      `layer 1 (${shortDigest(models.digest.slice(7))}) is not the layer the release's ${model.name} makes (${shortDigest(rebuiltDigest.slice(7))}): it holds other entries, modes or order than ${layout} of ${manifest.name}`
    );
  if (base.size > BASE_CAP) throw refuse(`layer 0 has ${base.size} bytes; a static busybox layer is far smaller`);
  const baseTar = await pullLayer(client, base, 0, BASE_CAP, refuse);
  const plain = plainTarProblem(baseTar);
  if (plain !== void 0) throw refuse(`layer 0: ${plain}; the base layer holds bin/busybox and its links only, in plain headers`);
  const baseEntries = readLayer(baseTar, 0, refuse);
  checkBaseLayer(baseEntries, refuse);
  const busybox = baseEntries.find((entry) => entry.path === "bin/busybox")?.body ?? Buffer.alloc(0);
  const elf = staticElfArchitecture(busybox);
  if ("problem" in elf) throw refuse(`layer 0's bin/busybox ${elf.problem}`);
  const configBytes = await pullChecked(client, config.digest, refuse);
  let diffIds;
  try {
    diffIds = JSON.parse(configBytes.toString("utf8")).rootfs?.diff_ids;
  } catch {
    throw refuse("its config is not JSON");
  }
  const actual = [`sha256:${hex(baseTar)}`, `sha256:${hex(modelsTar)}`];
  if (!Array.isArray(diffIds) || diffIds.length !== 2 || diffIds[0] !== actual[0] || diffIds[1] !== actual[1])
    throw refuse(
      `its config's rootfs.diff_ids (${JSON.stringify(diffIds)}) are not the uncompressed layers' digests (${actual.join(", ")})`
    );
  const source = annotations[ANNOTATION.source];
  const expected = modelcarManifest({
    manifest,
    manifestSha256,
    architecture: elf.architecture,
    layers: [
      { digest: base.digest, size: base.size, diffId: actual[0] },
      { digest: models.digest, size: models.size, diffId: actual[1] }
    ],
    ...source === void 0 ? {} : { sourceUrl: source }
  });
  if (!expected.config.equals(configBytes))
    throw refuse("its config is not the one modelship writes for these layers (other keys or values: an entrypoint, user or environment)");
  if (!expected.imageBytes.equals(pulled.bytes))
    throw refuse("its manifest is not the one modelship writes for these layers and this release (other keys, values or order)");
  const names = [];
  const write = async (name, bytes) => {
    await writeFile(join(dir, name), bytes, { flag: "wx", mode: 420 });
    names.push(name);
  };
  const sums = formatSha256Sums(manifest.files);
  if (sha256Of(sums) !== manifest.digest)
    throw refuse(
      `the SHA256SUMS its ${MANIFEST_NAME} makes has sha256 ${shortDigest(sha256Of(sums))}, not the package digest ${shortDigest(manifest.digest)}`
    );
  for (const file of manifest.files) {
    if (!/^[^/\\]+$/.test(file.name) || file.name === "." || file.name === ".." || file.name === MANIFEST_NAME || file.name === SUMS_NAME)
      throw refuse(`its ${MANIFEST_NAME} lists "${file.name}", which cannot be a package file`);
    if (IN_LAYERS.has(file.role)) continue;
    if (file.bytes > maxBytes) throw refuse(`${file.name} has ${file.bytes} bytes, more than the ${maxBytes} allowed`, SIZE_HINT);
    const bytes = await pullChecked(client, `sha256:${file.sha256}`, refuse);
    if (bytes.byteLength !== file.bytes) throw refuse(`${file.name} has ${bytes.byteLength} bytes, ${MANIFEST_NAME} says ${file.bytes}`);
    await write(file.name, bytes);
  }
  await write(MANIFEST_NAME, manifestBytes);
  await write(model.name, modelBytes);
  await write(SUMS_NAME, Buffer.from(sums));
  logger.info(
    `Pulled ${ref}: ${manifest.name}@${manifest.version}, every layer and file verified (digest ${shortDigest(manifest.digest)})`
  );
  return { manifest, manifestSha256, imageDigest: digest, annotations, names };
}
var LAYER_SLACK = 16 * 1024 * 1024;
var BASE_CAP = 64 * 1024 * 1024;
function plainTarProblem(tar) {
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) return void 0;
    const type = String.fromCharCode(header[156]);
    if (type !== "0" && type !== "5" && type !== "2")
      return `a tar header of type ${JSON.stringify(type)} at byte ${offset} (only files, folders and symbolic links are allowed)`;
    const sizeText = header.subarray(124, 136).toString("latin1").replace(/[\0 ]+$/, "");
    if (!/^[0-7]*$/.test(sizeText)) return `a tar header with a size that is not octal at byte ${offset}`;
    const size = sizeText === "" ? 0 : parseInt(sizeText, 8);
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return "a tar that ends without its end-of-archive blocks";
}
var TAMPERED_HINT = "the image was tampered with or is not what modelship publishes: do not deploy it; publish the release again (modelship release) and check who can write to the registry";
var NOT_MODELCAR_HINT = "name a modelcar modelship released (modelship release with an OCI registry configured), by its digest";
var SIZE_HINT = "check that the reference names a model image modelship pushed: a layer holds its model and a little more, and the limit is the model's size (within 4 GiB)";
function stringRecord(value) {
  if (value === null || typeof value !== "object") return {};
  return Object.fromEntries(Object.entries(value).filter((pair) => typeof pair[1] === "string"));
}
function descriptor(value, mediaType, what, refuse, maxBytes) {
  const found = value ?? {};
  if (found.mediaType !== mediaType) throw refuse(`${what} is ${JSON.stringify(found.mediaType)}, not ${mediaType}`, NOT_MODELCAR_HINT);
  if (typeof found.digest !== "string" || !isOciDigest(found.digest)) throw refuse(`${what} has no sha256 digest`);
  if (typeof found.size !== "number" || !Number.isSafeInteger(found.size) || found.size < 0) throw refuse(`${what} has no size`);
  if (found.size > maxBytes) throw refuse(`${what} has ${found.size} bytes, more than the ${maxBytes} allowed`, SIZE_HINT);
  return { mediaType, digest: found.digest, size: found.size };
}
async function pullChecked(client, digest, refuse) {
  const bytes = await client.pullBlob(digest);
  const actual = `sha256:${hex(bytes)}`;
  if (actual !== digest) throw refuse(`the blob ${digest} holds bytes whose digest is ${actual}`);
  return bytes;
}
async function pullLayer(client, layer, index, maxBytes, refuse) {
  const gz = await pullChecked(client, layer.digest, refuse);
  try {
    return gunzipSync(gz, { maxOutputLength: maxBytes });
  } catch (error) {
    if (error.code === "ERR_BUFFER_TOO_LARGE")
      throw refuse(`layer ${index} unpacks to more than the ${maxBytes} bytes allowed`, SIZE_HINT);
    throw refuse(`layer ${index} is not gzip (${error.message})`);
  }
}
function readLayer(tar, index, refuse) {
  const found = [];
  const parser = new I({ strict: true });
  let current;
  let chunks = [];
  try {
    parser.push(tar);
    parser.end();
    for (let event = parser.next(); event !== void 0 && event.type !== "end"; event = parser.next()) {
      if (event.type === "entry") {
        const { entry } = event;
        current = { type: entry.type, path: entry.path, mode: entry.mode, linkpath: entry.linkpath };
        checkEntry(current, entry.ignore, index, refuse);
        found.push(current);
        chunks = [];
      } else if (event.type === "body") chunks.push(Buffer.from(event.data));
      else if (current !== void 0 && current.type === "File") current.body = Buffer.concat(chunks);
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw refuse(`layer ${index} is not a tar archive that reads cleanly (${error.message})`);
  }
  for (const entry of found) if (entry.type === "File") entry.body ??= Buffer.alloc(0);
  const seen = /* @__PURE__ */ new Set();
  for (const entry of found) {
    const key = entry.path.replace(/\/+$/, "");
    if (seen.has(key)) throw refuse(`layer ${index} holds ${entry.path} twice; the later one would replace the first`);
    seen.add(key);
  }
  return found;
}
function describe(entry) {
  if (entry.type === "SymbolicLink" || entry.type === "Link")
    return `a ${entry.type === "Link" ? "hard" : "symbolic"} link ${entry.path} \u2192 ${entry.linkpath ?? ""}`;
  return `${entry.path} (${entry.type})`;
}
function checkEntry(entry, ignored, index, refuse) {
  const { path } = entry;
  const parts = path.split("/");
  if (path.startsWith("/") || path.includes("\\") || parts.includes(".."))
    throw refuse(`layer ${index} holds the path ${JSON.stringify(path)}, which is absolute or leads out of the image`);
  if (parts.some((part) => part.startsWith(".wh.")))
    throw refuse(`layer ${index} holds the whiteout ${path}, which would delete or hide files of another layer`);
  if (entry.type === "Link") throw refuse(`layer ${index} holds ${describe(entry)}; a modelcar holds no hard links`);
  if (ignored || !["Directory", "File", "SymbolicLink"].includes(entry.type))
    throw refuse(`layer ${index} holds ${describe(entry)}; a modelcar holds only folders, files and busybox's links`);
}
function checkBaseLayer(entries2, refuse) {
  const intruder = entries2.find((entry) => entry.path === "models" || entry.path.startsWith("models/"));
  if (intruder !== void 0)
    throw refuse(
      `layer 0 holds ${describe(intruder)}: a path under models/ would change what /mnt/models serves; the base layer holds bin/busybox and its links only`
    );
  const linkMode = (path) => BASE_ENTRIES.find((want) => want.path === path && want.type === "SymbolicLink")?.mode;
  const problem = baseEntriesProblem(
    entries2.map((entry) => ({
      ...entry,
      mode: (entry.type === "SymbolicLink" ? linkMode(entry.path) : void 0) ?? entry.mode ?? 0,
      linkpath: entry.linkpath
    }))
  );
  if (problem !== void 0) throw refuse(`layer 0: ${problem}; the base layer holds bin/busybox and its links only`);
}

export {
  isOciDigest,
  parseOciReference,
  formatOciReference,
  OCI_MANIFEST,
  OCI_INDEX,
  OciClient,
  TRITON_ARCHIVE_NAME,
  tritonModelConfig,
  writeTritonArchive,
  PACKAGE_ARTIFACT_TYPE,
  ANNOTATION,
  modelcarTag,
  modelcarRepository,
  artifactFiles,
  buildModelcar,
  DEFAULT_MAX_MODELCAR_BYTES,
  pullModelcar
};
