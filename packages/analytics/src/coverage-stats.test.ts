import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { coverageStats } from "./coverage-stats.js";

describe("coverageStats", () => {
  it("counts regions per service and services per region", () => {
    const stats = coverageStats({
      "us-east-1": ["ec2", "bedrock", "s3", "ec2"],
      "eu-west-1": ["ec2", "s3"],
      "ap-south-1": ["ec2"],
      "me-central-1": [],
    });
    expect(stats.totalRegions).toBe(4);
    expect(stats.totalServices).toBe(3);
    expect(stats.services).toEqual([
      { service: "ec2", regionCount: 3, coveragePct: 75, regions: ["ap-south-1", "eu-west-1", "us-east-1"] },
      { service: "s3", regionCount: 2, coveragePct: 50, regions: ["eu-west-1", "us-east-1"] },
      { service: "bedrock", regionCount: 1, coveragePct: 25, regions: ["us-east-1"] },
    ]);
    expect(stats.regions).toEqual([
      { region: "us-east-1", serviceCount: 3 },
      { region: "eu-west-1", serviceCount: 2 },
      { region: "ap-south-1", serviceCount: 1 },
      { region: "me-central-1", serviceCount: 0 },
    ]);
  });

  it("is empty for an empty matrix", () => {
    expect(coverageStats({})).toEqual({ totalRegions: 0, totalServices: 0, services: [], regions: [] });
  });

  it("balances: region counts and service counts sum to the same pairs", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.stringMatching(/^[a-z]{2}-[a-z]{4}-[1-3]$/), fc.array(fc.constantFrom("ec2", "s3", "lambda", "rds", "eks"))),
        (matrix) => {
          const stats = coverageStats(matrix);
          const pairs = Object.values(matrix).reduce((acc, services) => acc + new Set(services).size, 0);
          expect(stats.services.reduce((acc, s) => acc + s.regionCount, 0)).toBe(pairs);
          expect(stats.regions.reduce((acc, r) => acc + r.serviceCount, 0)).toBe(pairs);
          for (const service of stats.services) {
            expect(service.coveragePct).toBeGreaterThan(0);
            expect(service.coveragePct).toBeLessThanOrEqual(100);
          }
        },
      ),
    );
  });
});
