/** The bad-input corpus, data commands and configuration: see test/support/bad-input.ts for what every case promises. */
import { describeCorpus } from "../../support/bad-input.ts";
import { DATA_CASES } from "./data-cases.ts";

describeCorpus("bad input: data, contracts, modelship.yaml and flags", DATA_CASES);
