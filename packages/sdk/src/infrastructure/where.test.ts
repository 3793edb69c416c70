import { describe, expect, it } from "vitest";
import { sampleSnapshot } from "./test-snapshots.test-util.js";
import { whereAvailable } from "./where.js";

describe("whereAvailable", () => {
  it("splits the snapshot's regions into available and unavailable per service", () => {
    expect(whereAvailable(sampleSnapshot(), ["bedrock", "AWS lambda", "nope"])).toEqual([
      { service: "bedrock", name: "Amazon Bedrock", available: ["eu-central-1", "us-east-1"], unavailable: ["eu-west-1", "us-gov-west-1"] },
      { service: "lambda", name: "AWS Lambda", available: ["eu-central-1", "eu-west-1", "us-east-1"], unavailable: ["us-gov-west-1"] },
      { service: "nope", name: "nope", available: [], unavailable: ["eu-central-1", "eu-west-1", "us-east-1", "us-gov-west-1"] },
    ]);
  });
});
