import type { RegionInfo, ScanFailure, SnapshotScope } from "../infrastructure/snapshot.js";
import type { ReportInput, ReportLaunchDate } from "./exporter.js";

/** One region as every format shows it. */
export interface ReportRegion {
  info: RegionInfo;
  launch: ReportLaunchDate | null;
  /** Sorted, unique service codes offered in the region. */
  services: string[];
}

/** One service as every format shows it. */
export interface ReportService {
  code: string;
  name: string;
  /** Sorted region codes where the service is offered. */
  regions: string[];
  /** Coverage in tenths of a percent (875 = 87.5 %), rounded half up. */
  coverageTenths: number;
}

/** A service and how many regions offer it. */
export interface ServiceCount {
  code: string;
  name: string;
  regionCount: number;
}

/** The statistics every format shows. */
export interface ReportStatistics {
  generatedAt: string;
  scanId: number | null;
  complete: boolean;
  source: "aws" | "offline";
  snapshotStartedAt: string;
  snapshotFinishedAt: string;
  filters: string | null;
  /** Set when the snapshot covers only part of the matrix (a targeted scan). */
  scope: SnapshotScope | null;
  regions: number;
  services: number;
  pairs: number;
  /** pairs / regions in hundredths (rounded half up). */
  averageServicesPerRegionHundredths: number;
  /** pairs / services in hundredths (rounded half up). */
  averageRegionsPerServiceHundredths: number;
  mostAvailableServices: ServiceCount[];
  leastAvailableServices: ServiceCount[];
  failures: ScanFailure[];
}

/** The normalised view of a {@link ReportInput} that every built-in exporter renders. */
export interface ReportModel {
  regions: ReportRegion[];
  services: ReportService[];
  serviceNames: ReadonlyMap<string, string>;
  statistics: ReportStatistics;
}

/** How many services the most/least available lists hold. */
export const RANKED_SERVICES = 10;

/** Code-unit order: deterministic whatever the locale. */
export function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Normalise a report input: regions and services sorted by code, availability deduplicated, and
 * every region or service that appears only in the availability map added with its code as name,
 * so that all files of a report agree with each other.
 */
export function buildReportModel(input: ReportInput): ReportModel {
  const { snapshot } = input;
  const regionInfo = new Map<string, RegionInfo>();
  for (const region of snapshot.regions) regionInfo.set(region.code, region);
  const availability = new Map<string, Set<string>>();
  for (const [region, services] of Object.entries(snapshot.availability)) {
    availability.set(region, new Set(services));
    if (!regionInfo.has(region)) regionInfo.set(region, placeholderRegion(region));
  }

  const serviceNames = new Map<string, string>();
  for (const service of snapshot.services) serviceNames.set(service.code, service.name);
  for (const services of availability.values()) {
    for (const code of services) if (!serviceNames.has(code)) serviceNames.set(code, code);
  }

  const regionCodes = [...regionInfo.keys()].sort(compareCodes);
  const serviceRegions = new Map<string, string[]>();
  for (const code of serviceNames.keys()) serviceRegions.set(code, []);

  const regions: ReportRegion[] = regionCodes.map((code) => {
    const services = [...(availability.get(code) ?? [])].sort(compareCodes);
    for (const service of services) serviceRegions.get(service)?.push(code);
    const launch = input.launchDates && Object.hasOwn(input.launchDates, code) ? (input.launchDates[code] ?? null) : null;
    return { info: regionInfo.get(code) ?? placeholderRegion(code), launch, services };
  });

  const regionTotal = regions.length;
  const services: ReportService[] = [...serviceNames.keys()].sort(compareCodes).map((code) => {
    const covered = serviceRegions.get(code) ?? [];
    return {
      code,
      name: serviceNames.get(code) ?? code,
      regions: covered,
      coverageTenths: regionTotal === 0 ? 0 : Math.round((covered.length * 1000) / regionTotal),
    };
  });

  const pairs = regions.reduce((sum, region) => sum + region.services.length, 0);
  const counts: ServiceCount[] = services.map((s) => ({ code: s.code, name: s.name, regionCount: s.regions.length }));
  const most = [...counts].sort((a, b) => b.regionCount - a.regionCount || compareCodes(a.code, b.code));
  const least = [...counts].sort((a, b) => a.regionCount - b.regionCount || compareCodes(a.code, b.code));

  return {
    regions,
    services,
    serviceNames,
    statistics: {
      generatedAt: input.generatedAt.toISOString(),
      scanId: input.scanId ?? null,
      complete: snapshot.complete,
      source: snapshot.source,
      snapshotStartedAt: snapshot.startedAt.toISOString(),
      snapshotFinishedAt: snapshot.finishedAt.toISOString(),
      filters: input.filtersDescription ?? null,
      scope: snapshot.scope ?? null,
      regions: regionTotal,
      services: services.length,
      pairs,
      averageServicesPerRegionHundredths: regionTotal === 0 ? 0 : Math.round((pairs * 100) / regionTotal),
      averageRegionsPerServiceHundredths: services.length === 0 ? 0 : Math.round((pairs * 100) / services.length),
      mostAvailableServices: most.slice(0, RANKED_SERVICES),
      leastAvailableServices: least.slice(0, RANKED_SERVICES),
      failures: snapshot.failures.map((f) => ({ path: f.path, code: f.code, message: f.message })),
    },
  };
}

function placeholderRegion(code: string): RegionInfo {
  return {
    code,
    name: code,
    partition: "",
    domain: null,
    geolocationCountry: null,
    geolocationRegion: null,
    availabilityZones: [],
    localZones: [],
  };
}

/** `875` -> `"87.5"`: a non-negative integer count of tenths with exactly one decimal. */
export function formatTenths(tenths: number): string {
  return `${Math.trunc(tenths / 10)}.${tenths % 10}`;
}

/** `23326` -> `"233.3"`: hundredths shown with one decimal, rounded half up. */
export function formatHundredthsAsTenths(hundredths: number): string {
  return formatTenths(Math.round(hundredths / 10));
}

/** `"us-east-1 (39 regions)"`-style list of ranked services. */
export function describeServiceCounts(counts: readonly ServiceCount[]): string {
  return counts.map((c) => `${c.code} (${c.regionCount} ${c.regionCount === 1 ? "region" : "regions"})`).join(", ");
}

/** The rows of a key/value statistics table, shared by XLSX, Markdown and HTML. */
export function statisticsRows(stats: ReportStatistics): [string, string][] {
  return [
    ["Generated At", stats.generatedAt],
    ["Scan ID", stats.scanId === null ? "" : String(stats.scanId)],
    ["Snapshot Source", stats.source],
    ["Snapshot Started At", stats.snapshotStartedAt],
    ["Snapshot Finished At", stats.snapshotFinishedAt],
    ["Complete", stats.complete ? "Yes" : "No"],
    ["Failed Paths", String(stats.failures.length)],
    ["Filters", stats.filters ?? "none"],
    ["Scope", describeScope(stats.scope)],
    ["Total Regions", String(stats.regions)],
    ["Total Services", String(stats.services)],
    ["Region/Service Pairs", String(stats.pairs)],
    ["Average Services per Region", formatHundredthsAsTenths(stats.averageServicesPerRegionHundredths)],
    ["Average Regions per Service", formatHundredthsAsTenths(stats.averageRegionsPerServiceHundredths)],
    ["Most Available Services", describeServiceCounts(stats.mostAvailableServices)],
    ["Least Available Services", describeServiceCounts(stats.leastAvailableServices)],
  ];
}

/** `"full matrix"`, or what a targeted scan covered. */
export function describeScope(scope: SnapshotScope | null): string {
  if (!scope) return "full matrix";
  const parts: string[] = [];
  if (scope.services) parts.push(`services ${scope.services.join(", ")}`);
  if (scope.regions) parts.push(`regions ${scope.regions.join(", ")}`);
  if (!scope.regionDetails) parts.push("no region details");
  return parts.length === 0 ? "full matrix" : `partial: ${parts.join("; ")}`;
}

/** Header and rows shared by regions_services.csv and the "Regional Services" sheet. */
export const REGIONAL_SERVICES_HEADER = ["Region Code", "Region Name", "Service Code", "Service Name"] as const;
/** Header shared by region_summary.csv and the "Region Summary" sheet. */
export const REGION_SUMMARY_HEADER = [
  "Region Code",
  "Region Name",
  "Launch Date",
  "Launch Date Source",
  "Announcement URL",
  "Availability Zones",
  "Service Count",
] as const;
/** Header shared by service_summary.csv and the "Service Summary" sheet. */
export const SERVICE_SUMMARY_HEADER = ["Service Code", "Service Name", "Region Count", "Coverage %"] as const;

/** regions_services rows: one per (region, service) pair, sorted by region code then service code. */
export function regionalServiceRows(model: ReportModel): string[][] {
  const rows: string[][] = [];
  for (const region of model.regions) {
    for (const service of region.services) {
      rows.push([region.info.code, region.info.name, service, model.serviceNames.get(service) ?? service]);
    }
  }
  return rows;
}

/** Matrix header: `Service` then one column per region code. */
export function matrixHeader(model: ReportModel): string[] {
  return ["Service", ...model.regions.map((r) => r.info.code)];
}

/** Matrix rows: service code then `true` where the region offers it. */
export function matrixRows(model: ReportModel): { code: string; cells: boolean[] }[] {
  const sets = model.regions.map((r) => new Set(r.services));
  return model.services.map((service) => ({ code: service.code, cells: sets.map((set) => set.has(service.code)) }));
}

/** region_summary rows: launch-date columns empty when unknown; AZs as a count. */
export function regionSummaryRows(model: ReportModel): (string | number)[][] {
  return model.regions.map((region) => [
    region.info.code,
    region.info.name,
    region.launch?.date ?? "",
    region.launch?.source ?? "",
    region.launch?.url ?? "",
    region.info.availabilityZones.length,
    region.services.length,
  ]);
}

/** service_summary rows; coverage in tenths of a percent. */
export function serviceSummaryRows(model: ReportModel): [string, string, number, number][] {
  return model.services.map((s) => [s.code, s.name, s.regions.length, s.coverageTenths]);
}
