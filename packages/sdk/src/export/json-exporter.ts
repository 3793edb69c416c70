import type { SnapshotScope } from "../infrastructure/snapshot.js";
import type { Exporter, ReportFile, ReportInput } from "./exporter.js";
import { buildReportModel } from "./report-model.js";

/**
 * A service in the JSON report.
 *
 * @example
 * report.services.ec2?.regions; // ["af-south-1", ...]
 */
export interface JsonReportService {
  name: string;
  regionCount: number;
  /** Percent of the report's regions, one decimal. */
  coverage: number;
  regions: string[];
}

/**
 * A region in the JSON report.
 *
 * @example
 * report.regions["us-east-1"]?.launchDate; // "2006-08-25"
 */
export interface JsonReportRegion {
  name: string;
  partition: string;
  domain: string | null;
  geolocationCountry: string | null;
  geolocationRegion: string | null;
  availabilityZones: string[];
  localZones: string[];
  launchDate: string | null;
  launchDateSource: string | null;
  announcementUrl: string | null;
  serviceCount: number;
  services: string[];
}

/**
 * The document the JSON exporter writes.
 *
 * @example
 * const report = JSON.parse(text) as JsonReport;
 * report.summary.complete; // true
 */
export interface JsonReport {
  summary: {
    generatedAt: string;
    scanId: number | null;
    complete: boolean;
    source: "aws" | "offline";
    snapshotStartedAt: string;
    snapshotFinishedAt: string;
    filters: string | null;
    /** Null for a full scan; what a targeted scan covered otherwise. */
    scope: SnapshotScope | null;
    regions: number;
    services: number;
    pairs: number;
    /** Two decimals. */
    averageServicesPerRegion: number;
    /** Two decimals. */
    averageRegionsPerService: number;
    /** Ten services, most regions first, ties by code. */
    mostAvailableServices: { code: string; name: string; regionCount: number }[];
    /** Ten services, fewest regions first, ties by code. */
    leastAvailableServices: { code: string; name: string; regionCount: number }[];
    failedPaths: number;
  };
  /** Keyed by service code, in code order. */
  services: Record<string, JsonReportService>;
  /** Keyed by region code, in code order. */
  regions: Record<string, JsonReportRegion>;
  failures: { path: string; code: string; message: string }[];
}

/**
 * Build the JSON report document (what {@link jsonExporter} serialises).
 *
 * @example
 * const report = buildJsonReport({ snapshot, generatedAt: new Date() });
 * report.summary.pairs; // 9097
 */
export function buildJsonReport(input: ReportInput): JsonReport {
  const model = buildReportModel(input);
  const s = model.statistics;
  return {
    summary: {
      generatedAt: s.generatedAt,
      scanId: s.scanId,
      complete: s.complete,
      source: s.source,
      snapshotStartedAt: s.snapshotStartedAt,
      snapshotFinishedAt: s.snapshotFinishedAt,
      filters: s.filters,
      scope: s.scope,
      regions: s.regions,
      services: s.services,
      pairs: s.pairs,
      averageServicesPerRegion: s.averageServicesPerRegionHundredths / 100,
      averageRegionsPerService: s.averageRegionsPerServiceHundredths / 100,
      mostAvailableServices: s.mostAvailableServices,
      leastAvailableServices: s.leastAvailableServices,
      failedPaths: s.failures.length,
    },
    // fromEntries defines own properties, so a code such as "__proto__" stays data.
    services: Object.fromEntries(
      model.services.map((service) => [
        service.code,
        { name: service.name, regionCount: service.regions.length, coverage: service.coverageTenths / 10, regions: service.regions },
      ]),
    ),
    regions: Object.fromEntries(
      model.regions.map(({ info, launch, services }) => [
        info.code,
        {
          name: info.name,
          partition: info.partition,
          domain: info.domain,
          geolocationCountry: info.geolocationCountry,
          geolocationRegion: info.geolocationRegion,
          availabilityZones: info.availabilityZones,
          localZones: info.localZones,
          launchDate: launch?.date ?? null,
          launchDateSource: launch?.source ?? null,
          announcementUrl: launch?.url ?? null,
          serviceCount: services.length,
          services,
        },
      ]),
    ),
    failures: s.failures,
  };
}

/**
 * JSON: one `report.json` with summary statistics, `services` keyed by code and `regions` keyed by
 * code (see {@link JsonReport}), two-space indented, newline-terminated.
 *
 * @example
 * const [file] = await jsonExporter.render({ snapshot, generatedAt: new Date(), scanId: 7 });
 */
export const jsonExporter: Exporter = Object.freeze({
  format: "json",
  extension: "json",
  render: (input: ReportInput): ReportFile[] => [{ name: "report.json", content: `${JSON.stringify(buildJsonReport(input), null, 2)}\n` }],
});
