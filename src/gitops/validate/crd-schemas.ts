/**
 * Schema checks for the custom resources no npm package ships validators for: KServe
 * InferenceService, Flagger Canary, Seldon Core v2 Model and Experiment. The schemas live in
 * schemas/crds/ (each names the upstream CRD or Go types it was written from in `$comment`).
 */
import Ajv2020Module, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import canarySchema from "../../../schemas/crds/flagger.app_canary_v1beta1.json" with { type: "json" };
import seldonExperimentSchema from "../../../schemas/crds/mlops.seldon.io_experiment_v1alpha1.json" with { type: "json" };
import seldonModelSchema from "../../../schemas/crds/mlops.seldon.io_model_v1alpha1.json" with { type: "json" };
import inferenceServiceSchema from "../../../schemas/crds/serving.kserve.io_inferenceservice_v1beta1.json" with { type: "json" };

// CommonJS packages imported from ESM: their `default` sits one level down (see schema-validation.ts).
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

const SCHEMAS: Record<string, { $id: string }> = {
  "serving.kserve.io/v1beta1 InferenceService": inferenceServiceSchema,
  "flagger.app/v1beta1 Canary": canarySchema,
  "mlops.seldon.io/v1alpha1 Model": seldonModelSchema,
  "mlops.seldon.io/v1alpha1 Experiment": seldonExperimentSchema,
};

// A separate instance: these schemas are not modelship's own and are compiled only when used.
let ajv: InstanceType<typeof Ajv2020> | undefined;
const compiled = new Map<string, ValidateFunction>();

function validatorFor(type: string): ValidateFunction | undefined {
  const schema = SCHEMAS[type];
  if (schema === undefined) return undefined;
  let validate = compiled.get(type);
  if (validate === undefined) {
    if (ajv === undefined) {
      ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
      addFormats(ajv);
    }
    validate = ajv.compile(schema);
    compiled.set(type, validate);
  }
  return validate;
}

/** The schema file that checks `apiVersion`/`kind`, for hints; undefined when none does. */
export function crdSchemaId(apiVersion: string, kind: string): string | undefined {
  return SCHEMAS[`${apiVersion} ${kind}`]?.$id;
}

/** The ajv errors of `data` against its CRD schema (empty when valid); undefined for an unknown kind. */
export function validateWithCrdSchema(apiVersion: string, kind: string, data: unknown): ErrorObject[] | undefined {
  const validate = validatorFor(`${apiVersion} ${kind}`);
  if (validate === undefined) return undefined;
  return validate(data) ? [] : [...(validate.errors ?? [])];
}
