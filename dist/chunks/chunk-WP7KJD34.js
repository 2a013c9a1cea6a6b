import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  sha256File
} from "./chunk-R4CRXXNC.js";
import {
  progressSink
} from "./chunk-QRTANFC2.js";
import {
  asyncBufferFromFile,
  parquetMetadataAsync,
  parquetRead,
  parquetSchema
} from "./chunk-4RIK3LXO.js";
import {
  UserError,
  errnoCode,
  getErrorMessage
} from "./chunk-SU4BFKON.js";
import {
  __commonJS,
  __toESM
} from "./chunk-333R3S4T.js";

// node_modules/safe-regex2/node_modules/ret/dist/types/tokens.js
var require_tokens = __commonJS({
  "node_modules/safe-regex2/node_modules/ret/dist/types/tokens.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
  }
});

// node_modules/safe-regex2/node_modules/ret/dist/types/types.js
var require_types = __commonJS({
  "node_modules/safe-regex2/node_modules/ret/dist/types/types.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.types = void 0;
    var types;
    (function(types2) {
      types2[types2["ROOT"] = 0] = "ROOT";
      types2[types2["GROUP"] = 1] = "GROUP";
      types2[types2["POSITION"] = 2] = "POSITION";
      types2[types2["SET"] = 3] = "SET";
      types2[types2["RANGE"] = 4] = "RANGE";
      types2[types2["REPETITION"] = 5] = "REPETITION";
      types2[types2["REFERENCE"] = 6] = "REFERENCE";
      types2[types2["CHAR"] = 7] = "CHAR";
    })(types || (exports.types = types = {}));
  }
});

// node_modules/safe-regex2/node_modules/ret/dist/types/set-lookup.js
var require_set_lookup = __commonJS({
  "node_modules/safe-regex2/node_modules/ret/dist/types/set-lookup.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
  }
});

// node_modules/safe-regex2/node_modules/ret/dist/types/index.js
var require_types2 = __commonJS({
  "node_modules/safe-regex2/node_modules/ret/dist/types/index.js"(exports) {
    "use strict";
    var __createBinding = exports && exports.__createBinding || (Object.create ? (function(o, m, k, k2) {
      if (k2 === void 0) k2 = k;
      var desc = Object.getOwnPropertyDescriptor(m, k);
      if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
        desc = { enumerable: true, get: function() {
          return m[k];
        } };
      }
      Object.defineProperty(o, k2, desc);
    }) : (function(o, m, k, k2) {
      if (k2 === void 0) k2 = k;
      o[k2] = m[k];
    }));
    var __exportStar = exports && exports.__exportStar || function(m, exports2) {
      for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports2, p)) __createBinding(exports2, m, p);
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    __exportStar(require_tokens(), exports);
    __exportStar(require_types(), exports);
    __exportStar(require_set_lookup(), exports);
  }
});

// node_modules/safe-regex2/node_modules/ret/dist/sets.js
var require_sets = __commonJS({
  "node_modules/safe-regex2/node_modules/ret/dist/sets.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.anyChar = exports.notWhitespace = exports.whitespace = exports.notInts = exports.ints = exports.notWords = exports.words = void 0;
    var types_1 = require_types2();
    var INTS = () => [{ type: types_1.types.RANGE, from: 48, to: 57 }];
    var WORDS = () => [
      { type: types_1.types.CHAR, value: 95 },
      { type: types_1.types.RANGE, from: 97, to: 122 },
      { type: types_1.types.RANGE, from: 65, to: 90 },
      { type: types_1.types.RANGE, from: 48, to: 57 }
    ];
    var WHITESPACE = () => [
      { type: types_1.types.CHAR, value: 9 },
      { type: types_1.types.CHAR, value: 10 },
      { type: types_1.types.CHAR, value: 11 },
      { type: types_1.types.CHAR, value: 12 },
      { type: types_1.types.CHAR, value: 13 },
      { type: types_1.types.CHAR, value: 32 },
      { type: types_1.types.CHAR, value: 160 },
      { type: types_1.types.CHAR, value: 5760 },
      { type: types_1.types.RANGE, from: 8192, to: 8202 },
      { type: types_1.types.CHAR, value: 8232 },
      { type: types_1.types.CHAR, value: 8233 },
      { type: types_1.types.CHAR, value: 8239 },
      { type: types_1.types.CHAR, value: 8287 },
      { type: types_1.types.CHAR, value: 12288 },
      { type: types_1.types.CHAR, value: 65279 }
    ];
    var NOTANYCHAR = () => [
      { type: types_1.types.CHAR, value: 10 },
      { type: types_1.types.CHAR, value: 13 },
      { type: types_1.types.CHAR, value: 8232 },
      { type: types_1.types.CHAR, value: 8233 }
    ];
    var words = () => ({ type: types_1.types.SET, set: WORDS(), not: false });
    exports.words = words;
    var notWords = () => ({ type: types_1.types.SET, set: WORDS(), not: true });
    exports.notWords = notWords;
    var ints = () => ({ type: types_1.types.SET, set: INTS(), not: false });
    exports.ints = ints;
    var notInts = () => ({ type: types_1.types.SET, set: INTS(), not: true });
    exports.notInts = notInts;
    var whitespace = () => ({ type: types_1.types.SET, set: WHITESPACE(), not: false });
    exports.whitespace = whitespace;
    var notWhitespace = () => ({ type: types_1.types.SET, set: WHITESPACE(), not: true });
    exports.notWhitespace = notWhitespace;
    var anyChar = () => ({ type: types_1.types.SET, set: NOTANYCHAR(), not: true });
    exports.anyChar = anyChar;
  }
});

// node_modules/safe-regex2/node_modules/ret/dist/util.js
var require_util = __commonJS({
  "node_modules/safe-regex2/node_modules/ret/dist/util.js"(exports) {
    "use strict";
    var __createBinding = exports && exports.__createBinding || (Object.create ? (function(o, m, k, k2) {
      if (k2 === void 0) k2 = k;
      var desc = Object.getOwnPropertyDescriptor(m, k);
      if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
        desc = { enumerable: true, get: function() {
          return m[k];
        } };
      }
      Object.defineProperty(o, k2, desc);
    }) : (function(o, m, k, k2) {
      if (k2 === void 0) k2 = k;
      o[k2] = m[k];
    }));
    var __setModuleDefault = exports && exports.__setModuleDefault || (Object.create ? (function(o, v) {
      Object.defineProperty(o, "default", { enumerable: true, value: v });
    }) : function(o, v) {
      o["default"] = v;
    });
    var __importStar = exports && exports.__importStar || /* @__PURE__ */ (function() {
      var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function(o2) {
          var ar = [];
          for (var k in o2) if (Object.prototype.hasOwnProperty.call(o2, k)) ar[ar.length] = k;
          return ar;
        };
        return ownKeys(o);
      };
      return function(mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) {
          for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        }
        __setModuleDefault(result, mod);
        return result;
      };
    })();
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.tokenizeClass = exports.strToChars = void 0;
    var types_1 = require_types2();
    var sets = __importStar(require_sets());
    var CTRL = "@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^ ?";
    var strToChars = (str) => {
      const charsRegex = /(\[\\b\])|(\\)?\\(?:u([A-F0-9]{4})|x([A-F0-9]{2})|c([@A-Z[\\\]^?])|([0tnvfr]))/g;
      return str.replace(charsRegex, (s, b, lbs, a16, b16, dctrl, eslsh) => {
        if (lbs) {
          return s;
        }
        let code = b ? 8 : a16 ? parseInt(a16, 16) : b16 ? parseInt(b16, 16) : dctrl ? CTRL.indexOf(dctrl) : {
          0: 0,
          t: 9,
          n: 10,
          v: 11,
          f: 12,
          r: 13
        }[eslsh];
        let c = String.fromCharCode(code);
        return /[[\]{}^$.|?*+()]/.test(c) ? `\\${c}` : c;
      });
    };
    exports.strToChars = strToChars;
    var tokenizeClass = (str, regexpStr = "") => {
      var _a, _b, _c, _d, _e, _f, _g;
      let tokens = [], rs, c;
      const regexp = /\\(?:(w)|(d)|(s)|(W)|(D)|(S))|((?:(?:\\)(.)|([^\]\\]))-(((?:\\)])|(((?:\\)?([^\]])))))|(\])|(?:\\)?([^])/g;
      while ((rs = regexp.exec(str)) !== null) {
        const p = (_g = (_f = (_e = (_d = (_c = (_b = (_a = rs[1] && sets.words()) !== null && _a !== void 0 ? _a : rs[2] && sets.ints()) !== null && _b !== void 0 ? _b : rs[3] && sets.whitespace()) !== null && _c !== void 0 ? _c : rs[4] && sets.notWords()) !== null && _d !== void 0 ? _d : rs[5] && sets.notInts()) !== null && _e !== void 0 ? _e : rs[6] && sets.notWhitespace()) !== null && _f !== void 0 ? _f : rs[7] && {
          type: types_1.types.RANGE,
          from: (rs[8] || rs[9]).charCodeAt(0),
          to: (c = rs[10]).charCodeAt(c.length - 1)
        }) !== null && _g !== void 0 ? _g : (c = rs[16]) && { type: types_1.types.CHAR, value: c.charCodeAt(0) };
        if (p) {
          tokens.push(p);
        } else {
          return [tokens, regexp.lastIndex];
        }
      }
      throw new SyntaxError(`Invalid regular expression: /${regexpStr}/: Unterminated character class`);
    };
    exports.tokenizeClass = tokenizeClass;
  }
});

// node_modules/safe-regex2/node_modules/ret/dist/tokenizer.js
var require_tokenizer = __commonJS({
  "node_modules/safe-regex2/node_modules/ret/dist/tokenizer.js"(exports) {
    "use strict";
    var __createBinding = exports && exports.__createBinding || (Object.create ? (function(o, m, k, k2) {
      if (k2 === void 0) k2 = k;
      var desc = Object.getOwnPropertyDescriptor(m, k);
      if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
        desc = { enumerable: true, get: function() {
          return m[k];
        } };
      }
      Object.defineProperty(o, k2, desc);
    }) : (function(o, m, k, k2) {
      if (k2 === void 0) k2 = k;
      o[k2] = m[k];
    }));
    var __setModuleDefault = exports && exports.__setModuleDefault || (Object.create ? (function(o, v) {
      Object.defineProperty(o, "default", { enumerable: true, value: v });
    }) : function(o, v) {
      o["default"] = v;
    });
    var __importStar = exports && exports.__importStar || /* @__PURE__ */ (function() {
      var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function(o2) {
          var ar = [];
          for (var k in o2) if (Object.prototype.hasOwnProperty.call(o2, k)) ar[ar.length] = k;
          return ar;
        };
        return ownKeys(o);
      };
      return function(mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) {
          for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        }
        __setModuleDefault(result, mod);
        return result;
      };
    })();
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.tokenizer = void 0;
    var util = __importStar(require_util());
    var types_1 = require_types2();
    var sets = __importStar(require_sets());
    var captureGroupFirstChar = /^[a-zA-Z_$]$/i;
    var captureGroupChars = /^[a-zA-Z0-9_$]$/i;
    var digit = /\d/;
    var tokenizer = (regexpStr) => {
      let i = 0, c;
      let start = { type: types_1.types.ROOT, stack: [] };
      let lastGroup = start;
      let last = start.stack;
      let groupStack = [];
      let referenceQueue = [];
      let groupCount = 0;
      const repeatErr = (col) => {
        throw new SyntaxError(`Invalid regular expression: /${regexpStr}/: Nothing to repeat at column ${col - 1}`);
      };
      let str = util.strToChars(regexpStr);
      while (i < str.length) {
        switch (c = str[i++]) {
          // Handle escaped characters, inclues a few sets.
          case "\\":
            if (i === str.length) {
              throw new SyntaxError(`Invalid regular expression: /${regexpStr}/: \\ at end of pattern`);
            }
            switch (c = str[i++]) {
              case "b":
                last.push({ type: types_1.types.POSITION, value: "b" });
                break;
              case "B":
                last.push({ type: types_1.types.POSITION, value: "B" });
                break;
              case "w":
                last.push(sets.words());
                break;
              case "W":
                last.push(sets.notWords());
                break;
              case "d":
                last.push(sets.ints());
                break;
              case "D":
                last.push(sets.notInts());
                break;
              case "s":
                last.push(sets.whitespace());
                break;
              case "S":
                last.push(sets.notWhitespace());
                break;
              default:
                if (digit.test(c)) {
                  let digits = c;
                  while (i < str.length && digit.test(str[i])) {
                    digits += str[i++];
                  }
                  let value = parseInt(digits, 10);
                  const reference = { type: types_1.types.REFERENCE, value };
                  last.push(reference);
                  referenceQueue.push({ reference, stack: last, index: last.length - 1 });
                } else {
                  last.push({ type: types_1.types.CHAR, value: c.charCodeAt(0) });
                }
            }
            break;
          // Positionals.
          case "^":
            last.push({ type: types_1.types.POSITION, value: "^" });
            break;
          case "$":
            last.push({ type: types_1.types.POSITION, value: "$" });
            break;
          // Handle custom sets.
          case "[": {
            let not;
            if (str[i] === "^") {
              not = true;
              i++;
            } else {
              not = false;
            }
            let classTokens = util.tokenizeClass(str.slice(i), regexpStr);
            i += classTokens[1];
            last.push({
              type: types_1.types.SET,
              set: classTokens[0],
              not
            });
            break;
          }
          // Class of any character except \n.
          case ".":
            last.push(sets.anyChar());
            break;
          // Push group onto stack.
          case "(": {
            let group = {
              type: types_1.types.GROUP,
              stack: [],
              remember: true
            };
            if (str[i] === "?") {
              c = str[i + 1];
              i += 2;
              if (c === "=") {
                group.followedBy = true;
                group.remember = false;
              } else if (c === "!") {
                group.notFollowedBy = true;
                group.remember = false;
              } else if (c === "<") {
                let name = "";
                if (captureGroupFirstChar.test(str[i])) {
                  name += str[i];
                  i++;
                } else {
                  throw new SyntaxError(`Invalid regular expression: /${regexpStr}/: Invalid capture group name, character '${str[i]}' after '<' at column ${i + 1}`);
                }
                while (i < str.length && captureGroupChars.test(str[i])) {
                  name += str[i];
                  i++;
                }
                if (str[i] !== ">") {
                  throw new SyntaxError(`Invalid regular expression: /${regexpStr}/: Unclosed capture group name, expected '>', found '${str[i]}' at column ${i + 1}`);
                }
                group.name = name;
                i++;
              } else if (c === ":") {
                group.remember = false;
              } else {
                throw new SyntaxError(`Invalid regular expression: /${regexpStr}/: Invalid group, character '${c}' after '?' at column ${i - 1}`);
              }
            } else {
              groupCount += 1;
            }
            last.push(group);
            groupStack.push(lastGroup);
            lastGroup = group;
            last = group.stack;
            break;
          }
          // Pop group out of stack.
          case ")":
            if (groupStack.length === 0) {
              throw new SyntaxError(`Invalid regular expression: /${regexpStr}/: Unmatched ) at column ${i - 1}`);
            }
            lastGroup = groupStack.pop();
            last = lastGroup.options ? lastGroup.options[lastGroup.options.length - 1] : lastGroup.stack;
            break;
          // Use pipe character to give more choices.
          case "|": {
            if (!lastGroup.options) {
              lastGroup.options = [lastGroup.stack];
              delete lastGroup.stack;
            }
            let stack = [];
            lastGroup.options.push(stack);
            last = stack;
            break;
          }
          // Repetition.
          // For every repetition, remove last element from last stack
          // then insert back a RANGE object.
          // This design is chosen because there could be more than
          // one repetition symbols in a regex i.e. `a?+{2,3}`.
          case "{": {
            let rs = /^(\d+)(,(\d+)?)?\}/.exec(str.slice(i)), min, max;
            if (rs !== null) {
              if (last.length === 0) {
                repeatErr(i);
              }
              min = parseInt(rs[1], 10);
              max = rs[2] ? rs[3] ? parseInt(rs[3], 10) : Infinity : min;
              i += rs[0].length;
              last.push({
                type: types_1.types.REPETITION,
                min,
                max,
                value: last.pop()
              });
            } else {
              last.push({
                type: types_1.types.CHAR,
                value: 123
              });
            }
            break;
          }
          case "?":
            if (last.length === 0) {
              repeatErr(i);
            }
            last.push({
              type: types_1.types.REPETITION,
              min: 0,
              max: 1,
              value: last.pop()
            });
            break;
          case "+":
            if (last.length === 0) {
              repeatErr(i);
            }
            last.push({
              type: types_1.types.REPETITION,
              min: 1,
              max: Infinity,
              value: last.pop()
            });
            break;
          case "*":
            if (last.length === 0) {
              repeatErr(i);
            }
            last.push({
              type: types_1.types.REPETITION,
              min: 0,
              max: Infinity,
              value: last.pop()
            });
            break;
          // Default is a character that is not `\[](){}?+*^$`.
          default:
            last.push({
              type: types_1.types.CHAR,
              value: c.charCodeAt(0)
            });
        }
      }
      if (groupStack.length !== 0) {
        throw new SyntaxError(`Invalid regular expression: /${regexpStr}/: Unterminated group`);
      }
      updateReferences(referenceQueue, groupCount);
      return start;
    };
    exports.tokenizer = tokenizer;
    function updateReferences(referenceQueue, groupCount) {
      for (const elem of referenceQueue.reverse()) {
        if (groupCount < elem.reference.value) {
          elem.reference.type = types_1.types.CHAR;
          const valueString = elem.reference.value.toString();
          elem.reference.value = parseInt(valueString, 8);
          if (!/^[0-7]+$/.test(valueString)) {
            let i = 0;
            while (valueString[i] !== "8" && valueString[i] !== "9") {
              i += 1;
            }
            if (i === 0) {
              elem.reference.value = valueString.charCodeAt(0);
              i += 1;
            } else {
              elem.reference.value = parseInt(valueString.slice(0, i), 8);
            }
            if (valueString.length > i) {
              const tail = elem.stack.splice(elem.index + 1);
              for (const char of valueString.slice(i)) {
                elem.stack.push({
                  type: types_1.types.CHAR,
                  value: char.charCodeAt(0)
                });
              }
              elem.stack.push(...tail);
            }
          }
        }
      }
    }
  }
});

// node_modules/safe-regex2/node_modules/ret/dist/sets-lookup.js
var require_sets_lookup = __commonJS({
  "node_modules/safe-regex2/node_modules/ret/dist/sets-lookup.js"(exports) {
    "use strict";
    var __createBinding = exports && exports.__createBinding || (Object.create ? (function(o, m, k, k2) {
      if (k2 === void 0) k2 = k;
      var desc = Object.getOwnPropertyDescriptor(m, k);
      if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
        desc = { enumerable: true, get: function() {
          return m[k];
        } };
      }
      Object.defineProperty(o, k2, desc);
    }) : (function(o, m, k, k2) {
      if (k2 === void 0) k2 = k;
      o[k2] = m[k];
    }));
    var __setModuleDefault = exports && exports.__setModuleDefault || (Object.create ? (function(o, v) {
      Object.defineProperty(o, "default", { enumerable: true, value: v });
    }) : function(o, v) {
      o["default"] = v;
    });
    var __importStar = exports && exports.__importStar || /* @__PURE__ */ (function() {
      var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function(o2) {
          var ar = [];
          for (var k in o2) if (Object.prototype.hasOwnProperty.call(o2, k)) ar[ar.length] = k;
          return ar;
        };
        return ownKeys(o);
      };
      return function(mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) {
          for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        }
        __setModuleDefault(result, mod);
        return result;
      };
    })();
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.NOTANYCHAR = exports.WHITESPACE = exports.WORDS = exports.INTS = void 0;
    var Sets = __importStar(require_sets());
    var types_1 = require_types2();
    function setToLookup(tokens) {
      let lookup = {};
      let len = 0;
      for (const token of tokens) {
        if (token.type === types_1.types.CHAR) {
          lookup[token.value] = true;
        }
        if (token.type === types_1.types.RANGE) {
          lookup[`${token.from}-${token.to}`] = true;
        }
        len += 1;
      }
      return {
        lookup: () => Object.assign({}, lookup),
        len
      };
    }
    exports.INTS = setToLookup(Sets.ints().set);
    exports.WORDS = setToLookup(Sets.words().set);
    exports.WHITESPACE = setToLookup(Sets.whitespace().set);
    exports.NOTANYCHAR = setToLookup(Sets.anyChar().set);
  }
});

// node_modules/safe-regex2/node_modules/ret/dist/write-set-tokens.js
var require_write_set_tokens = __commonJS({
  "node_modules/safe-regex2/node_modules/ret/dist/write-set-tokens.js"(exports) {
    "use strict";
    var __createBinding = exports && exports.__createBinding || (Object.create ? (function(o, m, k, k2) {
      if (k2 === void 0) k2 = k;
      var desc = Object.getOwnPropertyDescriptor(m, k);
      if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
        desc = { enumerable: true, get: function() {
          return m[k];
        } };
      }
      Object.defineProperty(o, k2, desc);
    }) : (function(o, m, k, k2) {
      if (k2 === void 0) k2 = k;
      o[k2] = m[k];
    }));
    var __setModuleDefault = exports && exports.__setModuleDefault || (Object.create ? (function(o, v) {
      Object.defineProperty(o, "default", { enumerable: true, value: v });
    }) : function(o, v) {
      o["default"] = v;
    });
    var __importStar = exports && exports.__importStar || /* @__PURE__ */ (function() {
      var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function(o2) {
          var ar = [];
          for (var k in o2) if (Object.prototype.hasOwnProperty.call(o2, k)) ar[ar.length] = k;
          return ar;
        };
        return ownKeys(o);
      };
      return function(mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) {
          for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        }
        __setModuleDefault(result, mod);
        return result;
      };
    })();
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.setChar = setChar;
    exports.writeSetTokens = writeSetTokens;
    var types_1 = require_types2();
    var sets = __importStar(require_sets_lookup());
    function setChar(charCode) {
      return charCode === 94 ? "\\^" : charCode === 92 ? "\\\\" : charCode === 93 ? "\\]" : charCode === 45 ? "\\-" : String.fromCharCode(charCode);
    }
    function isSameSet(set, { lookup, len }) {
      if (len !== set.length) {
        return false;
      }
      const map = lookup();
      for (const elem of set) {
        if (elem.type === types_1.types.SET) {
          return false;
        }
        const key = elem.type === types_1.types.CHAR ? elem.value : `${elem.from}-${elem.to}`;
        if (map[key]) {
          map[key] = false;
        } else {
          return false;
        }
      }
      return true;
    }
    function writeSetTokens(set, isNested = false) {
      if (isSameSet(set.set, sets.INTS)) {
        return set.not ? "\\D" : "\\d";
      }
      if (isSameSet(set.set, sets.WORDS)) {
        return set.not ? "\\W" : "\\w";
      }
      if (set.not && isSameSet(set.set, sets.NOTANYCHAR)) {
        return ".";
      }
      if (isSameSet(set.set, sets.WHITESPACE)) {
        return set.not ? "\\S" : "\\s";
      }
      let tokenString = "";
      for (let i = 0; i < set.set.length; i++) {
        const subset = set.set[i];
        tokenString += writeSetToken(subset);
      }
      const contents = `${set.not ? "^" : ""}${tokenString}`;
      return isNested ? contents : `[${contents}]`;
    }
    function writeSetToken(set) {
      if (set.type === types_1.types.CHAR) {
        return setChar(set.value);
      } else if (set.type === types_1.types.RANGE) {
        return `${setChar(set.from)}-${setChar(set.to)}`;
      }
      return writeSetTokens(set, true);
    }
  }
});

// node_modules/safe-regex2/node_modules/ret/dist/reconstruct.js
var require_reconstruct = __commonJS({
  "node_modules/safe-regex2/node_modules/ret/dist/reconstruct.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.reconstruct = void 0;
    var types_1 = require_types2();
    var write_set_tokens_1 = require_write_set_tokens();
    var reduceStack = (stack) => stack.map(exports.reconstruct).join("");
    var createAlternate = (token) => {
      if ("options" in token) {
        return token.options.map(reduceStack).join("|");
      } else if ("stack" in token) {
        return reduceStack(token.stack);
      } else {
        throw new Error(`options or stack must be Root or Group token`);
      }
    };
    var reconstruct = (token) => {
      switch (token.type) {
        case types_1.types.ROOT:
          return createAlternate(token);
        case types_1.types.CHAR: {
          const c = String.fromCharCode(token.value);
          return (/[[\\{}$^.|?*+()]/.test(c) ? "\\" : "") + c;
        }
        case types_1.types.POSITION:
          if (token.value === "^" || token.value === "$") {
            return token.value;
          } else {
            return `\\${token.value}`;
          }
        case types_1.types.REFERENCE:
          return `\\${token.value}`;
        case types_1.types.SET:
          return (0, write_set_tokens_1.writeSetTokens)(token);
        case types_1.types.GROUP: {
          const prefix = token.name ? `?<${token.name}>` : token.remember ? "" : token.followedBy ? "?=" : token.notFollowedBy ? "?!" : "?:";
          return `(${prefix}${createAlternate(token)})`;
        }
        case types_1.types.REPETITION: {
          const { min, max } = token;
          let endWith;
          if (min === 0 && max === 1) {
            endWith = "?";
          } else if (min === 1 && max === Infinity) {
            endWith = "+";
          } else if (min === 0 && max === Infinity) {
            endWith = "*";
          } else if (max === Infinity) {
            endWith = `{${min},}`;
          } else if (min === max) {
            endWith = `{${min}}`;
          } else {
            endWith = `{${min},${max}}`;
          }
          return `${(0, exports.reconstruct)(token.value)}${endWith}`;
        }
        case types_1.types.RANGE:
          return `${(0, write_set_tokens_1.setChar)(token.from)}-${(0, write_set_tokens_1.setChar)(token.to)}`;
        default:
          throw new Error(`Invalid token type ${token}`);
      }
    };
    exports.reconstruct = reconstruct;
  }
});

// node_modules/safe-regex2/node_modules/ret/dist/index.js
var require_dist = __commonJS({
  "node_modules/safe-regex2/node_modules/ret/dist/index.js"(exports, module) {
    "use strict";
    var __createBinding = exports && exports.__createBinding || (Object.create ? (function(o, m, k, k2) {
      if (k2 === void 0) k2 = k;
      var desc = Object.getOwnPropertyDescriptor(m, k);
      if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
        desc = { enumerable: true, get: function() {
          return m[k];
        } };
      }
      Object.defineProperty(o, k2, desc);
    }) : (function(o, m, k, k2) {
      if (k2 === void 0) k2 = k;
      o[k2] = m[k];
    }));
    var __exportStar = exports && exports.__exportStar || function(m, exports2) {
      for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports2, p)) __createBinding(exports2, m, p);
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.types = void 0;
    var types_1 = require_types2();
    Object.defineProperty(exports, "types", { enumerable: true, get: function() {
      return types_1.types;
    } });
    __exportStar(require_tokenizer(), exports);
    __exportStar(require_reconstruct(), exports);
    var tokenizer_1 = require_tokenizer();
    var reconstruct_1 = require_reconstruct();
    __exportStar(require_types2(), exports);
    exports.default = tokenizer_1.tokenizer;
    module.exports = tokenizer_1.tokenizer;
    module.exports.types = types_1.types;
    module.exports.reconstruct = reconstruct_1.reconstruct;
  }
});

// node_modules/safe-regex2/index.js
var require_safe_regex2 = __commonJS({
  "node_modules/safe-regex2/index.js"(exports, module) {
    "use strict";
    var parse = require_dist();
    var { types } = require_dist();
    function walk(node, opts, starHeight) {
      let i;
      let ok;
      let len;
      if (node.type === types.REPETITION) {
        starHeight++;
        opts.reps++;
        if (starHeight > 1) return false;
        if (opts.reps > opts.limit) return false;
      }
      const options = node.options || node.value?.options;
      if (options) {
        for (i = 0, len = options.length; i < len; i++) {
          ok = walk({ stack: options[i] }, opts, starHeight);
          if (!ok) return false;
        }
      }
      const stack = node.stack || node.value?.stack;
      if (!stack) return true;
      for (i = 0, len = stack.length; i < len; i++) {
        ok = walk(stack[i], opts, starHeight);
        if (!ok) return false;
      }
      return true;
    }
    function safeRegex2(re, options) {
      const opts = {
        reps: 0,
        limit: options?.limit ?? 25
      };
      if (isRegExp(re)) re = re.source;
      else if (typeof re !== "string") re = String(re);
      try {
        return walk(parse(re), opts, 0);
      } catch {
        return false;
      }
    }
    function isRegExp(x) {
      return Object.prototype.toString.call(x) === "[object RegExp]";
    }
    module.exports = safeRegex2;
    module.exports.default = safeRegex2;
    module.exports.safeRegex = safeRegex2;
  }
});

// src/data/readers/byte-source.ts
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { createGunzip } from "node:zlib";
var DEFAULT_CHUNK_BYTES = 256 * 1024;
async function openByteSource(path, options = {}) {
  const size = await statRegularFile(path);
  const gzip = size >= 2 && await hasGzipMagic(path);
  const hash = createHash("sha256");
  let bytes = 0;
  let done;
  const highWaterMark = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  async function* chunks() {
    const raw = createReadStream(path, { highWaterMark });
    if (!gzip) {
      for await (const chunk of raw) {
        hash.update(chunk);
        bytes += chunk.length;
        yield chunk;
      }
    } else {
      yield* gunzipChunks({ path, raw, hash, count: (n) => bytes += n, highWaterMark });
    }
    done = { sha256: hash.digest("hex"), bytes };
  }
  return { gzip, storedBytes: size, chunks: chunks(), digest: () => done };
}
async function* gunzipChunks(options) {
  const gunzip = createGunzip({ chunkSize: Math.max(options.highWaterMark, 64) });
  options.raw.on("data", (chunk) => {
    options.hash.update(chunk);
    options.count(chunk.length);
  });
  options.raw.on("error", (error) => gunzip.destroy(error));
  options.raw.pipe(gunzip);
  try {
    for await (const chunk of gunzip) yield chunk;
  } catch (error) {
    if (errnoCode(error)?.startsWith("Z_") === true) {
      throw new UserError(`is not a valid gzip stream (${getErrorMessage(error)})`, {
        file: options.path,
        hint: "re-create the file with gzip, or remove the gzip magic bytes if it is plain text",
        cause: error
      });
    }
    throw error;
  } finally {
    gunzip.destroy();
    if ("destroy" in options.raw && typeof options.raw.destroy === "function") options.raw.destroy();
  }
}
async function statRegularFile(path) {
  try {
    const info = await stat(path);
    if (info.isDirectory()) {
      throw new UserError("is a directory, not a data file", { file: path, hint: "name a file inside it" });
    }
    return info.size;
  } catch (error) {
    if (errnoCode(error) === "ENOENT") {
      throw new UserError("does not exist", { file: path, hint: "check the path (it is relative to the working directory)" });
    }
    if (errnoCode(error) === "EACCES") {
      throw new UserError("cannot be read (permission denied)", { file: path, hint: "make the file readable" });
    }
    throw error;
  }
}
async function hasGzipMagic(path) {
  const handle = await open(path, "r");
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 31 && head[1] === 139;
  } finally {
    await handle.close();
  }
}

// src/data/readers/csv-columns.ts
import { open as open2 } from "node:fs/promises";

// src/data/readers/text-chunks.ts
import { isAscii, isUtf8 } from "node:buffer";
var EMPTY = Buffer.alloc(0);
async function* textChunks(raw) {
  let held = EMPTY;
  let first = true;
  for await (const incoming of raw) {
    let chunk = held.length > 0 ? Buffer.concat([held, incoming]) : incoming;
    if (first) {
      if (chunk.length < 3 && isBomPrefix(chunk)) {
        held = chunk;
        continue;
      }
      first = false;
      if (chunk.length >= 3 && chunk[0] === 239 && chunk[1] === 187 && chunk[2] === 191) chunk = chunk.subarray(3);
    }
    const cut = incompleteTail(chunk);
    held = cut < chunk.length ? Buffer.from(chunk.subarray(cut)) : EMPTY;
    const text = cut < chunk.length ? chunk.subarray(0, cut) : chunk;
    const checked = checkChunk(text);
    yield checked;
    if (checked.bad !== void 0) return;
  }
  if (held.length > 0) yield { bytes: EMPTY, ascii: true, bad: "invalid UTF-8" };
}
function isBomPrefix(chunk) {
  const bom = [239, 187, 191];
  for (let i = 0; i < chunk.length && i < 3; i++) if (chunk[i] !== bom[i]) return false;
  return true;
}
function checkChunk(bytes) {
  const nul = bytes.indexOf(0);
  if (isAscii(bytes)) {
    return nul < 0 ? { bytes, ascii: true } : { bytes: bytes.subarray(0, nul), ascii: true, bad: "NUL byte" };
  }
  const invalid = isUtf8(bytes) ? -1 : firstInvalidUtf8(bytes);
  if (invalid < 0 && nul < 0) return { bytes, ascii: false };
  if (invalid < 0 || nul >= 0 && nul < invalid) return { bytes: bytes.subarray(0, nul), ascii: false, bad: "NUL byte" };
  return { bytes: bytes.subarray(0, invalid), ascii: false, bad: "invalid UTF-8" };
}
function incompleteTail(bytes) {
  const end = bytes.length;
  for (let back = 1; back <= 3 && back <= end; back++) {
    const byte = bytes[end - back] ?? 0;
    if (byte < 128) return end;
    if (byte >= 192) {
      const need = byte >= 240 ? 4 : byte >= 224 ? 3 : 2;
      return need > back ? end - back : end;
    }
  }
  return end;
}
function firstInvalidUtf8(bytes) {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i] ?? 0;
    if (b < 128) {
      i++;
      continue;
    }
    let need;
    let min;
    if (b >= 194 && b <= 223) [need, min] = [1, 128];
    else if (b >= 224 && b <= 239) [need, min] = [2, 2048];
    else if (b >= 240 && b <= 244) [need, min] = [3, 65536];
    else return i;
    if (i + need >= n) return i;
    let cp = b & 63 >> need;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k] ?? 0;
      if ((c & 192) !== 128) return i;
      cp = cp << 6 | c & 63;
    }
    if (cp < min || cp > 1114111 || cp >= 55296 && cp <= 57343) return i;
    i += need + 1;
  }
  return -1;
}

// src/data/readers/csv-columns.ts
var LF = 10;
var CR = 13;
var SPACE = 32;
var TAB = 9;
var BadCsvInput = class extends Error {
  constructor(what) {
    super(`bad CSV input: ${what}`);
  }
};
var NEED_MORE = -1;
var NO_ROW = -2;
var RowScanner = class {
  start;
  end;
  doubled;
  stride = 1;
  row = 0;
  count = 0;
  line = 1;
  rowLine = 1;
  #d;
  #q;
  #trim;
  #max;
  #capacity;
  constructor(dialect, capacity) {
    this.#d = dialect.delimiter;
    this.#q = dialect.quote;
    this.#trim = dialect.trim;
    this.#max = dialect.maxFieldBytes;
    this.#capacity = capacity;
    this.start = new Int32Array(capacity + 1);
    this.end = new Int32Array(capacity + 1);
    this.doubled = new Uint8Array(capacity + 1);
  }
  /**
   * Scans the row at `p`: returns the position after it, NEED_MORE when the buffer ends inside it
   * (and `final` is false; nothing is consumed, call again with more bytes from the same `p`), or
   * NO_ROW at the end of the input (only blank lines were left). Fields past `capacity` are only
   * counted. Throws BadCsvInput where CsvParser throws.
   */
  scanRow(buf, p, final) {
    const d = this.#d;
    const q = this.#q;
    const trim = this.#trim;
    const max = this.#max;
    const n = buf.length;
    let line = this.line;
    let count = 0;
    for (; ; ) {
      if (p >= n) {
        if (!final) return NEED_MORE;
        this.line = line;
        return NO_ROW;
      }
      const c = buf[p];
      if (c === LF) {
        line++;
        p++;
      } else if (c === CR) {
        if (p + 1 >= n && !final) return NEED_MORE;
        line++;
        p += buf[p + 1] === LF && p + 1 < n ? 2 : 1;
      } else break;
    }
    const rowLine = line;
    for (; ; ) {
      if (p >= n) {
        if (!final) return NEED_MORE;
        this.#put(count++, p, p, 0);
        break;
      }
      let s = p;
      if (trim) while (s < n && (buf[s] === SPACE || buf[s] === TAB && d !== TAB)) s++;
      let i;
      if (s < n && buf[s] === q) {
        let j = s + 1;
        let doubled = 0;
        let k;
        for (; ; ) {
          k = indexOfByte(buf, q, j);
          if (k < 0 || k + 1 >= n && !final) {
            if (n - s - 1 > max) throw new BadCsvInput("field too long");
            if (final) throw new BadCsvInput("unclosed quote");
            return NEED_MORE;
          }
          if (buf[k + 1] === q) {
            doubled = 1;
            j = k + 2;
            continue;
          }
          break;
        }
        if (k - s - 1 > max) throw new BadCsvInput("field too long");
        i = k + 1;
        if (trim) while (i < n && (buf[i] === SPACE || buf[i] === TAB && d !== TAB)) i++;
        if (i === n && !final) return NEED_MORE;
        if (i < n) {
          const c = buf[i];
          if (c !== d && c !== LF && c !== CR) throw new BadCsvInput("text after a closing quote");
        }
        line += countLineBreaks(buf, s + 1, k);
        this.#put(count++, s + 1, k, doubled);
      } else {
        i = s;
        while (i < n) {
          const c = buf[i];
          if (c === d || c === LF || c === CR) break;
          i++;
        }
        if (i - s > max) throw new BadCsvInput("field too long");
        if (i === n && !final) return NEED_MORE;
        let e = i;
        if (trim) while (e > s && (buf[e - 1] === SPACE || buf[e - 1] === TAB)) e--;
        this.#put(count++, s, e, 0);
      }
      p = i;
      if (p >= n) break;
      if (buf[p] === d) {
        p++;
        continue;
      }
      if (buf[p] === CR) {
        if (p + 1 >= n && !final) return NEED_MORE;
        p += buf[p + 1] === LF && p + 1 < n ? 2 : 1;
      } else p++;
      line++;
      break;
    }
    this.count = count;
    this.rowLine = rowLine;
    this.line = line;
    return p;
  }
  /** Fields go to these arrays from now on: field i of row `row` at `i·stride + row`. */
  output(start, end, doubled, stride) {
    this.start = start;
    this.end = end;
    this.doubled = doubled;
    this.stride = stride;
  }
  #put(index, start, end, doubled) {
    if (index >= this.#capacity) return;
    const at = index * this.stride + this.row;
    this.start[at] = start;
    this.end[at] = end;
    this.doubled[at] = doubled;
  }
};
function indexOfByte(buf, byte, from) {
  return buf.indexOf(byte, from);
}
function countLineBreaks(buf, start, end) {
  let count = 0;
  for (let i = start; i < end; i++) {
    const c = buf[i];
    if (c === LF) count++;
    else if (c === CR) {
      count++;
      if (buf[i + 1] === LF && i + 1 < end) i++;
    }
  }
  return count;
}
function spanText(buf, start, end, doubled, quote, ascii) {
  const slices = buf;
  const text = ascii ? slices.latin1Slice(start, end) : slices.utf8Slice(start, end);
  if (!doubled) return text;
  const q = String.fromCharCode(quote);
  return text.replaceAll(q + q, q);
}
var POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => 10 ** i);
function parseSimpleNumber(buf, start, end, integer) {
  let i = start;
  if (i >= end) return void 0;
  let negative = false;
  const first = buf[i];
  if (first === 45 || first === 43) {
    negative = first === 45;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let fraction = 0;
  let point = false;
  for (; i < end; i++) {
    const c = buf[i] - 48;
    if (c >= 0 && c <= 9) {
      mantissa = mantissa * 10 + c;
      digits++;
      if (point) fraction++;
    } else if (c === -2 && !point && !integer) point = true;
    else return void 0;
  }
  if (digits === 0 || digits > 15) return void 0;
  const value = fraction === 0 ? mantissa : mantissa / POWERS_OF_TEN[fraction];
  return negative ? -value : value;
}
var ByteInterner = class {
  /** Distinct byte strings seen since the last clear, in first-seen order: their offsets into `pool`. */
  size = 0;
  #table;
  #mask;
  #hashes;
  #offsets;
  #lengths;
  #pool;
  #used = 0;
  constructor(capacity = 1024) {
    const slots = 1 << Math.ceil(Math.log2(capacity * 2));
    this.#table = new Int32Array(slots).fill(-1);
    this.#mask = slots - 1;
    this.#hashes = new Int32Array(capacity);
    this.#offsets = new Int32Array(capacity);
    this.#lengths = new Int32Array(capacity);
    this.#pool = new Uint8Array(capacity * 16);
  }
  /** The id of `buf[start, end)`; `isNew` is set when it was not seen before. */
  id(buf, start, end) {
    let h = 2166136261 | 0;
    for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i], 16777619);
    const length = end - start;
    const table = this.#table;
    const mask = this.#mask;
    let slot = h & mask;
    for (; ; ) {
      const id2 = table[slot];
      if (id2 < 0) break;
      if (this.#hashes[id2] === h && this.#lengths[id2] === length) {
        const pool = this.#pool;
        let k = this.#offsets[id2];
        let i = start;
        while (i < end && pool[k] === buf[i]) {
          i++;
          k++;
        }
        if (i === end) {
          this.isNew = false;
          return id2;
        }
      }
      slot = slot + 1 & mask;
    }
    const id = this.size++;
    if (id >= this.#hashes.length) this.#growEntries();
    if (this.#used + length > this.#pool.length) {
      const pool = new Uint8Array(Math.max(this.#pool.length * 2, this.#used + length));
      pool.set(this.#pool.subarray(0, this.#used));
      this.#pool = pool;
    }
    this.#pool.set(buf.subarray(start, end), this.#used);
    this.#hashes[id] = h;
    this.#offsets[id] = this.#used;
    this.#lengths[id] = length;
    this.#used += length;
    table[slot] = id;
    if (this.size * 2 > this.#table.length) this.#rehash();
    this.isNew = true;
    return id;
  }
  /** Whether the last `id` call saw its text for the first time. */
  isNew = false;
  /** Forgets every entry (ids restart at 0). */
  clear() {
    this.#table.fill(-1);
    this.size = 0;
    this.#used = 0;
  }
  #growEntries() {
    const grow = (from) => {
      const to = new Int32Array(from.length * 2);
      to.set(from);
      return to;
    };
    this.#hashes = grow(this.#hashes);
    this.#offsets = grow(this.#offsets);
    this.#lengths = grow(this.#lengths);
  }
  #rehash() {
    const table = new Int32Array(this.#table.length * 2).fill(-1);
    const mask = table.length - 1;
    for (let id = 0; id < this.size; id++) {
      let slot = this.#hashes[id] & mask;
      while (table[slot] >= 0) slot = slot + 1 & mask;
      table[slot] = id;
    }
    this.#table = table;
    this.#mask = mask;
  }
};
var BATCH = 4096;
async function scanCsvRows(scan) {
  const { widest, chunkBytes, hash, throttle, each } = scan;
  const scanner = new RowScanner(scan.dialect, widest);
  const batch = {
    buf: Buffer.alloc(0),
    ascii: true,
    rows: 0,
    start: new Int32Array(BATCH * widest),
    end: new Int32Array(BATCH * widest),
    doubled: new Uint8Array(BATCH * widest),
    lines: new Int32Array(BATCH)
  };
  scanner.output(batch.start, batch.end, batch.doubled, BATCH);
  let fields = -1;
  let rows = 0;
  let bytes = 0;
  let carry;
  let carryAscii = true;
  const flush = async () => {
    if (batch.rows === 0) return;
    const pending = each(batch);
    if (pending !== void 0) await pending;
    batch.rows = 0;
  };
  const step = async (buf, ascii, final) => {
    let p = 0;
    batch.buf = buf;
    batch.ascii = ascii;
    const lines = batch.lines;
    for (; ; ) {
      scanner.row = batch.rows;
      const next = scanner.scanRow(buf, p, final);
      if (next < 0) {
        await flush();
        carry = next === NEED_MORE ? buf.subarray(p) : void 0;
        carryAscii = ascii;
        return;
      }
      p = next;
      if (fields < 0) {
        fields = scanner.count;
        continue;
      }
      if (scanner.count !== fields) throw new BadCsvInput("wrong field count");
      rows++;
      lines[batch.rows++] = scanner.rowLine;
      if (batch.rows === BATCH) await flush();
    }
  };
  const reads = [Buffer.allocUnsafe(chunkBytes), Buffer.allocUnsafe(chunkBytes)];
  const joins = [Buffer.alloc(0), Buffer.alloc(0)];
  let turn = 0;
  async function* raw() {
    const file = await open2(scan.path, "r");
    try {
      for (let k = 0; ; k ^= 1) {
        const target = reads[k];
        const { bytesRead } = await file.read(target, 0, chunkBytes, null);
        if (bytesRead === 0) return;
        const chunk = target.subarray(0, bytesRead);
        hash?.update(chunk);
        bytes += bytesRead;
        yield chunk;
      }
    } finally {
      await file.close();
    }
  }
  for await (const chunk of textChunks(raw())) {
    if (chunk.bad !== void 0) throw new BadCsvInput(chunk.bad);
    if (throttle !== void 0) await throttle();
    let buf = chunk.bytes;
    if (carry !== void 0) {
      const need = carry.length + buf.length;
      if (joins[turn].length < need) joins[turn] = Buffer.allocUnsafe(Math.max(need, chunkBytes * 2));
      const join = joins[turn];
      carry.copy(join, 0);
      buf.copy(join, carry.length);
      buf = join.subarray(0, need);
      turn ^= 1;
    }
    await step(buf, chunk.ascii && (carry === void 0 || carryAscii), false);
  }
  await step(carry ?? Buffer.alloc(0), carry === void 0 || carryAscii, true);
  if (fields < 0 || rows === 0) throw new BadCsvInput("no header or no rows");
  return { rows, bytes };
}

// src/data/readers/csv-parser.ts
var CsvParser = class {
  /** Column names, once the header row has been parsed. */
  header;
  headerLine = 0;
  /** The line the parser is at (where the carried field starts). */
  line = 1;
  /** Data rows parsed so far, all batches. */
  rowCount = 0;
  /** The batch being filled. */
  columns = [];
  lines = [];
  length = 0;
  /** Bytes of an unfinished field, to be put in front of the next chunk. */
  carry;
  options;
  nullSet;
  onlyEmptyIsNull;
  maxMarkerBytes;
  quoteText;
  headerFields = [];
  ncols = 0;
  fieldIndex = 0;
  rowLine = 1;
  skipLF = false;
  /** The whole buffer as a string when it is ASCII: slicing a string is cheaper than decoding each field. */
  asciiText;
  textOf;
  recent = new Array(1024).fill(void 0);
  constructor(options) {
    this.options = options;
    this.nullSet = new Set(options.nullMarkers);
    this.onlyEmptyIsNull = this.nullSet.size === 1 && this.nullSet.has("");
    this.maxMarkerBytes = Math.max(0, ...options.nullMarkers.map((m) => Buffer.byteLength(m)));
    this.quoteText = String.fromCharCode(options.quote);
  }
  /** True when the batch has `batchSize` rows. */
  full() {
    return this.length >= this.options.batchSize;
  }
  /** Hands over the filled batch and starts an empty one. */
  takeBatch() {
    const batch = { length: this.length, lines: this.lines, columns: this.columns };
    this.columns = Array.from({ length: this.ncols }, () => []);
    this.lines = [];
    this.length = 0;
    return batch;
  }
  /**
   * Parses `buf` from `start`. Returns where it stopped: `buf.length` when the buffer is used up
   * (an unfinished field goes to `carry`), earlier when the batch is full or the header is done.
   * `final` means no more bytes follow, so the end of `buf` ends the last field and row.
   */
  parse(buf, start, ascii, final) {
    this.carry = void 0;
    if (buf !== this.textOf) {
      this.textOf = buf;
      this.asciiText = ascii ? buf.latin1Slice(0, buf.length) : void 0;
    }
    const { delimiter: d, quote: q, trim, maxFieldBytes: max } = this.options;
    const end = buf.length;
    let p = start;
    if (this.skipLF && p < end) {
      if (buf[p] === LF) p++;
      this.skipLF = false;
    }
    for (; ; ) {
      if (p >= end) {
        if (final && this.fieldIndex > 0) {
          this.emit(this.onlyEmptyIsNull ? null : this.marked("", 0));
          this.endRow();
        }
        return end;
      }
      if (this.fieldIndex === 0) {
        const first = buf[p];
        if (first === LF || first === CR) {
          p = this.lineBreak(buf, p, final);
          continue;
        }
        this.rowLine = this.line;
      }
      let s = p;
      if (trim) while (s < end && (buf[s] === SPACE || buf[s] === TAB && d !== TAB)) s++;
      let i;
      if (s < end && buf[s] === q) {
        i = this.quoted(buf, p, s, final);
        if (i < 0) return end;
      } else {
        i = s;
        while (i < end) {
          const c = buf[i];
          if (c === d || c === LF || c === CR) break;
          i++;
        }
        if (i - s > max) this.tooLong();
        if (i === end && !final) {
          this.carry = buf.subarray(p);
          return end;
        }
        let e = i;
        if (trim) while (e > s && (buf[e - 1] === SPACE || buf[e - 1] === TAB)) e--;
        if (this.onlyEmptyIsNull) this.emit(e === s ? null : this.text(buf, s, e));
        else this.emit(this.marked(this.text(buf, s, e), e - s));
      }
      p = i;
      if (p >= end) {
        this.endRow();
        return end;
      }
      if (buf[p] === d) {
        p++;
        continue;
      }
      p = this.lineBreak(buf, p, final);
      this.endRow();
      if (this.length === this.options.batchSize || this.rowCount === 0) return p;
    }
  }
  /** Consumes the line break at `p` (CR, LF or CRLF) and counts the line. */
  lineBreak(buf, p, final) {
    this.line++;
    if (buf[p] === CR) {
      if (p + 1 < buf.length) return buf[p + 1] === LF ? p + 2 : p + 1;
      if (!final) this.skipLF = true;
    }
    return p + 1;
  }
  /**
   * Parses a quoted field whose quote is at `s` (the field starts at `p`, before trimmed spaces).
   * Returns the position after it (and any trailing spaces), or -1 when it continues past `buf`.
   */
  quoted(buf, p, s, final) {
    const { delimiter: d, quote: q, trim, maxFieldBytes: max } = this.options;
    const end = buf.length;
    let j = s + 1;
    let doubled = false;
    let k;
    for (; ; ) {
      k = buf.indexOf(q, j);
      if (k < 0 || k + 1 >= end && !final) {
        if (end - s - 1 > max) this.tooLong();
        if (final) {
          throw new UserError("has a quoted field that is never closed (its opening quote is on this line)", {
            file: this.options.file,
            line: this.line,
            hint: `close the field with ${this.quoteText}; a quote inside a quoted field is written twice (${this.quoteText}${this.quoteText})`
          });
        }
        this.carry = buf.subarray(p);
        return -1;
      }
      if (buf[k + 1] === q) {
        doubled = true;
        j = k + 2;
        continue;
      }
      break;
    }
    if (k - s - 1 > max) this.tooLong();
    let i = k + 1;
    if (trim) while (i < end && (buf[i] === SPACE || buf[i] === TAB && d !== TAB)) i++;
    if (i === end && !final) {
      this.carry = buf.subarray(p);
      return -1;
    }
    const breaks = countLineBreaks(buf, s + 1, k);
    if (i < end) {
      const c = buf[i];
      if (c !== d && c !== LF && c !== CR) {
        throw new UserError(`has text after the closing quote of a quoted field`, {
          file: this.options.file,
          line: this.line + breaks,
          hint: `a quote inside a quoted field must be written twice (${this.quoteText}${this.quoteText}); put a delimiter right after the closing quote`
        });
      }
    }
    let value = this.text(buf, s + 1, k);
    if (doubled) value = value.replaceAll(this.quoteText + this.quoteText, this.quoteText);
    this.emit(this.onlyEmptyIsNull ? value === "" ? null : value : this.marked(value, 0));
    this.line += breaks;
    return i;
  }
  text(buf, s, e) {
    if (this.asciiText !== void 0) return e - s < 13 ? this.asciiText.slice(s, e) : this.longAscii(buf, s, e);
    return buf.utf8Slice(s, e);
  }
  /**
   * A longer ASCII field, through a small cache of recent values: categorical columns repeat the
   * same texts, and comparing bytes with a cached string is cheaper than decoding a new one.
   */
  longAscii(buf, s, e) {
    const length = e - s;
    if (length > 64) return buf.latin1Slice(s, e);
    const slot = length * 7919 + (buf[s] ?? 0) * 31 + (buf[e - 1] ?? 0) * 131 + (buf[s + (length >> 1)] ?? 0) & 1023;
    const cached = this.recent[slot];
    if (cached !== void 0 && cached.length === length) {
      let i = 0;
      while (i < length && cached.charCodeAt(i) === buf[s + i]) i++;
      if (i === length) return cached;
    }
    const text = buf.latin1Slice(s, e);
    this.recent[slot] = text;
    return text;
  }
  /** The value, or null when it is a null marker (`bytes` 0 means "check anyway"). */
  marked(value, bytes) {
    return bytes <= this.maxMarkerBytes && this.nullSet.has(value) ? null : value;
  }
  emit(value) {
    if (this.header === void 0) this.headerFields.push(typeof value === "string" ? value : "");
    else if (this.fieldIndex < this.ncols) this.columns[this.fieldIndex].push(value);
    this.fieldIndex++;
  }
  endRow() {
    if (this.header === void 0) {
      this.setHeader();
      return;
    }
    if (this.fieldIndex !== this.ncols) {
      throw new UserError(`has ${this.fieldIndex} fields, but the header (line ${this.headerLine}) has ${this.ncols}`, {
        file: this.options.file,
        line: this.rowLine,
        hint: `give every row ${this.ncols} fields; quote fields that contain the delimiter or line breaks`
      });
    }
    this.lines.push(this.rowLine);
    this.length++;
    this.rowCount++;
    this.fieldIndex = 0;
  }
  setHeader() {
    const names = this.headerFields;
    const where = { file: this.options.file, line: this.rowLine };
    const empty = names.indexOf("");
    if (empty >= 0) {
      throw new UserError(`column ${empty + 1} of the header has an empty name`, {
        ...where,
        hint: "name every column (a delimiter at the end of the header line makes an empty last name)"
      });
    }
    const seen = /* @__PURE__ */ new Map();
    const duplicates = [];
    names.forEach((name, index) => {
      const before = seen.get(name);
      if (before === void 0) seen.set(name, index);
      else duplicates.push(`"${name}" (columns ${before + 1} and ${index + 1})`);
    });
    if (duplicates.length > 0) {
      throw new UserError(`duplicate column name${duplicates.length === 1 ? "" : "s"} in the header: ${duplicates.join(", ")}`, {
        ...where,
        hint: "give every column a unique name"
      });
    }
    this.header = names;
    this.headerLine = this.rowLine;
    this.ncols = names.length;
    this.headerFields = [];
    this.fieldIndex = 0;
    this.takeBatch();
  }
  tooLong() {
    throw new UserError(`has a field longer than ${this.options.maxFieldBytes} bytes`, {
      file: this.options.file,
      line: this.line,
      hint: "check the quoting (an unclosed quote swallows the rest of the file) or raise maxFieldBytes"
    });
  }
};

// src/data/readers/csv-reader.ts
var DEFAULT_BATCH_SIZE = 8192;
var DEFAULT_MAX_FIELD_BYTES = 1024 * 1024;
var EMPTY2 = Buffer.alloc(0);
async function openCsv(path, options = {}) {
  const { parser, feed, source } = await openFeed(path, options);
  let started = false;
  return {
    path,
    format: "csv",
    columns: parser.header ?? [],
    headerLine: parser.headerLine,
    batches() {
      if (started) throw new Error(`batches() of ${path} can only be iterated once`);
      started = true;
      return feed.rows(options.allowNoRows ?? false);
    },
    digest: () => source.digest()
  };
}
function csvDialect(path, options = {}) {
  const delimiter = singleByte(path, "delimiter", options.delimiter ?? (isTsvName(path) ? "	" : ","));
  const quote = singleByte(path, "quote", options.quote ?? '"');
  if (delimiter === quote)
    throw new UserError("the delimiter and the quote character are the same", { file: path, hint: "use different characters" });
  return { delimiter, quote, maxFieldBytes: options.maxFieldBytes ?? DEFAULT_MAX_FIELD_BYTES };
}
async function readCsvHeader(path, options = {}) {
  const { parser, feed, source } = await openFeed(path, options);
  await feed.close();
  return { columns: parser.header ?? [], headerLine: parser.headerLine, gzip: source.gzip };
}
async function openFeed(path, options) {
  const delimiter = singleByte(path, "delimiter", options.delimiter ?? (isTsvName(path) ? "	" : ","));
  const quote = singleByte(path, "quote", options.quote ?? '"');
  if (delimiter === quote)
    throw new UserError("the delimiter and the quote character are the same", { file: path, hint: "use different characters" });
  const source = await openByteSource(path, { chunkBytes: options.chunkBytes });
  const parser = new CsvParser({
    file: path,
    delimiter,
    quote,
    trim: options.trim ?? false,
    nullMarkers: options.nullMarkers ?? [""],
    maxFieldBytes: options.maxFieldBytes ?? DEFAULT_MAX_FIELD_BYTES,
    batchSize: Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE)
  });
  const chunks = textChunks(source.chunks)[Symbol.asyncIterator]();
  const feed = new Feed(path, parser, chunks);
  try {
    await feed.readHeader();
  } catch (error) {
    await chunks.return?.(void 0);
    throw error;
  }
  return { parser, feed, source };
}
var Feed = class {
  buf = EMPTY2;
  pos = 0;
  ascii = true;
  bad;
  ended = false;
  path;
  parser;
  chunks;
  constructor(path, parser, chunks) {
    this.path = path;
    this.parser = parser;
    this.chunks = chunks;
  }
  /** Closes the file (when the rows are not going to be read). */
  async close() {
    await this.chunks.return?.(void 0);
  }
  async readHeader() {
    while (this.parser.header === void 0) {
      if (!await this.step(() => this.parser.header !== void 0)) break;
    }
    if (this.parser.header === void 0) {
      throw new UserError("is empty (no header line)", {
        file: this.path,
        hint: "write a header line with the column names, then the rows"
      });
    }
  }
  async *rows(allowNoRows) {
    try {
      for (; ; ) {
        const more = await this.step(() => this.parser.full());
        if (this.parser.length > 0) yield this.parser.takeBatch();
        if (!more) break;
      }
    } finally {
      await this.chunks.return?.(void 0);
    }
    if (this.parser.rowCount === 0 && !allowNoRows) {
      throw new UserError("has a header but no data rows", {
        file: this.path,
        line: this.parser.headerLine,
        hint: "add rows, or check that the right file was given"
      });
    }
  }
  /** Parses until `done()` (batch full, header read) or the end of the input; false at the end. */
  async step(done) {
    for (; ; ) {
      if (done()) return true;
      if (this.pos < this.buf.length) {
        this.pos = this.parser.parse(this.buf, this.pos, this.ascii, false);
        continue;
      }
      if (this.bad !== void 0) this.failBadByte(this.bad);
      if (this.ended) return false;
      const next = await this.chunks.next();
      if (next.done === true) {
        this.ended = true;
        this.parser.parse(this.parser.carry ?? EMPTY2, 0, this.ascii, true);
        return false;
      }
      const { bytes, ascii, bad } = next.value;
      const carry = this.parser.carry;
      this.buf = carry === void 0 ? bytes : Buffer.concat([carry, bytes]);
      this.ascii = ascii && (carry === void 0 || this.ascii);
      this.pos = 0;
      this.bad = bad;
    }
  }
  failBadByte(bad) {
    const carry = this.parser.carry;
    const line = this.parser.line + (carry === void 0 ? 0 : countLineBreaks(carry, 0, carry.length));
    throw new UserError(bad === "NUL byte" ? "contains a NUL byte" : "is not valid UTF-8", {
      file: this.path,
      line,
      hint: bad === "NUL byte" ? "the file looks binary or corrupt; export it again as text" : "save the file as UTF-8 (it may be Latin-1 or Windows-1252)"
    });
  }
};
function isTsvName(path) {
  return /\.tsv(\.gz)?$/i.test(path);
}
function singleByte(path, name, value) {
  if (value.length !== 1 || value.charCodeAt(0) > 127 || value === "\n" || value === "\r") {
    throw new UserError(`the CSV ${name} must be one ASCII character other than a line break, not ${JSON.stringify(value)}`, {
      file: path,
      hint: `set the dialect's ${name} to a single character such as "," or ";"`
    });
  }
  return value.charCodeAt(0);
}

// src/data/readers/jsonl-reader.ts
var LF2 = 10;
var DEFAULT_BATCH_SIZE2 = 8192;
var DEFAULT_MAX_FIELD_BYTES2 = 1024 * 1024;
var LINE_LIMIT_FIELDS = 16;
async function openJsonl(path, options = {}) {
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE2);
  const maxLineBytes = (options.maxFieldBytes ?? DEFAULT_MAX_FIELD_BYTES2) * LINE_LIMIT_FIELDS;
  const source = await openByteSource(path, { chunkBytes: options.chunkBytes });
  const rows = jsonRows(path, textChunks(source.chunks), maxLineBytes)[Symbol.asyncIterator]();
  const first = [];
  let ended = false;
  while (first.length < batchSize) {
    const next = await rows.next();
    if (next.done === true) {
      ended = true;
      break;
    }
    first.push(next.value);
  }
  if (first.length === 0 && options.allowNoRows !== true) {
    throw new UserError("is empty (no JSON lines)", { file: path, hint: "write one JSON object per line" });
  }
  const columns = [...new Set(first.flatMap((parsed) => Object.keys(parsed.row)))];
  const index = new Map(columns.map((name, i) => [name, i]));
  let started = false;
  async function* batches() {
    try {
      if (first.length > 0) yield toBatch(path, first, columns, index);
      if (ended) return;
      let pending = [];
      for (; ; ) {
        const next = await rows.next();
        if (next.done === true) break;
        pending.push(next.value);
        if (pending.length === batchSize) {
          yield toBatch(path, pending, columns, index);
          pending = [];
        }
      }
      if (pending.length > 0) yield toBatch(path, pending, columns, index);
    } finally {
      await rows.return(void 0);
    }
  }
  return {
    path,
    format: "jsonl",
    columns,
    batches() {
      if (started) throw new Error(`batches() of ${path} can only be iterated once`);
      started = true;
      return batches();
    },
    digest: () => source.digest()
  };
}
function toBatch(path, parsed, columns, index) {
  const out = columns.map(() => new Array(parsed.length).fill(null));
  for (let r = 0; r < parsed.length; r++) {
    const { row, line } = parsed[r];
    for (const key in row) {
      const c = index.get(key);
      if (c === void 0) {
        throw new UserError(`has the key "${key}", which is not among the columns found in the first rows (${columns.join(", ")})`, {
          file: path,
          line,
          hint: "make every key appear in the first rows of the file (a null value is enough), or use CSV"
        });
      }
      out[c][r] = toRaw(row[key]);
    }
  }
  return { length: parsed.length, lines: parsed.map((p) => p.line), columns: out };
}
function toRaw(value) {
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return JSON.stringify(value);
}
async function* jsonRows(path, chunks, maxLineBytes) {
  let carry;
  let line = 1;
  for await (const chunk of chunks) {
    const buf = carry === void 0 ? chunk.bytes : Buffer.concat([carry, chunk.bytes]);
    carry = void 0;
    let start = 0;
    for (; ; ) {
      const nl = buf.indexOf(LF2, start);
      if (nl < 0) break;
      const parsed = parseLine(path, buf.toString("utf8", start, nl), line, maxLineBytes);
      if (parsed !== void 0) yield parsed;
      line++;
      start = nl + 1;
    }
    if (start < buf.length) carry = buf.subarray(start);
    if (carry !== void 0 && carry.length > maxLineBytes) {
      throw new UserError(`has a line longer than ${maxLineBytes} bytes`, {
        file: path,
        line,
        hint: "split the record, or check that the file really is JSON Lines"
      });
    }
    if (chunk.bad !== void 0) {
      throw new UserError(chunk.bad === "NUL byte" ? "contains a NUL byte" : "is not valid UTF-8", {
        file: path,
        line,
        hint: chunk.bad === "NUL byte" ? "the file looks binary or corrupt; export it again" : "save the file as UTF-8"
      });
    }
  }
  if (carry !== void 0) {
    const parsed = parseLine(path, carry.toString("utf8"), line, maxLineBytes);
    if (parsed !== void 0) yield parsed;
  }
}
function parseLine(path, text, line, maxLineBytes) {
  if (text.length > maxLineBytes) {
    throw new UserError(`has a line longer than ${maxLineBytes} bytes`, {
      file: path,
      line,
      hint: "split the record, or check that the file really is JSON Lines"
    });
  }
  const trimmed = text.trim();
  if (trimmed === "") return void 0;
  let value;
  try {
    value = JSON.parse(trimmed);
  } catch (error) {
    throw new UserError(`is not valid JSON (${error instanceof Error ? error.message : String(error)})`, {
      file: path,
      line,
      hint: "write one JSON object per line; NaN and Infinity are not JSON (use null)",
      cause: error
    });
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new UserError(`holds ${Array.isArray(value) ? "an array" : value === null ? "null" : `a ${typeof value}`}, not a JSON object`, {
      file: path,
      line,
      hint: 'write one object per line, such as {"age": 39, "sex": "Male"}'
    });
  }
  return { line, row: value };
}

// src/data/readers/parquet-reader.ts
var DEFAULT_BATCH_SIZE3 = 8192;
var SLICE_ROWS = 65536;
async function openParquet(path, options = {}) {
  const probe = await openByteSource(path);
  const file = await asyncBufferFromFile(path);
  let metadata;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (error) {
    throw new UserError(`is not a Parquet file (${error instanceof Error ? error.message : String(error)})`, {
      file: path,
      hint: probe.gzip ? "the file is gzip-compressed; Parquet files are not gzipped whole" : "check the file and its extension, or set the format",
      cause: error
    });
  }
  const columns = parquetSchema(metadata).children.map((child) => child.element.name);
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE3);
  let digest;
  let started = false;
  async function* batches() {
    let groupStart = 0;
    for (const group of metadata.row_groups) {
      const groupEnd = groupStart + Number(group.num_rows);
      for (let sliceStart = groupStart; sliceStart < groupEnd; sliceStart += SLICE_ROWS) {
        const sliceEnd = Math.min(groupEnd, sliceStart + SLICE_ROWS);
        const rows = await readRows({ path, file, metadata, rowStart: sliceStart, rowEnd: sliceEnd });
        for (let b = 0; b < rows.length; b += batchSize) {
          yield toBatch2(rows.slice(b, b + batchSize), columns.length, sliceStart + b + 1);
        }
      }
      groupStart = groupEnd;
    }
    digest = await sha256File(path);
  }
  return {
    path,
    format: "parquet",
    columns,
    batches() {
      if (started) throw new Error(`batches() of ${path} can only be iterated once`);
      started = true;
      return batches();
    },
    digest: () => digest
  };
}
async function readRows(options) {
  let rows = [];
  try {
    await parquetRead({
      file: options.file,
      metadata: options.metadata,
      rowStart: options.rowStart,
      rowEnd: options.rowEnd,
      rowFormat: "array",
      onComplete: (data) => {
        rows = data;
      }
    });
  } catch (error) {
    throw new UserError(`has Parquet data that cannot be decoded (${error instanceof Error ? error.message : String(error)})`, {
      file: options.path,
      line: options.rowStart + 1,
      hint: "the file may be truncated or use an unsupported encoding/compression; write it again",
      cause: error
    });
  }
  return rows;
}
function toBatch2(rows, ncols, firstRow) {
  const columns = [];
  for (let c = 0; c < ncols; c++) columns.push(rows.map((row) => toRaw2(row[c])));
  return { length: rows.length, lines: rows.map((_, i) => firstRow + i), columns };
}
function toRaw2(value) {
  if (value === null || value === void 0) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "bigint") return value >= Number.MIN_SAFE_INTEGER && value <= Number.MAX_SAFE_INTEGER ? Number(value) : value;
  if (value instanceof Date) return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("utf8");
  return JSON.stringify(value, (_key, v) => typeof v === "bigint" ? v.toString() : v);
}

// src/data/readers/open-table.ts
async function openTable(path, options = {}) {
  const format = options.format ?? formatFromName(path);
  const source = format === "csv" ? await openCsv(path, options) : format === "jsonl" ? await openJsonl(path, options) : await openParquet(path, options);
  return withRowProgress(source);
}
function withRowProgress(source) {
  const sink = progressSink();
  if (sink === void 0) return source;
  const batches = source.batches.bind(source);
  return Object.assign(Object.create(source), {
    async *batches() {
      let rows = 0;
      for await (const batch of batches()) {
        rows += batch.length;
        sink({ task: `reading ${source.path}`, done: rows, unit: "rows" });
        yield batch;
      }
    }
  });
}
function readableExtension(name) {
  return /\.(?:(?:csv|tsv|txt|jsonl|ndjson)(?:\.gz|\.gzip)?|parquet|pq)$/i.exec(name)?.[0].toLowerCase();
}
var READABLE_EXTENSIONS = ".csv, .tsv, .txt, .jsonl, .ndjson (optionally .gz) or .parquet";
function formatFromName(path) {
  const extension = readableExtension(path)?.replace(/\.(gz|gzip)$/, "");
  if (extension === ".csv" || extension === ".tsv" || extension === ".txt") return "csv";
  if (extension === ".jsonl" || extension === ".ndjson") return "jsonl";
  if (extension === ".parquet" || extension === ".pq") return "parquet";
  throw new UserError("has an extension modelship does not read", {
    file: path,
    hint: "use .csv, .tsv, .jsonl, .ndjson or .parquet (optionally .gz for text), or set the format explicitly"
  });
}

// src/data/pii/regex-safety.ts
var import_safe_regex2 = __toESM(require_safe_regex2(), 1);
var CONFIGURED_REGEX_MAX_CHARS = 1e3;
function configuredRegexText(text) {
  return text.length > CONFIGURED_REGEX_MAX_CHARS ? text.slice(0, CONFIGURED_REGEX_MAX_CHARS) : text;
}
function regexBacktrackingProblem(source) {
  if (!(0, import_safe_regex2.default)(source)) return "it repeats a group that itself repeats, or has more than 25 repetitions";
  if (repeatsAlternation(source)) return "it repeats a group that holds an alternation (`|`)";
  return void 0;
}
function repeatsAlternation(source) {
  const groups = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (char === "]") inClass = false;
      continue;
    }
    if (char === "[") inClass = true;
    else if (char === "(") groups.push(false);
    else if (char === "|" && groups.length > 0) groups[groups.length - 1] = true;
    else if (char === ")") {
      const alternates = groups.pop() ?? false;
      if (alternates && repeatsMany(source, i + 1)) return true;
      if (alternates && groups.length > 0) groups[groups.length - 1] = true;
    }
  }
  return false;
}
function repeatsMany(source, at) {
  const next = source[at];
  if (next === "*" || next === "+") return true;
  if (next !== "{") return false;
  const bounds = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(at));
  if (bounds === null) return false;
  const max = bounds[2] === void 0 ? Number(bounds[1]) : bounds[3] === "" ? Infinity : Number(bounds[3]);
  return max > 1;
}

// src/data/pii/pii-detectors.ts
import { isIP } from "node:net";
var BUILTIN_PII_DETECTORS = [
  "email",
  "payment_card",
  "iban",
  "us_ssn",
  "ip_address",
  "phone"
];
function countChars(text) {
  let digits = 0;
  let at = false;
  let dots = 0;
  let colons = 0;
  let dashes = 0;
  let upper = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 48 && code <= 57) digits++;
    else if (code === 64) at = true;
    else if (code === 46) dots++;
    else if (code === 58) colons++;
    else if (code === 45) dashes++;
    else if (code >= 65 && code <= 90) upper++;
  }
  return { digits, at, dots, colons, dashes, upper };
}
var EMAIL = /(?<![\w.!#$%&'*+/=?^`{|}~-])[\w!#$%&'*+/=?^`{|}~-]+(?:\.[\w!#$%&'*+/=?^`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}(?![\w-])/;
function isEmailText(text) {
  return EMAIL.test(text);
}
var CARD_CANDIDATE = /(?<![\w.,-]|\d )(?:\d{13,19}|\d{4}(?:[ -]\d{2,7}){2,4})(?!\w|[.,-]\d| \d)/g;
function luhnValid(digits) {
  let sum = 0;
  let double = false;
  for (let index = digits.length - 1; index >= 0; index--) {
    let value = digits.charCodeAt(index) - 48;
    if (double) {
      value *= 2;
      if (value > 9) value -= 9;
    }
    sum += value;
    double = !double;
  }
  return sum % 10 === 0;
}
function knownIssuer(digits) {
  const length = digits.length;
  const p2 = Number(digits.slice(0, 2));
  const p3 = Number(digits.slice(0, 3));
  const p4 = Number(digits.slice(0, 4));
  const p6 = Number(digits.slice(0, 6));
  if (digits[0] === "4") return length === 13 || length === 16 || length === 19;
  if (p2 >= 51 && p2 <= 55 || p4 >= 2221 && p4 <= 2720) return length === 16;
  if (p2 === 34 || p2 === 37) return length === 15;
  if (p4 === 6011 || p3 >= 644 && p3 <= 649 || p2 === 65 || p6 >= 622126 && p6 <= 622925) {
    return length >= 16 && length <= 19;
  }
  if (p4 >= 3528 && p4 <= 3589) return length >= 16 && length <= 19;
  if (p3 >= 300 && p3 <= 305 || p2 === 36 || p2 === 38 || p2 === 39) return length >= 14 && length <= 19;
  if (p2 === 62) return length >= 16 && length <= 19;
  if (p2 === 50 || p2 >= 56 && p2 <= 69) return length >= 13 && length <= 19;
  return false;
}
function cardGrouping(candidate) {
  const groups = candidate.split(/[ -]/);
  if (groups.length === 1) return true;
  const separators = new Set(candidate.replace(/\d/g, ""));
  if (separators.size !== 1) return false;
  const lengths = groups.map((group) => group.length).join(",");
  return /^4,4,4,4(,[1-4])?$|^4,4,4,[1-4]$|^4,6,[45]$/.test(lengths);
}
function isPaymentCardText(text) {
  for (const match of text.matchAll(CARD_CANDIDATE)) {
    const digits = match[0].replace(/[ -]/g, "");
    if (digits.length < 13 || digits.length > 19) continue;
    if (cardGrouping(match[0]) && knownIssuer(digits) && luhnValid(digits)) return true;
  }
  return false;
}
var IBAN_LENGTHS = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BI: 27,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DJ: 27,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FK: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HN: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  LY: 25,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MN: 20,
  MR: 27,
  MT: 31,
  MU: 30,
  NI: 28,
  NL: 18,
  NO: 15,
  OM: 23,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  RU: 33,
  SA: 24,
  SC: 31,
  SD: 18,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  SO: 23,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
  YE: 30
};
var IBAN_CANDIDATE = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[A-Z0-9]{11,30}|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,3})?)(?![A-Za-z0-9])/g;
function ibanChecksumValid(iban) {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (let index = 0; index < rearranged.length; index++) {
    const code = rearranged.charCodeAt(index);
    const value = code >= 65 ? code - 55 : code - 48;
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder === 1;
}
function isIbanText(text) {
  for (const match of text.matchAll(IBAN_CANDIDATE)) {
    const compact = match[0].replace(/ /g, "");
    const expected = IBAN_LENGTHS[compact.slice(0, 2)];
    if (expected !== void 0 && compact.length === expected && ibanChecksumValid(compact)) return true;
  }
  return false;
}
var SSN_CANDIDATE = /(?<![\d-])(\d{3})-(\d{2})-(\d{4})(?![\d]|-\d)/g;
function isUsSsnText(text) {
  for (const match of text.matchAll(SSN_CANDIDATE)) {
    const area = match[1];
    if (area === "000" || area === "666" || area[0] === "9") continue;
    if (match[2] === "00" || match[3] === "0000") continue;
    return true;
  }
  return false;
}
var IPV4_CANDIDATE = /(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?!\.?\w)/g;
var IPV6_CANDIDATE = /(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:\.\d{1,3}){0,3}(?![\w:])/g;
function isIpAddressText(text, counts = countChars(text)) {
  if (counts.dots >= 3) {
    for (const match of text.matchAll(IPV4_CANDIDATE)) if (isIP(match[0]) === 4) return true;
  }
  if (counts.colons >= 2) {
    for (const match of text.matchAll(IPV6_CANDIDATE)) {
      const groups = match[0].split(":").filter((group) => group !== "").length;
      if (groups >= 3 && isIP(match[0]) === 6) return true;
    }
  }
  return false;
}
var INTERNATIONAL_PHONE = /(?<![\w+])\+(?:[1-9]\d{7,14}|[1-9]\d{0,3}(?:[ .-]?\(\d{1,5}\)\d{0,5}|[ .-]\d{1,5}){1,6})(?!\w|[.-]\d)/g;
var NANP_PHONE = /(?<![\w.+-]|\d[ .-])(?:1[ .-])?(?:\([2-9]\d{2}\) ?|[2-9]\d{2}([ .-]))\d{3}[ .-]\d{4}(?!\w|[ .-]\d)/g;
var TRUNK_PHONE = /(?<![\w.+-]|\d[ .-])0\d{1,4}(?:[ .-]\d{2,8}){1,4}(?!\w|[ .-]\d)/g;
function digitCount(text) {
  let count = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 48 && code <= 57) count++;
  }
  return count;
}
function isPhoneText(text) {
  if (text.includes("+")) {
    for (const match of text.matchAll(INTERNATIONAL_PHONE)) {
      const digits = digitCount(match[0]);
      if (digits >= 8 && digits <= 15 && !/^\+\d+\.\d+$/.test(match[0])) return true;
    }
  }
  for (const match of text.matchAll(NANP_PHONE)) {
    const first = match[1];
    const rest = match[0].slice(-5, -4);
    if (first === void 0 || first === rest) return true;
  }
  for (const match of text.matchAll(TRUNK_PHONE)) {
    const digits = digitCount(match[0]);
    if (digits < 10 || digits > 11) continue;
    if (new Set(match[0].replace(/\d/g, "")).size === 1) return true;
  }
  return false;
}
function createPiiMatcher(detectors = BUILTIN_PII_DETECTORS, custom = []) {
  const on = new Set(detectors);
  const email = on.has("email");
  const card = on.has("payment_card");
  const iban = on.has("iban");
  const ssn = on.has("us_ssn");
  const ip = on.has("ip_address");
  const phone = on.has("phone");
  const patterns = custom.map(
    (pattern) => pattern.global || pattern.sticky ? new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, "")) : pattern
  );
  return (text) => {
    if (text.length >= 6) {
      const counts = countChars(text);
      if (email && counts.at && isEmailText(text)) return { detector: "email" };
      if (card && counts.digits >= 13 && isPaymentCardText(text)) return { detector: "payment_card" };
      if (iban && counts.digits >= 2 && counts.upper >= 2 && text.length >= 15 && isIbanText(text)) return { detector: "iban" };
      if (ssn && counts.digits >= 9 && counts.dashes >= 2 && isUsSsnText(text)) return { detector: "us_ssn" };
      if (ip && (counts.dots >= 3 || counts.colons >= 2) && isIpAddressText(text, counts)) return { detector: "ip_address" };
      if (phone && counts.digits >= 8 && isPhoneText(text)) return { detector: "phone" };
    }
    const capped = patterns.length === 0 ? text : configuredRegexText(text);
    for (let index = 0; index < patterns.length; index++) {
      if (patterns[index].test(capped)) return { detector: "custom", pattern: index };
    }
    return void 0;
  };
}
var DEFAULT_MATCHER = createPiiMatcher();
function detectPii(text, custom) {
  if (custom === void 0 || custom.length === 0) return DEFAULT_MATCHER(text)?.detector;
  return createPiiMatcher(BUILTIN_PII_DETECTORS, custom)(text)?.detector;
}

export {
  openByteSource,
  BadCsvInput,
  spanText,
  parseSimpleNumber,
  ByteInterner,
  BATCH,
  scanCsvRows,
  csvDialect,
  readCsvHeader,
  openTable,
  readableExtension,
  READABLE_EXTENSIONS,
  formatFromName,
  configuredRegexText,
  regexBacktrackingProblem,
  BUILTIN_PII_DETECTORS,
  createPiiMatcher,
  detectPii
};
