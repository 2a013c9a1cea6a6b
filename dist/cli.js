#!/usr/bin/env node
import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);

// src/cli/index.ts
console.log("modelship");
