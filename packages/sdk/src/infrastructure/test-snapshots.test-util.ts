import fc from "fast-check";
import { compareCodes } from "./paths.js";
import type { RegionInfo, ServiceInfo, Snapshot } from "./snapshot.js";

const REGION_POOL = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-1", "us-gov-west-1", "cn-north-1", "sa-east-1"];
const SERVICE_POOL = ["ec2", "s3", "lambda", "bedrock", "AmazonGameLiftStreams", "acm-pca", "iot", "iotevents", "sagemaker", "qapps"];
const NAME_WORDS = ["Amazon", "AWS", "Elastic", "Compute", "Cloud", "Simple", "Storage", "Service", "Bedrock", "IoT"];

const region = (code: string): fc.Arbitrary<RegionInfo> =>
  fc.record({
    code: fc.constant(code),
    name: fc.oneof(fc.constant(code), fc.constantFrom("US East (N. Virginia)", "Europe (Ireland)", "Asia Pacific (Singapore)", "AWS GovCloud (US-West)")),
    partition: fc.constantFrom("aws", "aws-us-gov", "aws-cn"),
    domain: fc.option(fc.constantFrom("amazonaws.com", "amazonaws.com.cn"), { nil: null }),
    geolocationCountry: fc.option(fc.constantFrom("US", "IE", "SG"), { nil: null }),
    geolocationRegion: fc.option(fc.constantFrom("US-VA", "IE-D"), { nil: null }),
    availabilityZones: fc.uniqueArray(fc.constantFrom("a-az1", "a-az2", "a-az3"), { maxLength: 3 }).map((l) => l.sort(compareCodes)),
    localZones: fc.uniqueArray(fc.constantFrom("lz-1", "lz-2"), { maxLength: 2 }).map((l) => l.sort(compareCodes)),
  });

const service = (code: string): fc.Arbitrary<ServiceInfo> =>
  fc.record({
    code: fc.constant(code),
    name: fc.oneof(fc.constant(code), fc.array(fc.constantFrom(...NAME_WORDS), { minLength: 1, maxLength: 4 }).map((w) => w.join(" "))),
  });

/** Arbitrary snapshots that keep the invariants of a real one (sorted, one availability entry per region). */
export const snapshotArb: fc.Arbitrary<Snapshot> = fc
  .record({
    regionCodes: fc.subarray(REGION_POOL),
    serviceCodes: fc.subarray(SERVICE_POOL),
  })
  .chain(({ regionCodes, serviceCodes }) => {
    const regions = [...regionCodes].sort(compareCodes);
    const services = [...serviceCodes].sort(compareCodes);
    return fc.record({
      regions: fc.tuple(...regions.map(region)),
      services: fc.tuple(...services.map(service)),
      offered: fc.tuple(...regions.map(() => fc.subarray(services))),
    });
  })
  .map(({ regions, services, offered }) => ({
    startedAt: new Date("2026-01-01T00:00:00Z"),
    finishedAt: new Date("2026-01-01T00:00:30Z"),
    complete: true,
    source: "aws" as const,
    regions: [...regions],
    services: [...services],
    availability: Object.fromEntries(regions.map((r, i) => [r.code, [...(offered[i] ?? [])].sort(compareCodes)])),
    stats: { apiCalls: 0, throttled: 0, retries: 0, failures: 0 },
    failures: [],
  }));

/** A small hand-written snapshot for example-based tests. */
export function sampleSnapshot(): Snapshot {
  const region = (code: string, name: string, partition = "aws"): RegionInfo => ({
    code,
    name,
    partition,
    domain: "amazonaws.com",
    geolocationCountry: null,
    geolocationRegion: null,
    availabilityZones: [],
    localZones: [],
  });
  return {
    startedAt: new Date("2026-01-01T00:00:00Z"),
    finishedAt: new Date("2026-01-01T00:00:30Z"),
    complete: true,
    source: "aws",
    regions: [
      region("eu-central-1", "Europe (Frankfurt)"),
      region("eu-west-1", "Europe (Ireland)"),
      region("us-east-1", "US East (N. Virginia)"),
      region("us-gov-west-1", "AWS GovCloud (US-West)", "aws-us-gov"),
    ],
    services: [
      { code: "bedrock", name: "Amazon Bedrock" },
      { code: "ec2", name: "Amazon Elastic Compute Cloud (EC2)" },
      { code: "lambda", name: "AWS Lambda" },
      { code: "s3", name: "Amazon Simple Storage Service (S3)" },
    ],
    availability: {
      "eu-central-1": ["bedrock", "ec2", "lambda", "s3"],
      "eu-west-1": ["ec2", "lambda", "s3"],
      "us-east-1": ["bedrock", "ec2", "lambda", "s3"],
      "us-gov-west-1": ["ec2", "s3"],
    },
    stats: { apiCalls: 10, throttled: 0, retries: 0, failures: 0 },
    failures: [],
  };
}
