/**
 * GitHub's OpenAPI description (the committed subset) turned into a router and validators, so every
 * request the fake accepts and every response it sends is checked against the real contract.
 */
import AjvModule, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import subset from "./openapi-subset.json" with { type: "json" };

// ajv and ajv-formats are CommonJS; imported from ESM, their `default` export sits one level down.
const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;

const DOCUMENT_ID = "https://modelship.dev/test/github-openapi-subset.json";

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** One operation of the description, with what the fake needs to route and validate it. */
export interface Operation {
  operationId: string;
  method: string;
  /** Path template, e.g. `/repos/{owner}/{repo}`. */
  template: string;
  /** True for operations served from the uploads host (release assets). */
  uploads: boolean;
  /** JSON pointer (into the converted document) of the JSON request body schema, when there is one. */
  requestSchemaPointer?: string;
  requestBodyRequired: boolean;
  /** Response status → JSON pointer of its JSON body schema; `null` when the status has no body. */
  responses: Map<number, string | null>;
}

/** A request matched to its operation, with the path parameters pulled out. */
export interface RouteMatch {
  operation: Operation;
  params: Record<string, string>;
}

/** One schema problem, as `pointer: message`. */
export type SchemaIssue = string;

/**
 * Rewrites OpenAPI 3.0 schema dialect into JSON Schema ajv understands: `nullable: true` becomes a
 * type union (or an `anyOf` with null), `example`s go, and formats ajv cannot check are dropped
 * (`repo.nwo`, `binary`) rather than silently passing or making ajv throw.
 */
function convertSchema(value: unknown, knownFormats: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((item) => convertSchema(item, knownFormats));
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === "example" || key === "nullable") continue;
    if (key === "format" && typeof child === "string" && !knownFormats.has(child)) continue;
    out[key] = convertSchema(child, knownFormats);
  }
  if (value.nullable !== true) return out;
  if (typeof out.type === "string") {
    out.type = [out.type, "null"];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...(out.enum as unknown[]), null];
    return out;
  }
  return { anyOf: [out, { type: "null" }] };
}

/** Escapes one JSON pointer segment (RFC 6901). */
function escapePointer(segment: string): string {
  return segment.replaceAll("~", "~0").replaceAll("/", "~1");
}

/** Follows a local `$ref` to a response object, returning it and the pointer it lives at. */
function resolveResponse(document: JsonObject, pointer: string, value: unknown): { response: JsonObject; pointer: string } {
  if (isObject(value) && typeof value.$ref === "string") {
    const target = value.$ref.slice(1);
    let node: unknown = document;
    for (const segment of target.split("/").slice(1))
      node = isObject(node) ? node[segment.replaceAll("~1", "/").replaceAll("~0", "~")] : undefined;
    if (!isObject(node)) throw new Error(`dangling response $ref ${value.$ref}`);
    return { response: node, pointer: target };
  }
  if (!isObject(value)) throw new Error(`response at ${pointer} is not an object`);
  return { response: value, pointer };
}

/** The loaded description: routes requests to operations and validates bodies against it. */
export class OpenApiSpec {
  readonly operations: Operation[] = [];
  readonly #ajv: InstanceType<typeof Ajv>;
  readonly #validators = new Map<string, ValidateFunction>();
  readonly #routes: { method: string; uploads: boolean; pattern: RegExp; names: string[]; operation: Operation }[] = [];

  constructor() {
    this.#ajv = new Ajv({ allErrors: true, strict: false, logger: false });
    addFormats(this.#ajv);
    const knownFormats = new Set(Object.keys(this.#ajv.formats));
    const document = convertSchema(subset, knownFormats) as JsonObject;
    document.$id = DOCUMENT_ID;
    this.#ajv.addSchema(document);
    const paths = document.paths as Record<string, Record<string, JsonObject>>;
    for (const [template, item] of Object.entries(paths)) {
      for (const [method, raw] of Object.entries(item)) {
        const base = `/paths/${escapePointer(template)}/${method}`;
        const requestBody = raw.requestBody as JsonObject | undefined;
        const requestContent = requestBody?.content as Record<string, unknown> | undefined;
        const responses = new Map<number, string | null>();
        for (const [status, value] of Object.entries(raw.responses as JsonObject)) {
          const { response, pointer } = resolveResponse(document, `${base}/responses/${status}`, value);
          const content = response.content as JsonObject | undefined;
          responses.set(Number(status), content?.["application/json"] === undefined ? null : `${pointer}/content/application~1json/schema`);
        }
        const servers = raw.servers as { url: string }[] | undefined;
        const operation: Operation = {
          operationId: raw.operationId as string,
          method: method.toUpperCase(),
          template,
          uploads: servers?.some((server) => server.url.includes("uploads.github.com")) ?? false,
          requestBodyRequired: requestBody?.required === true,
          responses,
          ...(requestContent?.["application/json"] === undefined
            ? {}
            : { requestSchemaPointer: `${base}/requestBody/content/application~1json/schema` }),
        };
        this.operations.push(operation);
        const names: string[] = [];
        const source = template.replace(/\{([^}]+)\}|[^{]+/g, (whole, name: string | undefined) => {
          if (name === undefined) return whole.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
          names.push(name);
          // Git refs (`heads/feature/x`) span slashes; every other parameter is one segment.
          return name === "ref" ? "(.+)" : "([^/]+)";
        });
        this.#routes.push({ method: operation.method, uploads: operation.uploads, pattern: new RegExp(`^${source}$`), names, operation });
      }
    }
    // Literal segments must win over parameters (`/releases/tags/{tag}` vs `/releases/{release_id}`).
    this.#routes.sort(
      (a, b) => b.operation.template.replace(/\{[^}]+\}/g, "").length - a.operation.template.replace(/\{[^}]+\}/g, "").length,
    );
  }

  /** Finds the operation a request is for; `undefined` when the subset has none. */
  match(options: { method: string; path: string; uploads: boolean }): RouteMatch | undefined {
    for (const route of this.#routes) {
      if (route.method !== options.method || route.uploads !== options.uploads) continue;
      const found = route.pattern.exec(options.path);
      if (found === null) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, index) => (params[name] = decodeURIComponent(found[index + 1]!)));
      return { operation: route.operation, params };
    }
    return undefined;
  }

  /** Whether any operation has this path, whatever the method (to tell 404 from 405-ish misses). */
  knowsPath(path: string, uploads: boolean): boolean {
    return this.#routes.some((route) => route.uploads === uploads && route.pattern.test(path));
  }

  /** Checks a JSON request body; returns the problems (empty when valid). */
  validateRequest(operation: Operation, body: unknown): SchemaIssue[] {
    if (operation.requestSchemaPointer === undefined) return [];
    if (body === undefined) return operation.requestBodyRequired ? ["(body): a JSON request body is required"] : [];
    return this.#validate(operation.requestSchemaPointer, body);
  }

  /**
   * Checks a response body for its status. Statuses the operation does not list, and statuses
   * without a JSON body, have no schema to check against and pass.
   */
  validateResponse(operation: Operation, status: number, body: unknown): SchemaIssue[] {
    const pointer = operation.responses.get(status);
    if (pointer === undefined || pointer === null) return [];
    return this.#validate(pointer, body);
  }

  #validate(pointer: string, value: unknown): SchemaIssue[] {
    let validate = this.#validators.get(pointer);
    if (validate === undefined) {
      validate = this.#ajv.compile({ $ref: `${DOCUMENT_ID}#${pointer}` });
      this.#validators.set(pointer, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((error: ErrorObject) => `${error.instancePath || "(root)"}: ${error.message ?? error.keyword}`);
  }
}

let shared: OpenApiSpec | undefined;

/** The description, loaded once per process (compiling it is the slow part). */
export function loadOpenApiSpec(): OpenApiSpec {
  shared ??= new OpenApiSpec();
  return shared;
}
