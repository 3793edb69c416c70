import { AtlasError } from "../errors.js";
import { REGION_METADATA_FIELDS, ssmPaths } from "./paths.js";
import type { Snapshot } from "./snapshot.js";

/** How a scan walks the parameter tree. */
export type ScanStrategy = "by-region" | "by-service";

/** Options for {@link planScan}. */
export interface PlanScanOptions {
  /** Exact service codes; omit for every service. */
  services?: readonly string[];
  /** Exact region codes; omit for every region (the region list is fetched). */
  regions?: readonly string[];
  /**
   * Fetch region metadata, AZ ids and local zones. Default: true, except for a service-by-service scan
   * (a targeted `where` needs only which regions offer the service).
   */
  regionDetails?: boolean;
  /** Force a strategy; "auto" (default) picks the cheaper one. */
  strategy?: "auto" | ScanStrategy;
  /** A previous snapshot: makes the call estimate (and the strategy choice) exact for unchanged data. */
  previous?: Snapshot;
}

/** What a scan will fetch, decided before any call. */
export interface ScanPlan {
  strategy: ScanStrategy;
  /** Service codes asked for, or null for all. */
  services: string[] | null;
  /** Region codes asked for, or null for all. */
  regions: string[] | null;
  /** Whether the region list is fetched (needed unless regions are given). */
  listRegions: boolean;
  regionDetails: boolean;
  /** Expected calls with full pages and no retries: the page minimum of the expected data. */
  estimatedCalls: number;
  /** The calls in words, for `--dry-run` and logs. */
  steps: string[];
}

/**
 * SSM's page size for GetParametersByPath and batch size for GetParameters.
 *
 * @example
 * ssm.getParametersByPath({ path, maxResults: SSM_PAGE_SIZE });
 */
export const SSM_PAGE_SIZE = 10;

/**
 * Pages needed to list `items` parameters at 10 per page; an empty listing still costs one call.
 *
 * @example
 * pagesFor(0); // 1
 * pagesFor(21); // 3
 */
export function pagesFor(items: number): number {
  return Math.max(1, Math.ceil(items / SSM_PAGE_SIZE));
}

/**
 * GetParameters batches needed for `names` names (0 for none).
 *
 * @example
 * batchesFor(21); // 3
 */
export function batchesFor(names: number): number {
  return Math.ceil(names / SSM_PAGE_SIZE);
}

// Typical shape of AWS's data (39 regions, ~233 services per region, 3 regions lists per service page set),
// used only when no previous snapshot tells the real numbers.
const TYPICAL = { regions: 39, servicePagesPerRegion: 24, services: 400, regionPagesPerService: 3, zonePagesPerRegion: 2 };

function estimate(
  strategy: ScanStrategy,
  services: readonly string[] | null,
  regions: readonly string[] | null,
  regionDetails: boolean,
  previous: Snapshot | undefined,
): number {
  const listCost = regions === null ? pagesFor(previous?.regions.length ?? TYPICAL.regions) : 0;
  const regionCodes = regions ?? previous?.regions.map((r) => r.code) ?? null;
  const regionCount = regionCodes?.length ?? TYPICAL.regions;
  const previousRegion = new Map(previous?.regions.map((r) => [r.code, r]));
  let detailsCost = 0;
  let metadataNames = 0;
  if (regionDetails) {
    metadataNames = regionCount * REGION_METADATA_FIELDS.length;
    detailsCost =
      regionCodes !== null && previous
        ? regionCodes.reduce((sum, code) => {
            const r = previousRegion.get(code);
            return sum + (r ? pagesFor(r.availabilityZones.length) + pagesFor(r.localZones.length) : TYPICAL.zonePagesPerRegion);
          }, 0)
        : regionCount * TYPICAL.zonePagesPerRegion;
  }
  if (strategy === "by-region") {
    const servicePages =
      regionCodes !== null && previous
        ? regionCodes.reduce((sum, code) => {
            const offered = previous.availability[code];
            return sum + (offered ? pagesFor(offered.length) : TYPICAL.servicePagesPerRegion);
          }, 0)
        : regionCount * TYPICAL.servicePagesPerRegion;
    let serviceCount = services?.length ?? TYPICAL.services;
    if (!services && previous) {
      const seen = new Set<string>();
      for (const code of regionCodes ?? []) for (const s of previous.availability[code] ?? []) seen.add(s);
      serviceCount = seen.size;
    }
    return listCost + servicePages + detailsCost + batchesFor(metadataNames + serviceCount);
  }
  const wanted = services ?? [];
  const regionCountOf = new Map<string, number>();
  if (previous) {
    for (const offered of Object.values(previous.availability)) {
      for (const code of offered) regionCountOf.set(code, (regionCountOf.get(code) ?? 0) + 1);
    }
  }
  const regionPages = wanted.reduce((sum, code) => {
    const n = regionCountOf.get(code);
    return sum + (n === undefined ? TYPICAL.regionPagesPerService : pagesFor(n));
  }, 0);
  return listCost + regionPages + detailsCost + batchesFor(metadataNames + wanted.length);
}

function uniqueCodes(list: readonly string[] | undefined, what: string): string[] | null {
  if (list === undefined) return null;
  const codes = [...new Set(list.map((c) => c.trim()).filter((c) => c.length > 0))];
  for (const code of codes) {
    if (/[*?[\]/\s]/.test(code)) {
      throw new AtlasError("INVALID_ARGUMENT", `"${code}" is not an exact ${what} code`, {
        hint: `Plan a scan with exact ${what} codes; apply glob filters to the snapshot afterwards`,
      });
    }
  }
  return codes.length > 0 ? codes : null;
}

/**
 * Decide the cheapest set of SSM calls for what is asked:
 * - every service ("by-region"): the region list, each region's `services` pages, and long names in
 *   GetParameters batches of 10; with region details, the region metadata in the same batches plus each
 *   region's `availability-zones` and `local-zones` pages. No per-service calls.
 * - a few services ("by-service"): each service's `regions` pages and its long name, plus the region list
 *   (to know where it is *not* offered), so a targeted question costs a handful of calls.
 *
 * @example
 * planScan({ services: ["bedrock"] }).strategy; // "by-service"
 * planScan({}).estimatedCalls; // about 1,070 on AWS's current data
 */
export function planScan(options: PlanScanOptions = {}): ScanPlan {
  const services = uniqueCodes(options.services, "service");
  const regions = uniqueCodes(options.regions, "region");
  const requested = options.strategy ?? "auto";
  const detailsFor = (strategy: ScanStrategy): boolean => options.regionDetails ?? strategy === "by-region";

  let strategy: ScanStrategy;
  if (requested !== "auto") strategy = requested;
  else if (services === null) strategy = "by-region";
  else {
    const byService = estimate("by-service", services, regions, detailsFor("by-service"), options.previous);
    const byRegion = estimate("by-region", services, regions, detailsFor("by-region"), options.previous);
    strategy = byService <= byRegion ? "by-service" : "by-region";
  }
  if (strategy === "by-service" && services === null) {
    throw new AtlasError("INVALID_ARGUMENT", "A service-by-service scan needs the service codes to scan", {
      hint: "Pass services, or use the by-region strategy for every service",
    });
  }
  const regionDetails = detailsFor(strategy);
  const listRegions = regions === null;

  const steps: string[] = [];
  if (listRegions) steps.push(`GetParametersByPath ${ssmPaths.regions()} (pages of ${SSM_PAGE_SIZE})`);
  if (strategy === "by-region") {
    steps.push(`GetParametersByPath ${ssmPaths.regionServices("{region}")} for ${regions ? `${regions.length} region(s)` : "each region"}`);
  } else {
    steps.push(`GetParametersByPath ${ssmPaths.serviceRegions("{service}")} for ${services?.length ?? 0} service(s)`);
  }
  if (regionDetails) {
    steps.push(`GetParametersByPath ${ssmPaths.availabilityZones("{region}")} and ${ssmPaths.localZones("{region}")} per region`);
  }
  steps.push(
    `GetParameters in batches of ${SSM_PAGE_SIZE}: service long names${regionDetails ? ` and region ${REGION_METADATA_FIELDS.join("/")}` : ""}`,
  );

  return {
    strategy,
    services,
    regions,
    listRegions,
    regionDetails,
    estimatedCalls: estimate(strategy, services, regions, regionDetails, options.previous),
    steps,
  };
}
