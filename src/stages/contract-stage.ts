/**
 * The contract stage, shared by `modelship contract infer` and `contract diff`: draft a contract that
 * given data satisfies, or classify what changed between two versions of a contract.
 */
import { lstat } from "node:fs/promises";
import { writeFileAtomic } from "../common/atomic-write.ts";
import { checkOutputFile } from "../common/output-path.ts";
import { UserError } from "../common/errors.ts";
import { loadContract } from "../data/contract/load-contract.ts";
import { diffContracts, renderContractDiffMarkdown, type ContractDiff } from "../data/contract/contract-diff.ts";
import { inferContract } from "../data/contract/infer-contract.ts";
import type { StageRun } from "./stage-run.ts";

export type { ContractDiff } from "../data/contract/contract-diff.ts";

/** What a face gives the infer stage. */
export interface ContractInferStageInputs {
  data: string[];
  /** The label column (role: target). */
  target?: string;
  maxEnum?: number;
  /** The CSV delimiter; sniffed when not given. */
  delimiter?: string;
  /** Where to write the contract; without it, the face prints it. */
  output?: string;
  /** Overwrite `output` when it exists. */
  force?: boolean;
}

export interface ContractInferStageResult {
  /** The drafted contract as commented YAML. */
  yaml: string;
  /** Where it was written, when an output was given. */
  output?: string;
}

/** Drafts a contract from the data; writes it to `output` (never over an existing file without `force`). */
export async function runContractInferStage(inputs: ContractInferStageInputs, run: StageRun): Promise<ContractInferStageResult> {
  if (inputs.data.length === 0)
    throw new UserError("contract infer needs a data file", {
      hint: "modelship contract infer data/train.csv --target label --output contract.yaml",
    });
  const output = inputs.output;
  if (output !== undefined) {
    await checkOutputFile(output, "--output");
    // Never clobber a contract someone wrote by hand: checked before the data is read, and again before writing.
    if (inputs.force !== true && (await exists(output))) throw alreadyThere(output);
  }
  const result = await inferContract({
    paths: inputs.data,
    target: inputs.target,
    maxEnum: inputs.maxEnum,
    readOptions: inputs.delimiter === undefined ? undefined : { delimiter: inputs.delimiter },
    logger: run.logger,
  });
  if (output === undefined) return { yaml: result.yaml };
  if (inputs.force !== true && (await exists(output))) throw alreadyThere(output);
  await writeFileAtomic(output, result.yaml);
  return { yaml: result.yaml, output };
}

export interface ContractDiffStageResult {
  diff: ContractDiff;
  /** The diff as markdown, breaking changes marked. */
  markdown: string;
}

function alreadyThere(output: string): UserError {
  return new UserError(`${output} already exists`, { file: output, hint: "pass --force to overwrite it, or choose another --output" });
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

/** Loads the two contracts (OLD, NEW) and classifies each change between them. */
export async function runContractDiffStage(inputs: { contracts: string[] }): Promise<ContractDiffStageResult> {
  const [old, next] = inputs.contracts;
  if (inputs.contracts.length !== 2 || old === undefined || next === undefined)
    throw new UserError("contract diff needs two contracts: OLD NEW", { hint: "modelship contract diff base/contract.yaml contract.yaml" });
  const diff = diffContracts(await loadContract(old), await loadContract(next));
  return { diff, markdown: renderContractDiffMarkdown(diff) };
}
