import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyDiff, diffSnapshots } from "./diff.js";
import type { Snapshot } from "./snapshot.js";
import { sampleSnapshot, snapshotArb } from "./test-snapshots.test-util.js";

const content = (s: Snapshot) => ({ regions: s.regions, services: s.services, availability: s.availability });

describe("diffSnapshots / applyDiff", () => {
  it("lists added and removed pairs, regions and services", () => {
    const a = sampleSnapshot();
    const b = sampleSnapshot();
    b.availability["eu-west-1"] = ["bedrock", "ec2", "lambda", "s3"];
    b.availability["us-gov-west-1"] = ["ec2"];
    b.services[0] = { code: "bedrock", name: "Amazon Bedrock (new name)" };
    const diff = diffSnapshots(a, b);
    expect(diff.added).toEqual([{ region: "eu-west-1", service: "bedrock" }]);
    expect(diff.removed).toEqual([{ region: "us-gov-west-1", service: "s3" }]);
    expect(diff.servicesChanged).toEqual([{ code: "bedrock", name: "Amazon Bedrock (new name)" }]);
    expect(diff.regionsAdded).toEqual([]);
    expect(content(applyDiff(a, diff))).toEqual(content(b));
  });

  it("is empty between a snapshot and itself", () => {
    const a = sampleSnapshot();
    expect(diffSnapshots(a, a)).toEqual({
      added: [],
      removed: [],
      regionsAdded: [],
      regionsRemoved: [],
      regionsChanged: [],
      servicesAdded: [],
      servicesRemoved: [],
      servicesChanged: [],
    });
  });

  it("applying the diff of a and b to a gives b", () => {
    fc.assert(
      fc.property(snapshotArb, snapshotArb, (a, b) => {
        const before = structuredClone(a);
        expect(content(applyDiff(a, diffSnapshots(a, b)))).toEqual(content(b));
        expect(a).toEqual(before);
      }),
      { numRuns: 300 },
    );
  });
});
