/**
 * PyTorch for the tests that export real models with `torch.onnx.export`: Debian's python3-torch,
 * run as `/usr/bin/python3` like the other oracles (test/support/python.ts). CI (`.ci/run`, which
 * sets CI=true) installs it and the tests must run there; elsewhere they are skipped with a reason
 * when it is missing, as the Prometheus tests are.
 */
import { spawnSync } from "node:child_process";

const PYTHON = "/usr/bin/python3";

let available: boolean | undefined;

/** Whether `/usr/bin/python3` can import torch and onnx (checked once). */
export function hasTorch(): boolean {
  available ??= spawnSync(PYTHON, ["-c", "import torch, onnx"], { encoding: "utf8", timeout: 120_000 }).status === 0;
  return available;
}

/**
 * The `skip` option for a suite that needs torch: false when torch is there, and in CI (where a
 * missing torch must fail the run, not hide it); else the reason it is skipped.
 */
export function torchSkip(what: string): string | false {
  if (hasTorch() || process.env.CI === "true") return false;
  return `${PYTHON} cannot import torch (apt-get install python3-torch) — skipping ${what}`;
}

/** Fails with what to install when torch is missing (called in CI, where the suite is never skipped). */
export function requireTorch(): void {
  if (!hasTorch())
    throw new Error(`${PYTHON} cannot import torch and onnx: install python3-torch and python3-onnx (.ci/run installs them)`);
}
