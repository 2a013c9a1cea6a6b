/**
 * Builds dist/ in one esbuild pass: one entry per JavaScript action (`src/actions/<name>.ts` →
 * `dist/<name>.js`) plus the CLI (`dist/cli.js`), sharing chunks. Deterministic: the same sources
 * give the same bytes, so CI can fail when the committed dist/ is stale.
 */
import { build } from "esbuild";
import { readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const pkg = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as { version: string };

// runtime.ts, stage-context.ts and start.ts are shared helpers, not actions.
const helpers = new Set(["runtime.ts", "stage-context.ts", "start.ts"]);
const actionFiles = (await readdir(join(root, "src/actions"))).filter((file) => file.endsWith(".ts") && !helpers.has(file)).sort();
const entryPoints = [
  ...actionFiles.map((file) => ({ in: join(root, "src/actions", file), out: file.replace(/\.ts$/, "") })),
  { in: join(root, "src/cli/index.ts"), out: "cli" },
  // Worker threads' entries: the code that starts them finds dist/<name>.js beside or above its chunk.
  { in: join(root, "src/evaluate/bootstrap-worker.ts"), out: "bootstrap-worker" },
  { in: join(root, "src/evaluate/operational-memory-worker.ts"), out: "operational-memory-worker" },
  { in: join(root, "src/data/profile/profile-worker.ts"), out: "profile-worker" },
  { in: join(root, "src/data/validate/validate-worker.ts"), out: "validate-worker" },
  { in: join(root, "src/train/mlp-worker.ts"), out: "mlp-worker" },
  { in: join(root, "src/stages/predict-parquet-worker.ts"), out: "predict-parquet-worker" },
];

await rm(join(root, "dist"), { recursive: true, force: true });
const result = await build({
  entryPoints,
  outdir: join(root, "dist"),
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node24",
  chunkNames: "chunks/[name]-[hash]",
  // Bundled CommonJS dependencies call require(); give ESM output one.
  banner: {
    js: 'import { createRequire as __modelshipCreateRequire } from "node:module";\nconst require = __modelshipCreateRequire(import.meta.url);',
  },
  define: { __MODELSHIP_VERSION__: JSON.stringify(pkg.version) },
  // Native and optional runtime packages are installed beside dist/ by the composite actions.
  external: ["onnxruntime-node", "@tensorflow/tfjs", "@tensorflow/tfjs-backend-wasm", "@tensorflow/tfjs-node", "@tensorflow/tfjs-node-gpu"],
  // kubernetes-models' validators require("punycode"): the npm package, not Node's deprecated built-in.
  alias: { punycode: "punycode/" },
  legalComments: "linked",
  logLevel: "warning",
  metafile: true,
});
const outputs = Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith(".js"));
const total = outputs.reduce((sum, [, output]) => sum + output.bytes, 0);
console.log(
  `built ${entryPoints.length} entries (${entryPoints.map((entry) => entry.out).join(", ")}) into dist/: ${outputs.length} files, ${(total / 1024).toFixed(0)} KiB`,
);
