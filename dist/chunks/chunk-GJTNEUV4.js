import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);

// src/github/repository.ts
var REPOSITORY = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/;
function parseRepository(text) {
  const match = REPOSITORY.exec(text);
  return match === null ? void 0 : { owner: match[1], repo: match[2] };
}

export {
  parseRepository
};
