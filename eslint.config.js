// ESLint flat config: strict type-aware rules for source, tests and scripts.
import js from "@eslint/js";
import boundaries from "eslint-plugin-boundaries";
import tseslint from "typescript-eslint";
import { layerBoundariesConfig } from "./scripts/lib/layers.ts";

// The layers of docs/architecture.md: each top-level folder of src/ may import only the folders that
// scripts/lib/layers.ts lists for it (all lower), so the folder graph cannot have a cycle.
const layerBoundaries = { files: ["src/**/*.ts"], plugins: { boundaries }, ...layerBoundariesConfig() };

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "bench/.data/**", "out/**", ".modelship/**", "examples/**/*.js"] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      // bin/modelship.js stays plain JavaScript: it runs on any Node to say that it needs Node 24.
      parserOptions: { projectService: { allowDefaultProject: ["bin/*.js"] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true, allowBoolean: true }],
      "@typescript-eslint/no-unnecessary-condition": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/consistent-type-imports": "error",
      "no-restricted-imports": "off",
    },
  },
  {
    // The core never talks to the Actions runtime: only the faces do (docs/architecture.md).
    files: ["src/**/*.ts"],
    ignores: ["src/actions/**", "src/cli/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@actions/*"], message: "Only src/actions and src/cli may import @actions/*; take a Logger instead." }] },
      ],
    },
  },
  {
    files: ["test/**/*.ts", "scripts/**/*.ts", "bench/**/*.ts"],
    rules: {
      "@typescript-eslint/no-floating-promises": "off",
    },
  },
  layerBoundaries,
  { files: ["eslint.config.js"], ...tseslint.configs.disableTypeChecked },
);
