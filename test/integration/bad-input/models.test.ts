/** The bad-input corpus, models and registry: see test/support/bad-input.ts for what every case promises. */
import { describeCorpus } from "../../support/bad-input.ts";
import { MODEL_CASES } from "./models-cases.ts";

describeCorpus("bad input: models, gates, releases, registries and their actions", MODEL_CASES);
