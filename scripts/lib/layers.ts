/**
 * The layers of src/ and which folder may import which: the one table that ESLint's boundaries rule
 * (eslint.config.js), the folder-graph check (scripts/check-layers.ts) and the picture in
 * docs/architecture.md (written by scripts/generate.ts) are all made from. A folder may import only
 * the folders listed for it; every list points down, so the folder graph has no cycle.
 */
import type { Linter } from "eslint";

export interface Layer {
  /** The layer's name in the picture. */
  name: string;
  /** What belongs in it, in one line. */
  rule: string;
  /** Its top-level folders under src/, each with the folders it may import. */
  folders: Record<string, string[]>;
}

const FACE_IMPORTS = ["stages", "config", "github", "common"];
const BELOW_STAGES = [
  "common",
  "git",
  "github",
  "net",
  "config",
  "data",
  "train",
  "evaluate",
  "drift",
  "gates",
  "registry",
  "gitops",
  "site",
];

/** From the top down. */
export const LAYERS: Layer[] = [
  {
    name: "faces",
    rule: "parse inputs or flags, build one StageRun, call one stage, write outputs; the only code that imports @actions/*",
    // Faces see no domain: a stage re-exports the types a face prints. github/ is for the run's
    // context and the sticky comment, config/ for its constants.
    folders: { cli: FACE_IMPORTS, actions: FACE_IMPORTS },
  },
  {
    name: "stages",
    rule: "each stage's entry (<stage>-stage.ts), its settings (<stage>-settings.ts where it reads modelship.yaml), its orchestration and its report",
    folders: { stages: BELOW_STAGES },
  },
  {
    name: "config",
    rule: "loads and validates modelship.yaml; knows its sections' document types (the gates section's from gates/), nothing else",
    folders: { config: ["common", "gates"] },
  },
  {
    name: "domains",
    rule: "the work itself, one way between domains: train, evaluate, drift and registry use data; gates uses evaluate's result types; registry packages train's, evaluate's and gates' outputs; gitops uses registry and gates; site draws the dashboard from its own data types",
    folders: {
      gitops: ["registry", "gates", "git", "github", "net", "common"],
      registry: ["gates", "evaluate", "train", "data", "github", "net", "common"],
      gates: ["evaluate", "common"],
      evaluate: ["data", "common"],
      train: ["data", "git", "github", "common"],
      drift: ["data", "github", "net", "common"],
      data: ["common"],
      site: ["common"],
    },
  },
  {
    name: "adapters",
    rule: "the outside world: GitHub's REST API, the run's context and sticky comments (github), the git CLI (git), guarded HTTP to URLs users and servers name (net)",
    folders: { github: ["common"], git: ["common"], net: ["common"] },
  },
  {
    name: "common",
    rule: "errors, logging, YAML source, schema validation, markdown primitives, numerics, seeded randomness, atomic writes, hashing, fail-on",
    folders: { common: [] },
  },
];

/** Folder → the folders it may import. */
export const ALLOWED: Record<string, string[]> = Object.assign({}, ...LAYERS.map((layer) => layer.folders)) as Record<string, string[]>;

/** The most levels the folder graph may have (the longest chain of imports, counted in folders). */
export const MAX_LEVELS = 8;

/** Each folder's level: 1 for a folder that imports none, else one more than the highest it imports. Throws on a cycle. */
export function levelsOf(graph: Record<string, string[]>): Record<string, number> {
  const levels: Record<string, number> = {};
  const visiting = new Set<string>();
  const visit = (folder: string, path: string[]): number => {
    if (levels[folder] !== undefined) return levels[folder];
    if (visiting.has(folder)) throw new Error(`import cycle: ${[...path, folder].join(" → ")}`);
    visiting.add(folder);
    const level = 1 + Math.max(0, ...(graph[folder] ?? []).map((next) => visit(next, [...path, folder])));
    visiting.delete(folder);
    levels[folder] = level;
    return level;
  };
  for (const folder of Object.keys(graph)) visit(folder, []);
  return levels;
}

/** ESLint settings and rules for eslint-plugin-boundaries: each folder an element, each allowed only its list (and itself). */
export function layerBoundariesConfig(): Required<Pick<Linter.Config, "settings" | "rules">> {
  return {
    settings: {
      "boundaries/elements": Object.keys(ALLOWED).map((folder) => ({ type: folder, pattern: `src/${folder}` })),
      "boundaries/include": ["src/**/*.ts"],
    },
    rules: {
      "boundaries/dependencies": [
        "error",
        {
          default: "disallow",
          message: "{{from.type}}/ may not import {{to.type}}/: see the layers in docs/architecture.md (scripts/lib/layers.ts)",
          policies: Object.entries(ALLOWED).map(([folder, allowed]) => ({
            from: { element: { type: folder } },
            allow: { to: { element: { types: { anyOf: [folder, ...allowed] } } } },
          })),
        },
      ],
    },
  };
}

/** The markers around the generated picture in docs/architecture.md. */
export const PICTURE_START = "<!-- GENERATED from scripts/lib/layers.ts by scripts/generate.ts: the layers and what each may import -->";
export const PICTURE_END = "<!-- end of generated layers -->";

/** The layers as a text picture, top down: each folder with its level and the folders it may import. */
export function renderLayerPicture(): string {
  const levels = levelsOf(ALLOWED);
  const lines = LAYERS.flatMap((layer) => [
    `${layer.name.toUpperCase()} — ${layer.rule}`,
    ...Object.entries(layer.folders).map(([folder, allowed]) => {
      const imports = allowed.length === 0 ? "imports nothing of ours" : `may import ${allowed.join(", ")}`;
      return `    src/${`${folder}/`.padEnd(10)} level ${levels[folder]}  ${imports}`;
    }),
    "",
  ]);
  return `${PICTURE_START}\n\n\`\`\`text\n${lines.join("\n").trimEnd()}\n\`\`\`\n\n${PICTURE_END}`;
}
