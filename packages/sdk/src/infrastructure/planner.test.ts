import { describe, expect, it } from "vitest";
import { batchesFor, pagesFor, planScan } from "./planner.js";
import { sampleSnapshot } from "./test-snapshots.test-util.js";

describe("planScan", () => {
  it("crawls region by region for the full matrix, with region details", () => {
    const plan = planScan();
    expect(plan).toMatchObject({ strategy: "by-region", services: null, regions: null, listRegions: true, regionDetails: true });
    expect(plan.estimatedCalls).toBeGreaterThan(1_000);
    expect(plan.estimatedCalls).toBeLessThan(1_150);
  });

  it("asks service by service for a few services, without region details", () => {
    const plan = planScan({ services: ["bedrock", "bedrock", " s3 "] });
    expect(plan).toMatchObject({ strategy: "by-service", services: ["bedrock", "s3"], listRegions: true, regionDetails: false });
    expect(plan.estimatedCalls).toBeLessThanOrEqual(12);
  });

  it("switches back to the region crawl when the service list is long", () => {
    const many = Array.from({ length: 400 }, (_, i) => `svc${i}`);
    expect(planScan({ services: many }).strategy).toBe("by-region");
  });

  it("skips the region list when regions are given", () => {
    const plan = planScan({ regions: ["eu-west-1"] });
    expect(plan).toMatchObject({ strategy: "by-region", listRegions: false, regions: ["eu-west-1"] });
    expect(plan.estimatedCalls).toBeLessThan(80); // ~30 service pages + ~30 long-name batches + zones
  });

  it("estimates exactly from a previous snapshot", () => {
    const previous = sampleSnapshot(); // 4 regions, 4 services, up to 4 services per region, no zones
    // region list 1 + service pages 4 + zone pages 8 + names ceil((4*5 + 4)/10) = 3
    expect(planScan({ previous }).estimatedCalls).toBe(1 + 4 + 8 + 3);
    // region list 1 + bedrock's regions 1 + names 1
    expect(planScan({ previous, services: ["bedrock"] }).estimatedCalls).toBe(3);
  });

  it("honours a forced strategy and explicit region details", () => {
    expect(planScan({ services: ["ec2"], strategy: "by-region" }).strategy).toBe("by-region");
    expect(planScan({ services: ["ec2"], regionDetails: true }).regionDetails).toBe(true);
    expect(() => planScan({ strategy: "by-service" })).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
  });

  it("rejects globs: plans take exact codes", () => {
    expect(() => planScan({ services: ["bedrock*"] })).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
  });
});

describe("pagesFor / batchesFor", () => {
  it("counts full pages of 10, one call for an empty listing", () => {
    expect([0, 1, 10, 11, 20, 21].map(pagesFor)).toEqual([1, 1, 1, 2, 2, 3]);
    expect([0, 1, 10, 11].map(batchesFor)).toEqual([0, 1, 1, 2]);
  });
});
