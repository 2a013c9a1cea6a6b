/**
 * Lines the model's classes up with the data's labels: which probability column is which class,
 * which class is positive, and each row's true and predicted class index. The model's own word
 * (class labels in the graph) wins, then `evaluate.classes`, then the label output's agreement with
 * the probabilities' argmax, then scikit-learn's convention (the sorted labels: numerically when
 * they are all numbers).
 */
import { byCodeUnit } from "../common/compare.ts";
import { UserError } from "../common/errors.ts";
import type { Collected, ModelOutputs } from "./collect.ts";
import type { ClassificationData } from "./metrics.ts";

export interface ClassSettings {
  /** From evaluate.classes. */
  classes?: string[];
  positiveLabel?: string;
  threshold: number;
  /** Model file, for messages. */
  modelPath: string;
}

export interface ResolvedClasses {
  /** Class labels in index order; binary: index 1 is the positive class. */
  classes: string[];
  /** How the order was found, for the report. */
  origin: "model" | "config" | "label-output" | "sorted-labels";
  /** The classes of the model's probability columns, in column order (before the positive class is moved). */
  columnOrder: string[];
  /** True class index per row. */
  y: Int32Array;
}

/** scikit-learn's `np.unique` order: numbers numerically when every label is one (so 10 sorts after 2), else text by code unit. */
export function sortLabels(labels: string[]): string[] {
  const numeric = labels.every((label) => label.trim() !== "" && Number.isFinite(Number(label)));
  return [...labels].sort(numeric ? (a, b) => Number(a) - Number(b) || byCodeUnit(a, b) : byCodeUnit);
}

/** Class order from a label output that agrees with the probabilities' argmax on every row; undefined when it does not. */
export function classesFromLabelOutput(outputs: ModelOutputs): string[] | undefined {
  const { probabilities, labelIds, classes } = outputs;
  if (probabilities === undefined || labelIds === undefined || classes === undefined) return undefined;
  const order: (string | undefined)[] = new Array<string | undefined>(classes).fill(undefined);
  const p = probabilities.data;
  const labels = labelIds.data;
  for (let r = 0; r < labelIds.length; r++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (p[r * classes + c]! > p[r * classes + best]!) best = c;
    // A tie makes argmax ambiguous; skip the row rather than guess.
    if (classes === 2 && p[r * 2] === p[r * 2 + 1]) continue;
    const text = outputs.labelTexts.texts[labels[r]!]!;
    if (order[best] === undefined) order[best] = text;
    else if (order[best] !== text) return undefined;
  }
  return order.every((text) => text !== undefined) ? order : undefined;
}

/** The model's class order, the positive class placed at index 1 for binary models. */
export function resolveClasses(
  collected: Collected,
  outputs: ModelOutputs,
  modelClassLabels: string[] | undefined,
  settings: ClassSettings,
): ResolvedClasses {
  const targets = collected.targetTexts;
  const width = outputs.classes;
  let classes: string[];
  let origin: ResolvedClasses["origin"];
  if (modelClassLabels !== undefined && (width === undefined || modelClassLabels.length === width)) {
    classes = [...modelClassLabels];
    origin = "model";
  } else if (settings.classes !== undefined) {
    classes = [...settings.classes];
    origin = "config";
  } else {
    const fromLabels = classesFromLabelOutput(outputs);
    if (fromLabels !== undefined) {
      classes = fromLabels;
      origin = "label-output";
    } else {
      const seen = new Set(targets.texts);
      if (width === undefined) for (const text of outputs.labelTexts.texts) seen.add(text);
      classes = sortLabels([...seen]);
      origin = "sorted-labels";
    }
  }
  if (width !== undefined && classes.length !== width) {
    throw new UserError(
      `the model gives ${width} probability columns but ${origin === "config" ? "evaluate.classes names" : "the data has"} ${classes.length} classes (${classes.map((c) => JSON.stringify(c)).join(", ")})`,
      {
        file: settings.modelPath,
        hint: "set evaluate.classes to the model's classes in the order of its probability columns",
      },
    );
  }
  const index = new Map(classes.map((label, i) => [label, i]));
  const unseen = targets.texts.map((text, id) => ({ text, id })).filter(({ text }) => !index.has(text));
  if (unseen.length > 0) {
    const first = unseen[0]!;
    throw new UserError(
      `the data has label${unseen.length === 1 ? "" : "s"} the model does not know: ${unseen.map(({ text, id }) => `${JSON.stringify(text)} (${targets.counts[id]} rows)`).join(", ")}; first at ${targets.firstSeen[first.id]}`,
      {
        hint: `the model's classes are ${classes.map((c) => JSON.stringify(c)).join(", ")}; map the label with an alias in the data contract (e.g. "<=50K." → "<=50K"), fix the data, or set evaluate.classes`,
      },
    );
  }
  const present = targets.texts.filter((_, id) => targets.counts[id]! > 0);
  if (present.length < 2) {
    throw new UserError(
      `the test data has a single class (${JSON.stringify(present[0])}, ${collected.rows} rows): most metrics and every fairness rate need both outcomes`,
      {
        file: collected.files[0]?.path,
        hint: "evaluate on a test set with rows of every class (e.g. a stratified split)",
      },
    );
  }
  const columnOrder = [...classes];
  if (classes.length === 2) {
    const positive = settings.positiveLabel ?? classes[1]!;
    if (!index.has(positive))
      throw new UserError(
        `positive_label ${JSON.stringify(positive)} is not one of the model's classes (${classes.map((c) => JSON.stringify(c)).join(", ")})`,
        { hint: "set --positive-label (the positive-label input, or evaluate.positive_label) to one of them" },
      );
    if (positive === classes[0]) classes = [classes[1]!, classes[0]];
  } else if (settings.positiveLabel !== undefined) {
    throw new UserError(`positive_label is set but the model has ${classes.length} classes`, {
      hint: "positive_label applies to binary classifiers; remove it",
    });
  }
  const finalIndex = new Map(classes.map((label, i) => [label, i]));
  const targetToClass = Int32Array.from(targets.texts, (text) => finalIndex.get(text)!);
  const ids = collected.yIds!.values();
  const y = new Int32Array(ids.length);
  for (let r = 0; r < ids.length; r++) y[r] = targetToClass[ids[r]!]!;
  return { classes, origin, columnOrder, y };
}

/** One model's predictions in the resolved class order: probabilities (permuted from `columnOrder`, the classes of the model's columns) and predicted indices. */
export function classificationData(
  resolved: ResolvedClasses,
  outputs: ModelOutputs,
  columnOrder: string[],
  settings: ClassSettings,
): ClassificationData {
  const { classes, y } = resolved;
  const n = y.length;
  const C = classes.length;
  let proba: Float64Array | undefined;
  if (outputs.probabilities !== undefined) {
    const width = outputs.classes ?? C;
    if (width !== C || columnOrder.length !== C) {
      throw new UserError(
        `the model gives ${width} probability columns, but the evaluated model's classes are ${C} (${classes.map((c) => JSON.stringify(c)).join(", ")})`,
        {
          file: settings.modelPath,
          hint: "compare models trained on the same classes",
        },
      );
    }
    // Column c of the model's output holds class columnOrder[c]; bring it to our order.
    const sourceColumn = classes.map((label) => columnOrder.indexOf(label));
    if (sourceColumn.some((column) => column < 0))
      throw new UserError(
        `the model's classes (${columnOrder.map((c) => JSON.stringify(c)).join(", ")}) are not the evaluated model's (${classes.map((c) => JSON.stringify(c)).join(", ")})`,
        { file: settings.modelPath, hint: "compare models trained on the same classes" },
      );
    const raw = outputs.probabilities.data;
    proba = new Float64Array(n * C);
    for (let r = 0; r < n; r++) for (let c = 0; c < C; c++) proba[r * C + c] = raw[r * width + sourceColumn[c]!]!;
  }
  const pred = new Int32Array(n);
  if (proba !== undefined) {
    if (C === 2) for (let r = 0; r < n; r++) pred[r] = proba[r * 2 + 1]! >= settings.threshold ? 1 : 0;
    else {
      for (let r = 0; r < n; r++) {
        let best = 0;
        for (let c = 1; c < C; c++) if (proba[r * C + c]! > proba[r * C + best]!) best = c;
        pred[r] = best;
      }
    }
  } else if (outputs.labelIds !== undefined) {
    const index = new Map(classes.map((label, i) => [label, i]));
    const toClass = outputs.labelTexts.texts.map((text, id) => {
      const c = index.get(text);
      if (c === undefined)
        throw new UserError(
          `the model predicted ${JSON.stringify(text)} (${outputs.labelTexts.counts[id]} rows, first at ${outputs.labelTexts.firstSeen[id]}), which is not a class of the data or of evaluate.classes`,
          {
            file: settings.modelPath,
            hint: `set evaluate.classes to every class the model can predict (known: ${classes.map((c2) => JSON.stringify(c2)).join(", ")})`,
          },
        );
      return c;
    });
    const ids = outputs.labelIds.data;
    for (let r = 0; r < n; r++) pred[r] = toClass[ids[r]!]!;
  } else {
    throw new UserError("the model gives neither class probabilities nor labels", {
      file: settings.modelPath,
      hint: "name its outputs in evaluate.outputs (label, probabilities or score)",
    });
  }
  return { classes: C, y, pred, proba };
}
