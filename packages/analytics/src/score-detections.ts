import { assertInteger } from "./validate.js";

/** Options for {@link scoreDetections}. */
export interface ScoreDetectionsOptions {
  /** How many indices a detection may be off a label and still match it; 1 by default. */
  tolerance?: number;
}

/** How well detected indices match labelled ones. */
export interface DetectionScore {
  /** Share of detections that match a label; 1 when nothing was detected. */
  precision: number;
  /** Share of labels that were detected; 1 when nothing was labelled. */
  recall: number;
  /** Harmonic mean of precision and recall; 0 when both are 0. */
  f1: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** Matched pairs, ordered by label. */
  matches: { detected: number; labelled: number }[];
}

/**
 * Scores detected anomaly indices against labelled ones. Each label matches at
 * most one detection within `tolerance` indices and vice versa, and the
 * matching is as large as possible (a greedy sweep over sorted indices, which
 * is optimal for equal-width windows). Duplicate indices count once.
 *
 * @throws RangeError for a negative or fractional tolerance.
 * @example
 * ```ts
 * scoreDetections([10, 41, 70], [11, 40, 90], { tolerance: 1 });
 * // { precision: 0.667, recall: 0.667, f1: 0.667, truePositives: 2, falsePositives: 1, falseNegatives: 1, ... }
 * ```
 */
export function scoreDetections(
  detected: readonly number[],
  labelled: readonly number[],
  options: ScoreDetectionsOptions = {},
): DetectionScore {
  const { tolerance = 1 } = options;
  assertInteger(tolerance, "tolerance", 0);
  const found = [...new Set(detected)].sort((a, b) => a - b);
  const truth = [...new Set(labelled)].sort((a, b) => a - b);
  const matches: { detected: number; labelled: number }[] = [];
  let next = 0;
  for (const label of truth) {
    while (next < found.length && (found[next] ?? 0) < label - tolerance) next++;
    const candidate = found[next];
    if (candidate !== undefined && candidate <= label + tolerance) {
      matches.push({ detected: candidate, labelled: label });
      next++;
    }
  }
  const truePositives = matches.length;
  const falsePositives = found.length - truePositives;
  const falseNegatives = truth.length - truePositives;
  const precision = found.length === 0 ? 1 : truePositives / found.length;
  const recall = truth.length === 0 ? 1 : truePositives / truth.length;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, truePositives, falsePositives, falseNegatives, matches };
}
