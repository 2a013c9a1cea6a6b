/**
 * Pure drift statistics, each written to agree with the scipy 1.10 / numpy 1.24 function named in
 * its doc comment (to ~1e-9 relative or better): two-sample KS with scipy's exact and asymptotic
 * p-values, Wasserstein, χ² and two-proportion tests, JS/KL/PSI/Hellinger over binned proportions,
 * zero filling, numpy-compatible Sturges binning and multiple-testing corrections. Ours, with no
 * scipy function to match, each checked against numpy written from its definition: the ℓ2 test of
 * homogeneity, total variation (pooled), Cohen's h, and KS/Wasserstein's sketch tolerance. No I/O,
 * no state.
 */
export type { WeightedSample } from "./sample.ts";
export { sampleOf, totalWeight, weightedSample } from "./sample.ts";
export type { KsResult } from "./ks.ts";
export { ks2samp } from "./ks.ts";
export { kstwoSf } from "./kolmogorov.ts";
export { fillEpsilon, fillEvidently, hellinger, jensenShannonDistance, klDivergence, proportions, psi, wasserstein } from "./distances.ts";
export type { TestResult } from "./tests.ts";
export { chiSquareGoodnessOfFit, chiSquareHomogeneity, cohensH, l2Homogeneity, totalVariation, twoProportionZ } from "./tests.ts";
export type { Correction } from "./corrections.ts";
export { adjustPValues } from "./corrections.ts";
export { histogramCounts, sturgesEdges } from "./histogram.ts";
