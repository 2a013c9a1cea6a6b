import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  UserError
} from "./chunk-SU4BFKON.js";

// src/common/proxy-env.ts
import { BlockList, isIP } from "node:net";
var PROXY_ENV = {
  http: ["http_proxy", "HTTP_PROXY"],
  https: ["https_proxy", "HTTPS_PROXY"],
  noProxy: ["no_proxy", "NO_PROXY"]
};
function firstSet(env, names) {
  for (const name of names) {
    const value = env[name];
    if (value !== void 0) return { name, value };
  }
  return void 0;
}
function proxyFor(target, env = process.env) {
  if (target.protocol !== "http:" && target.protocol !== "https:") return void 0;
  const http = firstSet(env, PROXY_ENV.http);
  const https = firstSet(env, PROXY_ENV.https);
  const chosen = target.protocol === "https:" && https !== void 0 && https.value !== "" ? https : http;
  if (chosen === void 0 || chosen.value.trim() === "") return void 0;
  if (bypassesProxy(target, firstSet(env, PROXY_ENV.noProxy)?.value ?? "")) return void 0;
  return { url: parseProxyUrl(chosen.value.trim(), chosen.name), variable: chosen.name };
}
function parseProxyUrl(value, variable) {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  let url;
  try {
    url = new URL(text);
  } catch {
    url = void 0;
  }
  const shown = shownValue(value);
  if (url === void 0 || url.hostname === "")
    throw new UserError(`${variable}: "${shown}" is not a proxy URL`, {
      hint: `set ${variable} to the proxy's URL, e.g. http://proxy.example.com:3128 (or unset it)`
    });
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new UserError(`${variable}: ${url.protocol} proxies are not supported (only http:// and https://)`, {
      hint: `set ${variable} to an http:// or https:// proxy URL (SOCKS proxies are not supported)`
    });
  return url;
}
function shownValue(value) {
  const at = value.lastIndexOf("@");
  if (at < 0) return value;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(value)?.[0] ?? "";
  return `${scheme}\u2026@${value.slice(at + 1)}`;
}
function bypassesProxy(target, noProxy) {
  const entries = noProxy.split(/[,\s]/).filter((entry) => entry !== "");
  if (entries.length === 0) return false;
  if (noProxy.trim() === "*") return true;
  const host = target.hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase().replace(/\.$/, "");
  const port = target.port !== "" ? Number(target.port) : target.protocol === "https:" ? 443 : 80;
  const hostFamily = isIP(host) === 4 ? "ipv4" : isIP(host) === 6 ? "ipv6" : void 0;
  const inList = (add) => {
    if (hostFamily === void 0) return false;
    const list = new BlockList();
    try {
      add(list);
    } catch {
      return false;
    }
    return list.check(host, hostFamily);
  };
  return entries.some((raw) => {
    const entry = raw.toLowerCase();
    if (entry === "*") return true;
    const slash = entry.indexOf("/");
    if (slash >= 0) {
      const base = entry.slice(0, slash);
      const prefix = Number(entry.slice(slash + 1));
      const family2 = isIP(base);
      return family2 !== 0 && Number.isInteger(prefix) && inList((list) => {
        list.addSubnet(base, prefix, family2 === 4 ? "ipv4" : "ipv6");
      });
    }
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
    let name = entry;
    let entryPort;
    if (bracketed !== null) {
      name = bracketed[1];
      entryPort = bracketed[2] === void 0 ? void 0 : Number(bracketed[2]);
    } else if (isIP(entry) === 0) {
      const withPort = /^(.+):(\d+)$/.exec(entry);
      if (withPort !== null) {
        name = withPort[1];
        entryPort = Number(withPort[2]);
      }
    }
    if (entryPort !== void 0 && entryPort !== port) return false;
    const family = isIP(name);
    if (family !== 0)
      return inList((list) => {
        list.addAddress(name, family === 4 ? "ipv4" : "ipv6");
      });
    const suffix = name.replace(/^\*?\./, "").replace(/\.$/, "");
    return suffix !== "" && (host === suffix || host.endsWith(`.${suffix}`));
  });
}
function proxyAuthorization(proxy) {
  if (proxy.username === "" && proxy.password === "") return void 0;
  const decode = (text) => {
    try {
      return decodeURIComponent(text);
    } catch {
      return text;
    }
  };
  return `Basic ${Buffer.from(`${decode(proxy.username)}:${decode(proxy.password)}`).toString("base64")}`;
}
function shownProxy(proxy) {
  return `${proxy.protocol}//${proxy.host}`;
}

// src/common/retry.ts
function retryBaseFromEnv() {
  const value = process.env.MODELSHIP_RETRY_BASE_MS;
  return value !== void 0 && /^\d+$/.test(value) ? Number(value) : void 0;
}

export {
  proxyFor,
  proxyAuthorization,
  shownProxy,
  retryBaseFromEnv
};
