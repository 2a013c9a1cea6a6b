/** modelship's version, stamped into reports and the user agent. esbuild defines it at build time. */
declare const __MODELSHIP_VERSION__: string | undefined;

export const TOOL_VERSION: string = typeof __MODELSHIP_VERSION__ === "string" ? __MODELSHIP_VERSION__ : "0.1.0-dev";
