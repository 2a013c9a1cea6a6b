/**
 * The test oracles: Debian's scikit-learn, scipy, pandas and onnx, run as `/usr/bin/python3` (the
 * `python3` on PATH may be another interpreter without them). A script reads JSON from stdin as
 * `data` and prints one JSON value; expected numbers come from there, never from our own output.
 */
import { spawnSync } from "node:child_process";

const PYTHON = "/usr/bin/python3";

const PRELUDE = `
import json, sys, math
data = json.load(sys.stdin)
def emit(value):
    def clean(o):
        if isinstance(o, dict): return {str(k): clean(v) for k, v in o.items()}
        if isinstance(o, (list, tuple)): return [clean(v) for v in o]
        if hasattr(o, "tolist"): return clean(o.tolist())
        if isinstance(o, float) and not math.isfinite(o): return None if math.isnan(o) else ("inf" if o > 0 else "-inf")
        return o
    print(json.dumps(clean(value)))
`;

/** Runs `script` with `input` as `data`; the script calls `emit(value)` once. Throws with Python's stderr on failure. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the JSON shape it expects
export function python<T = unknown>(script: string, input: unknown = null, options: { args?: string[]; timeoutMs?: number } = {}): T {
  const result = spawnSync(PYTHON, ["-c", `${PRELUDE}\n${script}`, ...(options.args ?? [])], {
    input: JSON.stringify(input),
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    timeout: options.timeoutMs ?? 120_000,
  });
  if (result.status !== 0) throw new Error(`${PYTHON} failed (exit ${result.status}):\n${result.stderr}`);
  const lines = result.stdout.trim().split("\n");
  return JSON.parse(lines.at(-1)!) as T;
}
