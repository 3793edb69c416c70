import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scoreDetections } from "./score-detections.js";

describe("scoreDetections", () => {
  it("matches within the tolerance, one to one", () => {
    const score = scoreDetections([10, 41, 70], [11, 40, 90], { tolerance: 1 });
    expect(score).toMatchObject({ truePositives: 2, falsePositives: 1, falseNegatives: 1 });
    expect(score.precision).toBeCloseTo(2 / 3, 12);
    expect(score.recall).toBeCloseTo(2 / 3, 12);
    expect(score.f1).toBeCloseTo(2 / 3, 12);
    expect(score.matches).toEqual([
      { detected: 10, labelled: 11 },
      { detected: 41, labelled: 40 },
    ]);
    // Two detections next to one label: only one counts.
    expect(scoreDetections([5, 6], [5])).toMatchObject({ truePositives: 1, falsePositives: 1, precision: 0.5, recall: 1 });
    expect(scoreDetections([12], [10], { tolerance: 1 }).truePositives).toBe(0);
    expect(scoreDetections([12], [10], { tolerance: 2 }).truePositives).toBe(1);
    expect(scoreDetections([10], [10], { tolerance: 0 }).f1).toBe(1);
  });

  it("finds the largest matching where greedy-by-distance would not", () => {
    // Label 5 could take 5 or 6; label 7 only 6. Both must match.
    expect(scoreDetections([5, 6], [5, 7], { tolerance: 1 }).truePositives).toBe(2);
    expect(scoreDetections([4, 5], [5, 6], { tolerance: 1 }).truePositives).toBe(2);
  });

  it("handles empty inputs", () => {
    expect(scoreDetections([], [])).toMatchObject({ precision: 1, recall: 1, f1: 1 });
    expect(scoreDetections([], [3])).toMatchObject({ precision: 1, recall: 0, f1: 0 });
    expect(scoreDetections([3], [])).toMatchObject({ precision: 0, recall: 1, f1: 0 });
    expect(scoreDetections([3, 3], [3, 3])).toMatchObject({ truePositives: 1, precision: 1, recall: 1 });
  });

  it("agrees with a brute-force maximum matching", () => {
    const indices = fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { maxLength: 7 });
    fc.assert(
      fc.property(indices, indices, fc.integer({ min: 0, max: 3 }), (detected, labelled, tolerance) => {
        const best = (d: number[], l: number[]): number => {
          const [first, ...rest] = l;
          if (first === undefined) return 0;
          let result = best(d, rest);
          d.forEach((candidate, i) => {
            if (Math.abs(candidate - first) <= tolerance) {
              result = Math.max(result, 1 + best([...d.slice(0, i), ...d.slice(i + 1)], rest));
            }
          });
          return result;
        };
        const score = scoreDetections(detected, labelled, { tolerance });
        expect(score.truePositives).toBe(best(detected, labelled));
        expect(score.truePositives + score.falsePositives).toBe(detected.length);
        expect(score.truePositives + score.falseNegatives).toBe(labelled.length);
        for (const { detected: d, labelled: l } of score.matches) expect(Math.abs(d - l)).toBeLessThanOrEqual(tolerance);
      }),
    );
  });

  it("rejects a bad tolerance", () => {
    expect(() => scoreDetections([1], [1], { tolerance: -1 })).toThrow(/tolerance/);
    expect(() => scoreDetections([1], [1], { tolerance: 0.5 })).toThrow(/tolerance/);
  });
});
