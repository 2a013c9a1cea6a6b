/**
 * A small GraphQL parser for the fake's GraphQL endpoint: operations, variable definitions, fields
 * with aliases and arguments, and values. Fragments, directives and block strings are refused;
 * the clients tested here have no need of them.
 */

/** Where a token starts, 1-based, as GraphQL error `locations` give it. */
export interface Location {
  line: number;
  column: number;
}

/** A document GraphQL cannot parse, or uses what this parser leaves out; the message is GitHub-like. */
export class GraphqlSyntaxError extends Error {}

interface Token {
  kind: "punct" | "name" | "string" | "number" | "end";
  value: string;
  loc: Location;
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let lineStart = 0;
  let index = 0;
  const loc = (at: number): Location => ({ line, column: at - lineStart + 1 });
  while (index < source.length) {
    const char = source[index]!;
    if (char === "\n") {
      index += 1;
      line += 1;
      lineStart = index;
    } else if (/[\s,\uFEFF]/.test(char)) {
      index += 1;
    } else if (char === "#") {
      while (index < source.length && source[index] !== "\n") index += 1;
    } else if ("!$():=@[]{}|".includes(char)) {
      tokens.push({ kind: "punct", value: char, loc: loc(index) });
      index += 1;
    } else if (source.startsWith("...", index)) {
      tokens.push({ kind: "punct", value: "...", loc: loc(index) });
      index += 3;
    } else if (/[_A-Za-z]/.test(char)) {
      const match = /^[_0-9A-Za-z]+/.exec(source.slice(index))![0];
      tokens.push({ kind: "name", value: match, loc: loc(index) });
      index += match.length;
    } else if (/[-0-9]/.test(char)) {
      const match = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(source.slice(index))?.[0];
      if (match === undefined) throw new GraphqlSyntaxError(`Parse error on "${char}" at [${line}, ${index - lineStart + 1}]`);
      tokens.push({ kind: "number", value: match, loc: loc(index) });
      index += match.length;
    } else if (char === '"') {
      if (source.startsWith('"""', index)) throw new GraphqlSyntaxError(`the fake GitHub does not read block strings (at [${line}, ${index - lineStart + 1}])`);
      const match = /^"(?:[^"\\\n]|\\.)*"/.exec(source.slice(index))?.[0];
      if (match === undefined) throw new GraphqlSyntaxError(`Parse error on bad Unicode escape sequence or unterminated string at [${line}, ${index - lineStart + 1}]`);
      tokens.push({ kind: "string", value: JSON.parse(match) as string, loc: loc(index) });
      index += match.length;
    } else {
      throw new GraphqlSyntaxError(`Parse error on "${char}" at [${line}, ${index - lineStart + 1}]`);
    }
  }
  tokens.push({ kind: "end", value: "", loc: loc(index) });
  return tokens;
}

export type Value =
  | { kind: "variable"; name: string }
  | { kind: "string"; value: string }
  | { kind: "enum"; value: string }
  | { kind: "number"; value: number }
  | { kind: "boolean"; value: boolean }
  | { kind: "null" }
  | { kind: "object"; fields: Map<string, Value> }
  | { kind: "list"; items: Value[] };

export interface Field {
  alias: string | undefined;
  name: string;
  args: Map<string, Value>;
  selections: Field[] | undefined;
  loc: Location;
}

export interface Operation {
  type: string;
  name: string | undefined;
  /** Variable name → declared type as written, e.g. `ID!`. */
  variables: Map<string, string>;
  selections: Field[];
}

/** Parses a GraphQL document into its operations. */
export class Parser {
  #tokens: Token[];
  #at = 0;

  constructor(source: string) {
    this.#tokens = tokenize(source);
  }

  parseDocument(): Operation[] {
    const operations: Operation[] = [];
    while (this.#peek().kind !== "end") operations.push(this.#operation());
    if (operations.length === 0) throw new GraphqlSyntaxError("Parse error on end of input: the document has no operation");
    return operations;
  }

  #peek(): Token {
    return this.#tokens[this.#at]!;
  }

  #next(): Token {
    const token = this.#tokens[this.#at]!;
    if (token.kind !== "end") this.#at += 1;
    return token;
  }

  #fail(token: Token): never {
    const shown = token.kind === "end" ? "end of input" : `"${token.value}" (${token.kind.toUpperCase()})`;
    throw new GraphqlSyntaxError(`Parse error on ${shown} at [${token.loc.line}, ${token.loc.column}]`);
  }

  #expect(value: string): Token {
    const token = this.#next();
    if (token.kind !== "punct" || token.value !== value) this.#fail(token);
    return token;
  }

  #name(): string {
    const token = this.#next();
    if (token.kind !== "name") this.#fail(token);
    return token.value;
  }

  #is(value: string): boolean {
    const token = this.#peek();
    return token.kind === "punct" && token.value === value;
  }

  #operation(): Operation {
    if (this.#is("{")) return { type: "query", name: undefined, variables: new Map(), selections: this.#selectionSet() };
    const keyword = this.#peek();
    if (keyword.kind !== "name" || !["query", "mutation", "subscription"].includes(keyword.value)) {
      if (keyword.kind === "name" && keyword.value === "fragment") throw new GraphqlSyntaxError("the fake GitHub does not support fragments");
      this.#fail(keyword);
    }
    this.#next();
    const name = this.#peek().kind === "name" ? this.#name() : undefined;
    const variables = new Map<string, string>();
    if (this.#is("(")) {
      this.#next();
      while (!this.#is(")")) {
        this.#expect("$");
        const variable = this.#name();
        this.#expect(":");
        variables.set(variable, this.#type());
        if (this.#is("=")) {
          this.#next();
          this.#value();
        }
      }
      this.#expect(")");
    }
    if (this.#is("@")) throw new GraphqlSyntaxError("the fake GitHub does not support directives");
    return { type: keyword.value, name, variables, selections: this.#selectionSet() };
  }

  #type(): string {
    let type: string;
    if (this.#is("[")) {
      this.#next();
      type = `[${this.#type()}]`;
      this.#expect("]");
    } else {
      type = this.#name();
    }
    if (this.#is("!")) {
      this.#next();
      type += "!";
    }
    return type;
  }

  #selectionSet(): Field[] {
    this.#expect("{");
    const fields: Field[] = [];
    while (!this.#is("}")) {
      if (this.#is("...")) throw new GraphqlSyntaxError("the fake GitHub does not support fragments");
      fields.push(this.#field());
    }
    this.#expect("}");
    return fields;
  }

  #field(): Field {
    const loc = this.#peek().loc;
    let name = this.#name();
    let alias: string | undefined;
    if (this.#is(":")) {
      this.#next();
      alias = name;
      name = this.#name();
    }
    const args = new Map<string, Value>();
    if (this.#is("(")) {
      this.#next();
      while (!this.#is(")")) {
        const arg = this.#name();
        this.#expect(":");
        args.set(arg, this.#value());
      }
      this.#expect(")");
    }
    if (this.#is("@")) throw new GraphqlSyntaxError("the fake GitHub does not support directives");
    return { alias, name, args, selections: this.#is("{") ? this.#selectionSet() : undefined, loc };
  }

  #value(): Value {
    const token = this.#next();
    if (token.kind === "punct" && token.value === "$") return { kind: "variable", name: this.#name() };
    if (token.kind === "string") return { kind: "string", value: token.value };
    if (token.kind === "number") return { kind: "number", value: Number(token.value) };
    if (token.kind === "name") {
      if (token.value === "true" || token.value === "false") return { kind: "boolean", value: token.value === "true" };
      if (token.value === "null") return { kind: "null" };
      return { kind: "enum", value: token.value };
    }
    if (token.kind === "punct" && token.value === "[") {
      const items: Value[] = [];
      while (!this.#is("]")) items.push(this.#value());
      this.#expect("]");
      return { kind: "list", items };
    }
    if (token.kind === "punct" && token.value === "{") {
      const fields = new Map<string, Value>();
      while (!this.#is("}")) {
        const name = this.#name();
        this.#expect(":");
        fields.set(name, this.#value());
      }
      this.#expect("}");
      return { kind: "object", fields };
    }
    return this.#fail(token);
  }
}
