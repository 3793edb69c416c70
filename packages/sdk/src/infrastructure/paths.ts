/**
 * The SSM path under which AWS publishes its regions and services.
 *
 * @example
 * `${GLOBAL_INFRASTRUCTURE_PATH}/regions`;
 */
export const GLOBAL_INFRASTRUCTURE_PATH = "/aws/service/global-infrastructure";

/**
 * The region metadata parameters read for each region (`regions/{code}/{field}`).
 *
 * @example
 * REGION_METADATA_FIELDS.map((f) => ssmPaths.regionField("us-east-1", f));
 */
export const REGION_METADATA_FIELDS = ["longName", "partition", "domain", "geolocationCountry", "geolocationRegion"] as const;

/** One of {@link REGION_METADATA_FIELDS}. */
export type RegionMetadataField = (typeof REGION_METADATA_FIELDS)[number];

/**
 * Builders of the SSM paths a scan reads.
 *
 * @example
 * ssmPaths.regionServices("us-east-1"); // "/aws/service/global-infrastructure/regions/us-east-1/services"
 */
export const ssmPaths = {
  regions: (): string => `${GLOBAL_INFRASTRUCTURE_PATH}/regions`,
  region: (region: string): string => `${GLOBAL_INFRASTRUCTURE_PATH}/regions/${region}`,
  regionField: (region: string, field: RegionMetadataField): string => `${GLOBAL_INFRASTRUCTURE_PATH}/regions/${region}/${field}`,
  regionServices: (region: string): string => `${GLOBAL_INFRASTRUCTURE_PATH}/regions/${region}/services`,
  availabilityZones: (region: string): string => `${GLOBAL_INFRASTRUCTURE_PATH}/regions/${region}/availability-zones`,
  localZones: (region: string): string => `${GLOBAL_INFRASTRUCTURE_PATH}/regions/${region}/local-zones`,
  services: (): string => `${GLOBAL_INFRASTRUCTURE_PATH}/services`,
  serviceLongName: (service: string): string => `${GLOBAL_INFRASTRUCTURE_PATH}/services/${service}/longName`,
  serviceRegions: (service: string): string => `${GLOBAL_INFRASTRUCTURE_PATH}/services/${service}/regions`,
} as const;

/**
 * The last segment of a parameter name: the region, service or zone code it lists.
 *
 * @example
 * lastSegment("/aws/service/global-infrastructure/regions/us-east-1"); // "us-east-1"
 */
export function lastSegment(name: string): string {
  const trimmed = name.endsWith("/") ? name.slice(0, -1) : name;
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

/**
 * Ordinal (code unit) comparison, the one order used for codes everywhere in a snapshot.
 *
 * @example
 * ["s3", "AmazonGameLiftStreams", "ec2"].sort(compareCodes); // ["AmazonGameLiftStreams", "ec2", "s3"]
 */
export function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
