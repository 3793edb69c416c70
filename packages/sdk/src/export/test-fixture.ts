// Shared by the export tests only (not exported from the package).
import type { RegionInfo, Snapshot } from "../infrastructure/snapshot.js";
import type { ReportInput } from "./exporter.js";

export const WEIRD_NAME = 'Weird, "Quoted"\nService';
export const SCRIPT_NAME = "<script>alert(1)</script>";
export const LAUNCH_URL = "https://aws.amazon.com/about-aws/whats-new/2006/08/24/announcing-amazon-elastic-compute-cloud-amazon-ec2---beta/";

function region(code: string, name: string, azs: string[]): RegionInfo {
  return {
    code,
    name,
    partition: "aws",
    domain: "amazonaws.com",
    geolocationCountry: null,
    geolocationRegion: null,
    availabilityZones: azs,
    localZones: [],
  };
}

/** Three regions, five services (lambda offered nowhere), odd names on purpose. */
export function fixtureSnapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  return {
    startedAt: new Date("2026-03-01T08:00:00Z"),
    finishedAt: new Date("2026-03-01T08:00:30Z"),
    complete: true,
    source: "aws",
    regions: [
      region("ap-test-1", "Asia Pacific (Test, \"Q\")", ["apt1-az1"]),
      region("eu-west-1", "Europe (Ireland)", ["euw1-az1", "euw1-az2", "euw1-az3"]),
      region("us-east-1", "US East (N. Virginia)", ["use1-az1", "use1-az2"]),
    ],
    services: [
      { code: "ec2", name: "Amazon Elastic Compute Cloud (EC2)" },
      { code: "lambda", name: "AWS Lambda" },
      { code: "s3", name: "Amazon Simple Storage Service (S3)" },
      { code: "weird", name: WEIRD_NAME },
      { code: "xss", name: SCRIPT_NAME },
    ],
    availability: {
      "ap-test-1": ["ec2"],
      "eu-west-1": ["ec2", "s3"],
      "us-east-1": ["ec2", "s3", "weird", "xss"],
    },
    stats: { apiCalls: 12, throttled: 0, retries: 0, failures: 0 },
    failures: [],
    ...overrides,
  };
}

export function fixtureInput(overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    snapshot: fixtureSnapshot(),
    generatedAt: new Date("2026-03-01T09:05:07Z"),
    scanId: 42,
    filtersDescription: "--include-regions *",
    launchDates: {
      "us-east-1": { date: "2006-08-25", source: "aws-rss", url: LAUNCH_URL },
      "eu-west-1": { date: "2007-12-10", source: "bundled", url: null },
    },
    ...overrides,
  };
}

/** Strict RFC 4180 parser: records end with CRLF; CR or LF outside quotes is an error. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  let fieldStarted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        const next = text[i];
        if (next !== "," && next !== "\r") throw new Error(`character after closing quote at ${i}`);
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"') {
      if (fieldStarted) throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = true;
      fieldStarted = true;
      i++;
    } else if (c === ",") {
      row.push(field);
      field = "";
      fieldStarted = false;
      i++;
    } else if (c === "\r") {
      if (text[i + 1] !== "\n") throw new Error(`bare CR at ${i}`);
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      fieldStarted = false;
      i += 2;
    } else if (c === "\n") {
      throw new Error(`bare LF at ${i}`);
    } else {
      field += c;
      fieldStarted = true;
      i++;
    }
  }
  if (quoted) throw new Error("unterminated quoted field");
  if (field !== "" || row.length > 0) throw new Error("last record is not CRLF-terminated");
  return rows;
}
