import type { AnnotationProperties, Logger } from "./logger.ts";
import type { ProgressEvent } from "./progress.ts";

/**
 * A one-line progress bar for people at a terminal. On anything that is not a TTY (CI logs, GitHub
 * Actions, a pipe) it draws nothing: those get one log line per epoch instead.
 */

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/** Redraws `[####.....] 42% label` in place, at most every 100 ms. */
export class ProgressBar {
  readonly #stream: ProgressStream;
  #enabled: boolean;
  #last = Number.NEGATIVE_INFINITY;
  #shown = false;
  /** When each task was first seen, for its rate and ETA. */
  readonly #started = new Map<string, number>();

  constructor(stream: ProgressStream, env: NodeJS.ProcessEnv = process.env) {
    this.#stream = stream;
    this.#enabled = stream.isTTY === true && env.GITHUB_ACTIONS !== "true" && env.CI !== "true";
  }

  /** Shows `fraction` (0..1) done, with a label. */
  update(fraction: number, label: string): void {
    if (!this.#enabled) return;
    const now = performance.now();
    if (fraction < 1 && now - this.#last < 100) return;
    this.#last = now;
    const width = Math.max(10, Math.min(40, (this.#stream.columns ?? 80) - label.length - 10));
    const done = Math.round(Math.min(1, Math.max(0, fraction)) * width);
    this.#stream.write(
      `\r[${"#".repeat(done)}${".".repeat(width - done)}] ${String(Math.floor(fraction * 100)).padStart(3)}% ${label}\u001b[K`,
    );
    this.#shown = true;
  }

  /** The logger, erasing the bar before each line it writes, so log lines read cleanly above the bar. */
  around(logger: Logger): Logger {
    const clearing =
      <A extends unknown[]>(write: (...args: A) => void) =>
      (...args: A) => {
        this.clear();
        write(...args);
      };
    return {
      debug: clearing((message: string) => {
        logger.debug(message);
      }),
      info: clearing((message: string) => {
        logger.info(message);
      }),
      warning: clearing((message: string, properties?: AnnotationProperties) => {
        logger.warning(message, properties);
      }),
      error: clearing((message: string, properties?: AnnotationProperties) => {
        logger.error(message, properties);
      }),
      notice: clearing((message: string, properties?: AnnotationProperties) => {
        logger.notice(message, properties);
      }),
      group: (name, fn) => logger.group(name, fn),
    };
  }

  /** Whether anything will be drawn (a TTY, outside CI, not muted). */
  get enabled(): boolean {
    return this.#enabled;
  }

  /** Draws nothing from now on (-q), and erases what is shown. */
  mute(): void {
    this.clear();
    this.#enabled = false;
  }

  /** Shows a task's progress event with its rate and, when the total is known, its ETA. */
  show(event: ProgressEvent): void {
    if (!this.#enabled) return;
    const now = performance.now();
    const started = this.#started.get(event.task) ?? now;
    if (!this.#started.has(event.task)) this.#started.set(event.task, now);
    const label = progressLabel(event, (now - started) / 1000);
    if (event.total !== undefined && event.total > 0) this.update(event.done / event.total, label);
    else this.#spin(label);
  }

  /** A task without a known total: its label alone, redrawn at most every 100 ms. */
  #spin(label: string): void {
    const now = performance.now();
    if (now - this.#last < 100) return;
    this.#last = now;
    this.#stream.write(`\r${label}\u001b[K`);
    this.#shown = true;
  }

  /** Erases the bar so a log line can take its place. */
  clear(): void {
    if (!this.#shown) return;
    this.#stream.write("\r\u001b[K");
    this.#shown = false;
  }
}

/** `reading data/train.csv: 120,000 rows, 48,000 rows/s, ETA 3 s`: the done count, the rate and (with a total) the time left. */
export function progressLabel(event: ProgressEvent, elapsedSeconds: number): string {
  const parts = [
    `${event.task}: ${amount(event.done, event.unit)}${event.total === undefined ? "" : ` of ${amount(event.total, event.unit)}`}`,
  ];
  if (elapsedSeconds > 0 && event.done > 0) {
    const rate = event.done / elapsedSeconds;
    parts.push(`${amount(Math.round(rate), event.unit)}/s`);
    if (event.total !== undefined && event.total > event.done) parts.push(`ETA ${duration((event.total - event.done) / rate)}`);
  }
  return parts.join(", ");
}

/** A count in its unit; bytes in KiB/MiB/GiB. */
function amount(count: number, unit: string): string {
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

/** Seconds as `42 s`, `3 min 5 s` or `2 h 10 min`. */
function duration(seconds: number): string {
  const whole = Math.ceil(seconds);
  if (whole < 60) return `${whole} s`;
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${whole % 60} s`;
  return `${Math.floor(whole / 3600)} h ${Math.floor((whole % 3600) / 60)} min`;
}
