import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  DEFAULT_LOCAL_REGISTRY
} from "./chunk-764VFCH4.js";

// src/common/progress-bar.ts
var ProgressBar = class {
  #stream;
  #enabled;
  #last = Number.NEGATIVE_INFINITY;
  #shown = false;
  /** When each task was first seen, for its rate and ETA. */
  #started = /* @__PURE__ */ new Map();
  constructor(stream, env = process.env) {
    this.#stream = stream;
    this.#enabled = stream.isTTY === true && env.GITHUB_ACTIONS !== "true" && env.CI !== "true";
  }
  /** Shows `fraction` (0..1) done, with a label. */
  update(fraction, label) {
    if (!this.#enabled) return;
    const now = performance.now();
    if (fraction < 1 && now - this.#last < 100) return;
    this.#last = now;
    const width = Math.max(10, Math.min(40, (this.#stream.columns ?? 80) - label.length - 10));
    const done = Math.round(Math.min(1, Math.max(0, fraction)) * width);
    this.#stream.write(
      `\r[${"#".repeat(done)}${".".repeat(width - done)}] ${String(Math.floor(fraction * 100)).padStart(3)}% ${label}\x1B[K`
    );
    this.#shown = true;
  }
  /** The logger, erasing the bar before each line it writes, so log lines read cleanly above the bar. */
  around(logger) {
    const clearing = (write) => (...args) => {
      this.clear();
      write(...args);
    };
    return {
      debug: clearing((message) => {
        logger.debug(message);
      }),
      info: clearing((message) => {
        logger.info(message);
      }),
      warning: clearing((message, properties) => {
        logger.warning(message, properties);
      }),
      error: clearing((message, properties) => {
        logger.error(message, properties);
      }),
      notice: clearing((message, properties) => {
        logger.notice(message, properties);
      }),
      group: (name, fn) => logger.group(name, fn)
    };
  }
  /** Whether anything will be drawn (a TTY, outside CI, not muted). */
  get enabled() {
    return this.#enabled;
  }
  /** Draws nothing from now on (-q), and erases what is shown. */
  mute() {
    this.clear();
    this.#enabled = false;
  }
  /** Shows a task's progress event with its rate and, when the total is known, its ETA. */
  show(event) {
    if (!this.#enabled) return;
    const now = performance.now();
    const started = this.#started.get(event.task) ?? now;
    if (!this.#started.has(event.task)) this.#started.set(event.task, now);
    const label = progressLabel(event, (now - started) / 1e3);
    if (event.total !== void 0 && event.total > 0) this.update(event.done / event.total, label);
    else this.#spin(label);
  }
  /** A task without a known total: its label alone, redrawn at most every 100 ms. */
  #spin(label) {
    const now = performance.now();
    if (now - this.#last < 100) return;
    this.#last = now;
    this.#stream.write(`\r${label}\x1B[K`);
    this.#shown = true;
  }
  /** Erases the bar so a log line can take its place. */
  clear() {
    if (!this.#shown) return;
    this.#stream.write("\r\x1B[K");
    this.#shown = false;
  }
};
function progressLabel(event, elapsedSeconds) {
  const parts = [
    `${event.task}: ${amount(event.done, event.unit)}${event.total === void 0 ? "" : ` of ${amount(event.total, event.unit)}`}`
  ];
  if (elapsedSeconds > 0 && event.done > 0) {
    const rate = event.done / elapsedSeconds;
    parts.push(`${amount(Math.round(rate), event.unit)}/s`);
    if (event.total !== void 0 && event.total > event.done) parts.push(`ETA ${duration((event.total - event.done) / rate)}`);
  }
  return parts.join(", ");
}
function amount(count, unit) {
  if (unit !== "bytes") return `${count.toLocaleString("en-US")} ${unit}`;
  const steps = ["bytes", "KiB", "MiB", "GiB"];
  let value = count;
  let step = 0;
  while (value >= 1024 && step < steps.length - 1) {
    value /= 1024;
    step++;
  }
  return step === 0 ? `${count} bytes` : `${value.toFixed(1)} ${steps[step]}`;
}
function duration(seconds) {
  const whole = Math.ceil(seconds);
  if (whole < 60) return `${whole} s`;
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${whole % 60} s`;
  return `${Math.floor(whole / 3600)} h ${Math.floor(whole % 3600 / 60)} min`;
}

// src/cli/command.ts
var ExitCode = { ok: 0, checksFailed: 1, usage: 2, bug: 3 };
function cliStageRun(context, config) {
  return {
    config: { file: config },
    cwd: context.cwd,
    env: context.env,
    logger: context.logger,
    toolVersion: context.version,
    token: context.env.GITHUB_TOKEN || void 0,
    repository: context.env.GITHUB_REPOSITORY || void 0,
    serverUrl: context.env.GITHUB_SERVER_URL || void 0,
    // The commit, when a CI (GitHub's or another that sets GITHUB_SHA) says which one.
    sha: context.env.GITHUB_SHA || void 0,
    defaultRegistry: DEFAULT_LOCAL_REGISTRY
  };
}

export {
  ProgressBar,
  ExitCode,
  cliStageRun
};
