/** How widely one service is available. */
export interface ServiceCoverage {
  service: string;
  /** Regions that offer the service. */
  regionCount: number;
  /** `regionCount` as a percentage of all regions in the matrix (0-100). */
  coveragePct: number;
  /** Region codes that offer the service, sorted. */
  regions: string[];
}

/** How many services one region offers. */
export interface RegionCoverage {
  region: string;
  serviceCount: number;
}

/** Availability counts over a region-to-services matrix. */
export interface CoverageStats {
  /** Regions in the matrix, including regions with no services. */
  totalRegions: number;
  /** Distinct services across all regions. */
  totalServices: number;
  /** Most widely available first; ties by service code. */
  services: ServiceCoverage[];
  /** Regions with the most services first; ties by region code. */
  regions: RegionCoverage[];
}

/**
 * Per-service region counts and coverage percentages for an availability
 * matrix (region code to the service codes available there). Duplicate
 * services within a region count once.
 *
 * @example
 * ```ts
 * const stats = coverageStats({ "us-east-1": ["ec2", "bedrock"], "eu-west-1": ["ec2"] });
 * stats.services;
 * // [{ service: "ec2", regionCount: 2, coveragePct: 100, regions: ["eu-west-1", "us-east-1"] },
 * //  { service: "bedrock", regionCount: 1, coveragePct: 50, regions: ["us-east-1"] }]
 * ```
 */
export function coverageStats(matrix: Readonly<Record<string, readonly string[]>>): CoverageStats {
  const regionsByService = new Map<string, string[]>();
  const regions: RegionCoverage[] = [];
  const regionCodes = Object.keys(matrix);
  for (const region of regionCodes) {
    const services = new Set(matrix[region] ?? []);
    regions.push({ region, serviceCount: services.size });
    for (const service of services) {
      const list = regionsByService.get(service);
      if (list) list.push(region);
      else regionsByService.set(service, [region]);
    }
  }
  const totalRegions = regionCodes.length;
  const services: ServiceCoverage[] = [...regionsByService].map(([service, where]) => ({
    service,
    regionCount: where.length,
    coveragePct: (where.length / totalRegions) * 100,
    regions: where.sort(),
  }));
  services.sort((a, b) => b.regionCount - a.regionCount || compareCodes(a.service, b.service));
  regions.sort((a, b) => b.serviceCount - a.serviceCount || compareCodes(a.region, b.region));
  return { totalRegions, totalServices: services.length, services, regions };
}

function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
