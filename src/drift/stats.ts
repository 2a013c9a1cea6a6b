/** The drift statistics (see ./stats/index.ts): importable as "drift/stats.ts" or "drift/stats/index.ts". */
export * from "./stats/index.ts";
