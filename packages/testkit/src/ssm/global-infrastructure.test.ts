import { describe, expect, it } from "vitest";
import { GLOBAL_INFRASTRUCTURE_PATH, globalInfrastructureParameters, loadGlobalInfrastructure } from "./global-infrastructure.js";

describe("bundled global-infrastructure data", () => {
  const data = loadGlobalInfrastructure();

  it("holds AWS's 39 regions, 402 services and about 9,100 region/service pairs", () => {
    expect(Object.keys(data.regions)).toHaveLength(39);
    const published = Object.entries(data.services).filter(([, s]) => s.regions.length > 0 || s.longName !== undefined);
    expect(published).toHaveLength(402);
    const pairs = Object.values(data.services).reduce((n, s) => n + s.regions.length, 0);
    expect(pairs).toBeGreaterThan(9000);
    expect(pairs).toBeLessThan(9200);
  });

  it("has the metadata the tree publishes for each region", () => {
    const region = data.regions["us-east-1"];
    expect(region).toMatchObject({ longName: "US East (N. Virginia)", partition: "aws", domain: "amazonaws.com", geolocationCountry: "US" });
    expect(region?.availabilityZones).toContain("use1-az1");
    expect(region?.localZones.length).toBeGreaterThan(0);
    for (const r of Object.values(data.regions)) {
      expect(r.longName).toEqual(expect.any(String));
      expect(r.availabilityZones.length).toBeGreaterThanOrEqual(2);
    }
  });

  it("expands into unique parameters whose values match their tree position", () => {
    const params = globalInfrastructureParameters(data);
    expect(new Set(params.map((p) => p.name)).size).toBe(params.length);
    const byName = new Map(params.map((p) => [p.name, p.value]));
    expect(byName.get(`${GLOBAL_INFRASTRUCTURE_PATH}/regions/eu-west-1/services/ec2`)).toBe("ec2");
    expect(byName.get(`${GLOBAL_INFRASTRUCTURE_PATH}/services/ec2/regions/eu-west-1`)).toBe("eu-west-1");
    expect(byName.get(`${GLOBAL_INFRASTRUCTURE_PATH}/services/ec2/regions/eu-west-1/endpoint`)).toBe("ec2.eu-west-1.amazonaws.com");
    expect(byName.get(`${GLOBAL_INFRASTRUCTURE_PATH}/regions/cn-north-1/services/ec2/endpoint`)).toMatch(/amazonaws\.com\.cn$/);
  });

  it("returns a fresh copy each time", () => {
    const a = loadGlobalInfrastructure();
    a.regions = {};
    expect(Object.keys(loadGlobalInfrastructure().regions)).toHaveLength(39);
  });
});
