import { compareCodes } from "./paths.js";
import type { RegionInfo, ServiceInfo, Snapshot } from "./snapshot.js";

/** One region/service pair. */
export interface RegionService {
  region: string;
  service: string;
}

/** What changed from one snapshot to another. */
export interface SnapshotDiff {
  /** Pairs offered in the second snapshot and not in the first, sorted by region then service. */
  added: RegionService[];
  /** Pairs offered in the first snapshot and not in the second. */
  removed: RegionService[];
  regionsAdded: RegionInfo[];
  regionsRemoved: string[];
  /** Regions in both whose metadata changed (their new metadata). */
  regionsChanged: RegionInfo[];
  servicesAdded: ServiceInfo[];
  servicesRemoved: string[];
  /** Services in both whose long name changed (their new info). */
  servicesChanged: ServiceInfo[];
}

const byPair = (a: RegionService, b: RegionService): number => compareCodes(a.region, b.region) || compareCodes(a.service, b.service);
const byCode = (a: { code: string }, b: { code: string }): number => compareCodes(a.code, b.code);

function pairKeys(snapshot: Snapshot): Set<string> {
  const keys = new Set<string>();
  for (const [region, services] of Object.entries(snapshot.availability)) for (const service of services) keys.add(`${region}\u0000${service}`);
  return keys;
}

function toPair(key: string): RegionService {
  const [region = "", service = ""] = key.split("\u0000");
  return { region, service };
}

function sameRegion(a: RegionInfo, b: RegionInfo): boolean {
  return (
    a.name === b.name &&
    a.partition === b.partition &&
    a.domain === b.domain &&
    a.geolocationCountry === b.geolocationCountry &&
    a.geolocationRegion === b.geolocationRegion &&
    a.availabilityZones.join(",") === b.availabilityZones.join(",") &&
    a.localZones.join(",") === b.localZones.join(",")
  );
}

/**
 * Compare two snapshots: region/service pairs added and removed, and regions and services that appeared,
 * disappeared or changed. `applyDiff(a, diffSnapshots(a, b))` rebuilds b's regions, services and availability.
 *
 * @example
 * const { added, removed } = diffSnapshots(previous, latest);
 */
export function diffSnapshots(a: Snapshot, b: Snapshot): SnapshotDiff {
  const before = pairKeys(a);
  const after = pairKeys(b);
  const added = [...after].filter((k) => !before.has(k)).map(toPair).sort(byPair);
  const removed = [...before].filter((k) => !after.has(k)).map(toPair).sort(byPair);

  const regionsA = new Map(a.regions.map((r) => [r.code, r]));
  const regionsB = new Map(b.regions.map((r) => [r.code, r]));
  const servicesA = new Map(a.services.map((s) => [s.code, s]));
  const servicesB = new Map(b.services.map((s) => [s.code, s]));

  return {
    added,
    removed,
    regionsAdded: b.regions.filter((r) => !regionsA.has(r.code)).map(cloneRegion).sort(byCode),
    regionsRemoved: a.regions.filter((r) => !regionsB.has(r.code)).map((r) => r.code).sort(compareCodes),
    regionsChanged: b.regions
      .filter((r) => {
        const old = regionsA.get(r.code);
        return old !== undefined && !sameRegion(old, r);
      })
      .map(cloneRegion)
      .sort(byCode),
    servicesAdded: b.services.filter((s) => !servicesA.has(s.code)).map((s) => ({ ...s })).sort(byCode),
    servicesRemoved: a.services.filter((s) => !servicesB.has(s.code)).map((s) => s.code).sort(compareCodes),
    servicesChanged: b.services
      .filter((s) => {
        const old = servicesA.get(s.code);
        return old !== undefined && old.name !== s.name;
      })
      .map((s) => ({ ...s }))
      .sort(byCode),
  };
}

function cloneRegion(r: RegionInfo): RegionInfo {
  return { ...r, availabilityZones: [...r.availabilityZones], localZones: [...r.localZones] };
}

/**
 * Apply a diff to a snapshot and return the result (the input is not changed). Everything but regions,
 * services and availability (dates, stats, failures) is kept from `snapshot`.
 *
 * @example
 * const rebuilt = applyDiff(previous, diffSnapshots(previous, latest)); // same content as latest
 */
export function applyDiff(snapshot: Snapshot, diff: SnapshotDiff): Snapshot {
  const regions = new Map(snapshot.regions.map((r) => [r.code, cloneRegion(r)]));
  for (const code of diff.regionsRemoved) regions.delete(code);
  for (const r of [...diff.regionsAdded, ...diff.regionsChanged]) regions.set(r.code, cloneRegion(r));

  const services = new Map(snapshot.services.map((s) => [s.code, { ...s }]));
  for (const code of diff.servicesRemoved) services.delete(code);
  for (const s of [...diff.servicesAdded, ...diff.servicesChanged]) services.set(s.code, { ...s });

  const pairs = new Map<string, Set<string>>();
  for (const [region, list] of Object.entries(snapshot.availability)) pairs.set(region, new Set(list));
  for (const code of diff.regionsRemoved) pairs.delete(code);
  for (const { region, service } of diff.removed) pairs.get(region)?.delete(service);
  for (const r of diff.regionsAdded) if (!pairs.has(r.code)) pairs.set(r.code, new Set());
  for (const { region, service } of diff.added) {
    let set = pairs.get(region);
    if (!set) pairs.set(region, (set = new Set()));
    set.add(service);
  }

  const availability: Record<string, string[]> = {};
  for (const region of [...pairs.keys()].sort(compareCodes)) availability[region] = [...(pairs.get(region) ?? [])].sort(compareCodes);
  return {
    ...snapshot,
    regions: [...regions.values()].sort(byCode),
    services: [...services.values()].sort(byCode),
    availability,
  };
}
