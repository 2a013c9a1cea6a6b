import type { AnnotationProperties, Logger } from "./logger.ts";

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
  readonly #enabled: boolean;
  #last = Number.NEGATIVE_INFINITY;
  #shown = false;

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

  /** Erases the bar so a log line can take its place. */
  clear(): void {
    if (!this.#shown) return;
    this.#stream.write("\r\u001b[K");
    this.#shown = false;
  }
}
