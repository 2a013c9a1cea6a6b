/**
 * The logging interface the core takes. The Actions face implements it with workflow commands
 * (annotations, groups), the CLI with the console; tests capture it.
 */

/** Where an annotation points in a file (GitHub's annotation properties). */
export interface AnnotationProperties {
  title?: string;
  file?: string;
  startLine?: number;
  endLine?: number;
  startColumn?: number;
  endColumn?: number;
}

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  /** A warning; with `properties` it becomes an annotation on that file and line. */
  warning(message: string, properties?: AnnotationProperties): void;
  /** An error; with `properties` it becomes an annotation. Not for the final failure (the face does that). */
  error(message: string, properties?: AnnotationProperties): void;
  /** A notice annotation, e.g. "posted to the job summary instead of the PR". */
  notice(message: string, properties?: AnnotationProperties): void;
  /** Runs `fn` inside a collapsible log group. */
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

/** Where console output goes; lets tests capture it. */
export interface ConsoleLoggerOptions {
  verbose?: boolean;
  write?: (line: string) => void;
  writeError?: (line: string) => void;
}

function where(properties?: AnnotationProperties): string {
  if (!properties?.file) return "";
  return properties.startLine ? `${properties.file}:${properties.startLine}: ` : `${properties.file}: `;
}

/** Logs to stdout/stderr for people at a terminal or in another CI. */
export class ConsoleLogger implements Logger {
  readonly #verbose: boolean;
  readonly #write: (line: string) => void;
  readonly #writeError: (line: string) => void;

  constructor(options: ConsoleLoggerOptions = {}) {
    this.#verbose = options.verbose ?? false;
    this.#write = options.write ?? ((line) => process.stdout.write(`${line}\n`));
    this.#writeError = options.writeError ?? ((line) => process.stderr.write(`${line}\n`));
  }

  debug(message: string): void {
    if (this.#verbose) this.#writeError(`debug: ${message}`);
  }
  info(message: string): void {
    this.#write(message);
  }
  warning(message: string, properties?: AnnotationProperties): void {
    this.#writeError(`warning: ${where(properties)}${message}`);
  }
  error(message: string, properties?: AnnotationProperties): void {
    this.#writeError(`error: ${where(properties)}${message}`);
  }
  notice(message: string, properties?: AnnotationProperties): void {
    this.#writeError(`notice: ${where(properties)}${message}`);
  }
  async group<T>(name: string, fn: () => Promise<T>): Promise<T> {
    this.#write(`── ${name}`);
    return fn();
  }
}

/** A logger that records everything, for tests and for callers that render logs later. */
export class MemoryLogger implements Logger {
  readonly entries: { level: "debug" | "info" | "warning" | "error" | "notice"; message: string; properties?: AnnotationProperties }[] = [];
  debug(message: string): void {
    this.entries.push({ level: "debug", message });
  }
  info(message: string): void {
    this.entries.push({ level: "info", message });
  }
  warning(message: string, properties?: AnnotationProperties): void {
    this.entries.push({ level: "warning", message, properties });
  }
  error(message: string, properties?: AnnotationProperties): void {
    this.entries.push({ level: "error", message, properties });
  }
  notice(message: string, properties?: AnnotationProperties): void {
    this.entries.push({ level: "notice", message, properties });
  }
  async group<T>(_name: string, fn: () => Promise<T>): Promise<T> {
    return fn();
  }
}
