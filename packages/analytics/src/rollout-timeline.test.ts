import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rolloutTimeline, type AvailabilityEvent } from "./rollout-timeline.js";

const added = (region: string, at: string, service = "bedrock"): AvailabilityEvent => ({ region, service, kind: "added", at });
const removed = (region: string, at: string, service = "bedrock"): AvailabilityEvent => ({ region, service, kind: "removed", at });

describe("rolloutTimeline", () => {
  it("orders regions by first availability and builds a cumulative series", () => {
    const timeline = rolloutTimeline(
      [
        added("eu-west-1", "2024-03-01"),
        added("us-east-1", "2023-09-28T17:00:00Z"),
        added("us-west-2", "2023-09-28"),
        added("ap-south-1", "2024-01-10", "ec2"),
        added("ap-northeast-1", "2023-10-03T23:30:00-02:00"),
      ],
      "bedrock",
    );
    expect(timeline.regions.map((r) => [r.region, r.firstAvailable])).toEqual([
      ["us-east-1", "2023-09-28"],
      ["us-west-2", "2023-09-28"],
      ["ap-northeast-1", "2023-10-04"],
      ["eu-west-1", "2024-03-01"],
    ]);
    expect(timeline.coverage).toEqual([
      { date: "2023-09-28", available: 2, cumulative: 2, added: ["us-east-1", "us-west-2"], removed: [] },
      { date: "2023-10-04", available: 3, cumulative: 3, added: ["ap-northeast-1"], removed: [] },
      { date: "2024-03-01", available: 4, cumulative: 4, added: ["eu-west-1"], removed: [] },
    ]);
  });

  it("tracks removals and re-additions without moving the first date", () => {
    const timeline = rolloutTimeline(
      [
        added("us-east-1", "2024-01-01"),
        added("eu-west-1", "2024-01-05"),
        removed("eu-west-1", "2024-02-01"),
        added("eu-west-1", "2024-03-01"),
        removed("us-east-1", "2024-04-01"),
        added("us-east-1", "2024-01-02"),
        removed("ap-south-1", "2024-01-03"),
      ],
      "bedrock",
    );
    expect(timeline.regions).toEqual([
      { region: "us-east-1", firstAvailable: "2024-01-01", available: false, removedAt: "2024-04-01" },
      { region: "eu-west-1", firstAvailable: "2024-01-05", available: true, removedAt: null },
    ]);
    expect(timeline.coverage.map((p) => [p.date, p.available, p.cumulative])).toEqual([
      ["2024-01-01", 1, 1],
      ["2024-01-05", 2, 2],
      ["2024-02-01", 1, 2],
      ["2024-03-01", 2, 2],
      ["2024-04-01", 1, 2],
    ]);
  });

  it("is empty for a service with no events", () => {
    expect(rolloutTimeline([added("us-east-1", "2024-01-01", "ec2")], "bedrock")).toEqual({ service: "bedrock", regions: [], coverage: [] });
  });

  it("keeps coverage consistent with the final state for any event order", () => {
    const event = fc.record({
      region: fc.constantFrom("us-east-1", "us-west-2", "eu-west-1", "ap-south-1"),
      service: fc.constant("s3"),
      kind: fc.constantFrom<"added" | "removed">("added", "removed"),
      at: fc.integer({ min: 0, max: 60 }).map((d) => `2024-01-${String((d % 28) + 1).padStart(2, "0")}`),
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), (events) => {
        const timeline = rolloutTimeline(events, "s3");
        const dates = timeline.coverage.map((p) => p.date);
        expect([...dates].sort()).toEqual(dates);
        expect(new Set(dates).size).toBe(dates.length);
        let cumulative = 0;
        for (const point of timeline.coverage) {
          expect(point.cumulative).toBeGreaterThanOrEqual(cumulative);
          expect(point.available).toBeLessThanOrEqual(point.cumulative);
          cumulative = point.cumulative;
        }
        const last = timeline.coverage.at(-1);
        expect(last?.available ?? 0).toBe(timeline.regions.filter((r) => r.available).length);
        expect(last?.cumulative ?? 0).toBe(timeline.regions.length);
      }),
    );
  });

  it("rejects an unreadable timestamp", () => {
    expect(() => rolloutTimeline([added("us-east-1", "last tuesday")], "bedrock")).toThrow(RangeError);
  });
});
