/** Metadata of one AWS region, as published under /aws/service/global-infrastructure/regions/{code}. */
export interface RegionInfo {
  code: string;
  name: string;
  partition: string;
  domain: string | null;
  geolocationCountry: string | null;
  geolocationRegion: string | null;
  /** Availability-zone ids (use1-az1, ...), sorted. */
  availabilityZones: string[];
  /** Local-zone ids, sorted. */
  localZones: string[];
}

/** One AWS service, as published under /aws/service/global-infrastructure/services/{code}. */
export interface ServiceInfo {
  code: string;
  /** Long name; equals the code when AWS publishes none. */
  name: string;
}

/** A path that could not be fetched during a scan. */
export interface ScanFailure {
  path: string;
  code: string;
  message: string;
}

/** Counters of one scan. */
export interface ScanStats {
  apiCalls: number;
  throttled: number;
  retries: number;
  failures: number;
  /** Calls that succeeded (pages and batches fetched). Absent in older snapshots. */
  pages?: number;
  /** The fewest calls that could have fetched the same data (full pages of 10). Absent in older snapshots. */
  pageMinimum?: number;
}

/** What a scan covered when it was not the full matrix (absent = every region and service). */
export interface SnapshotScope {
  /** Only these services were scanned (region lists per service). */
  services?: string[];
  /** Only these regions were scanned. */
  regions?: string[];
  /** False when region metadata, AZ ids and local zones were not fetched (region names fall back to codes). */
  regionDetails: boolean;
}

/**
 * An immutable picture of AWS's global infrastructure at one moment: regions, services and which
 * service is offered in which region. `complete` is true only when every path was fetched.
 */
export interface Snapshot {
  startedAt: Date;
  finishedAt: Date;
  complete: boolean;
  source: "aws" | "offline";
  /** Sorted by code. */
  regions: RegionInfo[];
  /** Sorted by code. */
  services: ServiceInfo[];
  /** region code -> sorted service codes offered there. */
  availability: Record<string, string[]>;
  stats: ScanStats;
  failures: ScanFailure[];
  /**
   * Set when the scan covered only part of the matrix (a targeted `where`); such a snapshot must not stand
   * in for a full one. Absent for a full scan.
   */
  scope?: SnapshotScope;
}
