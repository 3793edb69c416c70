import { compileGlobs } from "./glob.js";
import type { Snapshot } from "./snapshot.js";

/** Filters over a snapshot (CONTRACTS.md "Filters"). Empty or missing lists do not filter. */
export interface SnapshotFilters {
  /** Keep services whose code or long name matches one of these globs. */
  includeServices?: readonly string[];
  /** Then drop services whose code or long name matches one of these globs. */
  excludeServices?: readonly string[];
  /** Keep regions whose code or long name matches one of these globs. */
  includeRegions?: readonly string[];
  /** Then drop regions whose code or long name matches one of these globs. */
  excludeRegions?: readonly string[];
  /** Finally drop regions offering fewer than this many of the remaining services. */
  minServices?: number;
}

/**
 * Apply filters to a snapshot and return a new one: include, then exclude, then min-services. Globs (`*`,
 * `?`, `[abc]`) are case-insensitive; services match on code or long name, regions on code or long name.
 * Availability keeps only the remaining regions and services. `minServices` counts the services left after
 * the service filters, so `--include-services a,b,c --min-services 3` finds the regions that offer all three.
 *
 * @example
 * const eu = applyFilters(snapshot, { includeRegions: ["eu-*"], includeServices: ["bedrock*"], minServices: 1 });
 */
export function applyFilters(snapshot: Snapshot, filters: SnapshotFilters): Snapshot {
  const includeServices = filters.includeServices?.length ? compileGlobs(filters.includeServices) : undefined;
  const excludeServices = filters.excludeServices?.length ? compileGlobs(filters.excludeServices) : undefined;
  const includeRegions = filters.includeRegions?.length ? compileGlobs(filters.includeRegions) : undefined;
  const excludeRegions = filters.excludeRegions?.length ? compileGlobs(filters.excludeRegions) : undefined;

  const services = snapshot.services.filter(
    (s) => (includeServices ? includeServices(s.code, s.name) : true) && !(excludeServices?.(s.code, s.name) ?? false),
  );
  const keptServices = new Set(services.map((s) => s.code));
  const serviceFilter = includeServices !== undefined || excludeServices !== undefined;

  const availability: Record<string, string[]> = {};
  const minServices = filters.minServices ?? 0;
  const regions = snapshot.regions.filter((r) => {
    if (includeRegions && !includeRegions(r.code, r.name)) return false;
    if (excludeRegions?.(r.code, r.name)) return false;
    const offered = snapshot.availability[r.code] ?? [];
    const kept = serviceFilter ? offered.filter((code) => keptServices.has(code)) : [...offered];
    if (kept.length < minServices) return false;
    availability[r.code] = kept;
    return true;
  });

  return { ...snapshot, regions, services, availability };
}
