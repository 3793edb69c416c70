import { AtlasError } from "../errors.js";

/**
 * The regions whose SSM endpoints answer queries under `/aws/service/global-infrastructure`, as listed in
 * the AWS Systems Manager User Guide ("Calling public parameters for AWS services, Regions, endpoints,
 * Availability Zones, local zones, and Wavelength Zones in Parameter Store").
 *
 * @example
 * GLOBAL_INFRASTRUCTURE_REGIONS.includes("eu-west-1"); // true
 */
export const GLOBAL_INFRASTRUCTURE_REGIONS = [
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "ap-east-1",
  "ap-south-1",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ca-central-1",
  "eu-central-1",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "eu-north-1",
  "sa-east-1",
] as const;

const SUPPORTED: ReadonlySet<string> = new Set(GLOBAL_INFRASTRUCTURE_REGIONS);

/**
 * Throw INVALID_ARGUMENT, naming the regions to use, when `region` cannot serve the global-infrastructure
 * parameters. A custom endpoint (a local server, a proxy) is trusted and skips the check.
 *
 * @example
 * assertGlobalInfrastructureRegion("ca-west-1"); // throws: use ca-central-1, us-east-1, ...
 */
export function assertGlobalInfrastructureRegion(region: string, options: { endpoint?: string } = {}): void {
  if (options.endpoint !== undefined || SUPPORTED.has(region)) return;
  throw new AtlasError(
    "INVALID_ARGUMENT",
    `Region ${region} does not serve the SSM global-infrastructure parameters`,
    {
      hint: `Use --region with one of ${GLOBAL_INFRASTRUCTURE_REGIONS.join(", ")} (the data is the same in each)`,
      details: { region, supportedRegions: [...GLOBAL_INFRASTRUCTURE_REGIONS] },
    },
  );
}
