import { describe, expect, it } from "vitest";
import { buildJsonReport, jsonExporter, type JsonReport } from "./json-exporter.js";
import { fixtureInput, fixtureSnapshot, LAUNCH_URL, WEIRD_NAME } from "./test-fixture.js";

async function renderJson(input = fixtureInput()): Promise<JsonReport> {
  const [file, ...rest] = await jsonExporter.render(input);
  expect(rest).toEqual([]);
  expect(file?.name).toBe("report.json");
  if (typeof file?.content !== "string") throw new Error("expected text");
  expect(file.content.endsWith("}\n")).toBe(true);
  return JSON.parse(file.content) as JsonReport;
}

describe("jsonExporter", () => {
  it("summarises the snapshot: counts, averages, ranked services, provenance", async () => {
    const report = await renderJson();
    expect(report.summary).toEqual({
      generatedAt: "2026-03-01T09:05:07.000Z",
      scanId: 42,
      complete: true,
      source: "aws",
      snapshotStartedAt: "2026-03-01T08:00:00.000Z",
      snapshotFinishedAt: "2026-03-01T08:00:30.000Z",
      filters: "--include-regions *",
      scope: null,
      regions: 3,
      services: 5,
      pairs: 7,
      averageServicesPerRegion: 2.33,
      averageRegionsPerService: 1.4,
      mostAvailableServices: [
        { code: "ec2", name: "Amazon Elastic Compute Cloud (EC2)", regionCount: 3 },
        { code: "s3", name: "Amazon Simple Storage Service (S3)", regionCount: 2 },
        { code: "weird", name: WEIRD_NAME, regionCount: 1 },
        { code: "xss", name: "<script>alert(1)</script>", regionCount: 1 },
        { code: "lambda", name: "AWS Lambda", regionCount: 0 },
      ],
      leastAvailableServices: [
        { code: "lambda", name: "AWS Lambda", regionCount: 0 },
        { code: "weird", name: WEIRD_NAME, regionCount: 1 },
        { code: "xss", name: "<script>alert(1)</script>", regionCount: 1 },
        { code: "s3", name: "Amazon Simple Storage Service (S3)", regionCount: 2 },
        { code: "ec2", name: "Amazon Elastic Compute Cloud (EC2)", regionCount: 3 },
      ],
      failedPaths: 0,
    });
  });

  it("keys services and regions by code, in code order", async () => {
    const report = await renderJson();
    expect(Object.keys(report.services)).toEqual(["ec2", "lambda", "s3", "weird", "xss"]);
    expect(report.services.s3).toEqual({ name: "Amazon Simple Storage Service (S3)", regionCount: 2, coverage: 66.7, regions: ["eu-west-1", "us-east-1"] });
    expect(report.services.lambda?.regions).toEqual([]);
    expect(Object.keys(report.regions)).toEqual(["ap-test-1", "eu-west-1", "us-east-1"]);
    expect(report.regions["us-east-1"]).toEqual({
      name: "US East (N. Virginia)",
      partition: "aws",
      domain: "amazonaws.com",
      geolocationCountry: null,
      geolocationRegion: null,
      availabilityZones: ["use1-az1", "use1-az2"],
      localZones: [],
      launchDate: "2006-08-25",
      launchDateSource: "aws-rss",
      announcementUrl: LAUNCH_URL,
      serviceCount: 4,
      services: ["ec2", "s3", "weird", "xss"],
    });
    expect(report.regions["ap-test-1"]?.launchDate).toBeNull();
  });

  it("pairs equal the sum of region service counts and of service region counts", async () => {
    const report = await renderJson();
    const byRegion = Object.values(report.regions).reduce((n, r) => n + r.serviceCount, 0);
    const byService = Object.values(report.services).reduce((n, s) => n + s.regionCount, 0);
    expect(byRegion).toBe(report.summary.pairs);
    expect(byService).toBe(report.summary.pairs);
  });

  it("says honestly when the snapshot is partial and lists the failures", async () => {
    const failures = [{ path: "/aws/service/global-infrastructure/regions/eu-west-1/services", code: "THROTTLED", message: "throttled past retries" }];
    const report = await renderJson(fixtureInput({ snapshot: fixtureSnapshot({ complete: false, failures }), scanId: undefined }));
    expect(report.summary.complete).toBe(false);
    expect(report.summary.scanId).toBeNull();
    expect(report.summary.failedPaths).toBe(1);
    expect(report.failures).toEqual(failures);
  });

  it("reports the scope of a targeted snapshot", async () => {
    const scope = { services: ["ec2"], regionDetails: false };
    const report = await renderJson(fixtureInput({ snapshot: fixtureSnapshot({ scope }) }));
    expect(report.summary.scope).toEqual(scope);
  });

  it("keeps a code such as __proto__ as plain data", () => {
    const snapshot = fixtureSnapshot({ services: [{ code: "__proto__", name: "Odd" }], availability: { "us-east-1": ["__proto__"] } });
    const report = buildJsonReport({ snapshot, generatedAt: new Date(0) });
    expect(Object.keys(report.services)).toEqual(["__proto__"]);
    const parsed = JSON.parse(JSON.stringify(report)) as JsonReport;
    expect(Object.hasOwn(parsed.services, "__proto__")).toBe(true);
  });

  it("handles an empty snapshot without dividing by zero", () => {
    const report = buildJsonReport({ snapshot: fixtureSnapshot({ regions: [], services: [], availability: {} }), generatedAt: new Date(0) });
    expect(report.summary).toMatchObject({ regions: 0, services: 0, pairs: 0, averageServicesPerRegion: 0, averageRegionsPerService: 0 });
  });
});
