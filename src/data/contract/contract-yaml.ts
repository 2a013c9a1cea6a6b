/**
 * Writes a contract document as YAML for people to review: a header comment, a blank line between
 * sections, enums and null markers on one line each (`[a, b]`), and short comments beside values
 * that say what was observed.
 */
import { Document, isMap, isScalar, isSeq } from "yaml";
import type { ContractDocument } from "./load-contract.ts";

/** A comment placed after the value at `path` (keys and list indexes). */
export interface ValueComment {
  path: (string | number)[];
  text: string;
}

export interface RenderContractOptions {
  document: ContractDocument;
  /** Lines of the header comment, without "#". */
  header: string[];
  comments?: ValueComment[];
}

/** The document as commented YAML text. */
export function renderContractYaml(options: RenderContractOptions): string {
  const doc = new Document(options.document);
  doc.commentBefore = options.header.map((line) => ` ${line}`).join("\n");
  const setFlow = (path: (string | number)[]) => {
    const node = doc.getIn(path, true);
    if (isSeq(node)) node.flow = true;
  };
  setFlow(["dialect", "null_markers"]);
  options.document.columns.forEach((column, index) => {
    if (column.enum !== undefined) setFlow(["columns", index, "enum"]);
    if (Array.isArray(column.role)) setFlow(["columns", index, "role"]);
  });
  for (const comment of options.comments ?? []) {
    const node = doc.getIn(comment.path, true);
    if (isScalar(node)) node.comment = ` ${comment.text}`;
  }
  // A blank line before each top-level section but the first.
  if (isMap(doc.contents)) {
    doc.contents.items.forEach((pair, index) => {
      if (index > 0 && isScalar(pair.key)) pair.key.spaceBefore = true;
    });
  }
  // lineWidth 0: never fold, so an enum stays on one line however long it is.
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}
