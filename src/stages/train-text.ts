/**
 * The run record's terminal renderer, for the faces: cli/ and actions/ may import stages/ but not
 * train/ (docs/architecture.md), so they take it from here. The renderer lives beside the run record.
 */
export { renderRunRecordText } from "../train/run-record-text.ts";
