import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Snapshot } from "../infrastructure/snapshot.js";
import { CSV_FILE_NAMES, csvExporter } from "./csv-exporter.js";
import type { ReportFile } from "./exporter.js";
import { fixtureInput, parseCsv, SCRIPT_NAME, WEIRD_NAME } from "./test-fixture.js";

function file(files: ReportFile[], name: string): string {
  const found = files.find((f) => f.name === name);
  if (!found || typeof found.content !== "string") throw new Error(`no text file ${name}`);
  return found.content;
}

describe("csvExporter", () => {
  it("renders the four files with their fixed names", async () => {
    const files = await csvExporter.render(fixtureInput());
    expect(files.map((f) => f.name)).toEqual([
      "regions_services.csv",
      "services_regions_matrix.csv",
      "region_summary.csv",
      "service_summary.csv",
    ]);
  });

  it("regions_services.csv: exact header, one row per pair sorted by region then service, RFC 4180 quoting", async () => {
    const text = file(await csvExporter.render(fixtureInput()), CSV_FILE_NAMES.regionsServices);
    expect(text.split("\r\n")[0]).toBe("Region Code,Region Name,Service Code,Service Name");
    expect(text).toBe(
      [
        "Region Code,Region Name,Service Code,Service Name",
        'ap-test-1,"Asia Pacific (Test, ""Q"")",ec2,Amazon Elastic Compute Cloud (EC2)',
        "eu-west-1,Europe (Ireland),ec2,Amazon Elastic Compute Cloud (EC2)",
        "eu-west-1,Europe (Ireland),s3,Amazon Simple Storage Service (S3)",
        "us-east-1,US East (N. Virginia),ec2,Amazon Elastic Compute Cloud (EC2)",
        "us-east-1,US East (N. Virginia),s3,Amazon Simple Storage Service (S3)",
        'us-east-1,US East (N. Virginia),weird,"Weird, ""Quoted""\nService"',
        `us-east-1,US East (N. Virginia),xss,${SCRIPT_NAME}`,
        "",
      ].join("\r\n"),
    );
    const rows = parseCsv(text);
    expect(rows[6]).toEqual(["us-east-1", "US East (N. Virginia)", "weird", WEIRD_NAME]);
  });

  it("services_regions_matrix.csv: Service + one 1/0 column per region code, matching availability", async () => {
    const input = fixtureInput();
    const rows = parseCsv(file(await csvExporter.render(input), CSV_FILE_NAMES.matrix));
    expect(rows[0]).toEqual(["Service", "ap-test-1", "eu-west-1", "us-east-1"]);
    expect(rows.slice(1)).toEqual([
      ["ec2", "1", "1", "1"],
      ["lambda", "0", "0", "0"],
      ["s3", "0", "1", "1"],
      ["weird", "0", "0", "1"],
      ["xss", "0", "0", "1"],
    ]);
    const header = rows[0] ?? [];
    for (const row of rows.slice(1)) {
      row.slice(1).forEach((cell, i) => {
        const region = header[i + 1] ?? "";
        expect(cell).toBe(input.snapshot.availability[region]?.includes(row[0] ?? "") ? "1" : "0");
      });
    }
  });

  it("region_summary.csv: launch dates, sources, URLs (empty when unknown), AZ count and service count", async () => {
    const rows = parseCsv(file(await csvExporter.render(fixtureInput()), CSV_FILE_NAMES.regionSummary));
    expect(rows).toEqual([
      ["Region Code", "Region Name", "Launch Date", "Launch Date Source", "Announcement URL", "Availability Zones", "Service Count"],
      ["ap-test-1", 'Asia Pacific (Test, "Q")', "", "", "", "1", "1"],
      ["eu-west-1", "Europe (Ireland)", "2007-12-10", "bundled", "", "3", "2"],
      [
        "us-east-1",
        "US East (N. Virginia)",
        "2006-08-25",
        "aws-rss",
        "https://aws.amazon.com/about-aws/whats-new/2006/08/24/announcing-amazon-elastic-compute-cloud-amazon-ec2---beta/",
        "2",
        "4",
      ],
    ]);
  });

  it("service_summary.csv: region count and coverage with one decimal", async () => {
    const rows = parseCsv(file(await csvExporter.render(fixtureInput()), CSV_FILE_NAMES.serviceSummary));
    expect(rows).toEqual([
      ["Service Code", "Service Name", "Region Count", "Coverage %"],
      ["ec2", "Amazon Elastic Compute Cloud (EC2)", "3", "100.0"],
      ["lambda", "AWS Lambda", "0", "0.0"],
      ["s3", "Amazon Simple Storage Service (S3)", "2", "66.7"],
      ["weird", WEIRD_NAME, "1", "33.3"],
      ["xss", SCRIPT_NAME, "1", "33.3"],
    ]);
  });

  it("rounds coverage half up (1 of 8 regions = 12.5 %, 1 of 16 = 6.3 %)", async () => {
    for (const [regionCount, expected] of [
      [8, "12.5"],
      [16, "6.3"],
    ] as const) {
      const codes = Array.from({ length: regionCount }, (_, i) => `r-${String(i).padStart(2, "0")}`);
      const snapshot = fixtureInput().snapshot;
      const input = fixtureInput({
        snapshot: {
          ...snapshot,
          regions: [],
          services: [{ code: "x", name: "X" }],
          availability: Object.fromEntries(codes.map((c, i) => [c, i === 0 ? ["x"] : []])),
        },
      });
      const rows = parseCsv(file(await csvExporter.render(input), CSV_FILE_NAMES.serviceSummary));
      expect(rows[1]).toEqual(["x", "X", "1", expected]);
    }
  });

  it("keeps regions and services that appear only in the availability map (name = code)", async () => {
    const base = fixtureInput().snapshot;
    const input = fixtureInput({ snapshot: { ...base, availability: { ...base.availability, "zz-new-1": ["ec2", "newsvc"] } } });
    const rows = parseCsv(file(await csvExporter.render(input), CSV_FILE_NAMES.regionsServices));
    expect(rows.slice(-2)).toEqual([
      ["zz-new-1", "zz-new-1", "ec2", "Amazon Elastic Compute Cloud (EC2)"],
      ["zz-new-1", "zz-new-1", "newsvc", "newsvc"],
    ]);
  });
});

// Codes and names drawn from a small alphabet rich in CSV metacharacters, plus arbitrary strings.
const text = fc.oneof(
  fc.string({ unit: fc.constantFrom("a", "b", "-", ",", '"', "\n", "\r", " ", "é", "𝔸"), minLength: 1, maxLength: 6 }),
  fc.string({ minLength: 1, maxLength: 8 }),
);

const snapshotArbitrary: fc.Arbitrary<Snapshot> = fc
  .record({
    regions: fc.uniqueArray(fc.record({ code: text, name: fc.string() }), { selector: (r) => r.code, maxLength: 6 }),
    services: fc.uniqueArray(fc.record({ code: text, name: fc.string() }), { selector: (s) => s.code, maxLength: 8 }),
  })
  .chain(({ regions, services }) =>
    fc
      .tuple(...regions.map(() => fc.subarray(services.map((s) => s.code))))
      .map((lists): Snapshot => ({
        startedAt: new Date(0),
        finishedAt: new Date(0),
        complete: true,
        source: "aws",
        regions: regions.map((r) => ({
          code: r.code,
          name: r.name,
          partition: "aws",
          domain: null,
          geolocationCountry: null,
          geolocationRegion: null,
          availabilityZones: [],
          localZones: [],
        })),
        services,
        availability: Object.fromEntries(regions.map((r, i) => [r.code, lists[i] ?? []])),
        stats: { apiCalls: 0, throttled: 0, retries: 0, failures: 0 },
        failures: [],
      })),
  );

describe("csvExporter properties", () => {
  it("regions_services.csv has exactly one row per pair and parses back to the same pairs and names", async () => {
    await fc.assert(
      fc.asyncProperty(snapshotArbitrary, async (snapshot) => {
        const files = await csvExporter.render({ snapshot, generatedAt: new Date(0) });
        const rows = parseCsv(file(files, CSV_FILE_NAMES.regionsServices));
        expect(rows[0]).toEqual(["Region Code", "Region Name", "Service Code", "Service Name"]);
        const body = rows.slice(1);
        const regionNames = new Map(snapshot.regions.map((r) => [r.code, r.name]));
        const serviceNames = new Map(snapshot.services.map((s) => [s.code, s.name]));
        const expected = Object.entries(snapshot.availability)
          .flatMap(([region, services]) => services.map((service) => [region, regionNames.get(region), service, serviceNames.get(service)]))
          .map((row) => JSON.stringify(row))
          .sort();
        expect(body).toHaveLength(expected.length);
        expect(body.map((row) => JSON.stringify(row)).sort()).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  it("the matrix has one 1 per pair and agrees with availability cell by cell", async () => {
    await fc.assert(
      fc.asyncProperty(snapshotArbitrary, async (snapshot) => {
        const rows = parseCsv(file(await csvExporter.render({ snapshot, generatedAt: new Date(0) }), CSV_FILE_NAMES.matrix));
        const header = rows[0] ?? [];
        expect(header.slice(1).sort()).toEqual(snapshot.regions.map((r) => r.code).sort());
        for (const row of rows.slice(1)) {
          row.slice(1).forEach((cell, i) => {
            expect(cell).toBe(snapshot.availability[header[i + 1] ?? ""]?.includes(row[0] ?? "") ? "1" : "0");
          });
        }
        const ones = rows.slice(1).reduce((n, row) => n + row.filter((c, i) => i > 0 && c === "1").length, 0);
        expect(ones).toBe(Object.values(snapshot.availability).reduce((n, list) => n + list.length, 0));
      }),
      { numRuns: 100 },
    );
  });
});
