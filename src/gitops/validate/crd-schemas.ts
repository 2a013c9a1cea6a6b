/**
 * Schema checks for the custom resources no npm package ships validators for: KServe
 * InferenceService, Flagger Canary, Seldon Core v2 Model and Experiment. The schemas live in
 * schemas/crds/ (each names the upstream CRD or Go types it was written from in `$comment`).
 */
import type { ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import { validatorFor, type JsonSchema } from "../../common/schema-validation.ts";
import canarySchema from "../../../schemas/crds/flagger.app_canary_v1beta1.json" with { type: "json" };
import seldonExperimentSchema from "../../../schemas/crds/mlops.seldon.io_experiment_v1alpha1.json" with { type: "json" };
import seldonModelSchema from "../../../schemas/crds/mlops.seldon.io_model_v1alpha1.json" with { type: "json" };
import inferenceServiceSchema from "../../../schemas/crds/serving.kserve.io_inferenceservice_v1beta1.json" with { type: "json" };

// Compiled only when used, on schema-validation's ajv instance (their $ids sit under schemas/crds/).
const SCHEMAS: Record<string, JsonSchema> = {
  "serving.kserve.io/v1beta1 InferenceService": inferenceServiceSchema,
  "flagger.app/v1beta1 Canary": canarySchema,
  "mlops.seldon.io/v1alpha1 Model": seldonModelSchema,
  "mlops.seldon.io/v1alpha1 Experiment": seldonExperimentSchema,
};

function crdValidator(type: string): ValidateFunction | undefined {
  const schema = SCHEMAS[type];
  return schema === undefined ? undefined : validatorFor(schema);
}

/** The schema file that checks `apiVersion`/`kind`, for hints; undefined when none does. */
export function crdSchemaId(apiVersion: string, kind: string): string | undefined {
  return SCHEMAS[`${apiVersion} ${kind}`]?.$id;
}

/** The ajv errors of `data` against its CRD schema (empty when valid); undefined for an unknown kind. */
export function validateWithCrdSchema(apiVersion: string, kind: string, data: unknown): ErrorObject[] | undefined {
  const validate = crdValidator(`${apiVersion} ${kind}`);
  if (validate === undefined) return undefined;
  return validate(data) ? [] : [...(validate.errors ?? [])];
}
