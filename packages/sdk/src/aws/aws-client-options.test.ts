import { describe, expect, it } from "vitest";
import { buildClientConfig, costExplorerRegion, resolveEndpoint } from "./aws-client-options.js";
import { assertGlobalInfrastructureRegion, GLOBAL_INFRASTRUCTURE_REGIONS } from "./global-infrastructure-regions.js";

describe("resolveEndpoint", () => {
  const env = { AWS_ENDPOINT_URL: "http://all:1", AWS_ENDPOINT_URL_SSM: "http://ssm:2", AWS_ENDPOINT_URL_COST_EXPLORER: "http://ce:3" };

  it("prefers the explicit endpoint, then the service variable, then AWS_ENDPOINT_URL", () => {
    expect(resolveEndpoint("ssm", { endpoint: "http://explicit:9", env })).toBe("http://explicit:9");
    expect(resolveEndpoint("ssm", { env })).toBe("http://ssm:2");
    expect(resolveEndpoint("cost-explorer", { env })).toBe("http://ce:3");
    expect(resolveEndpoint("sts", { env })).toBe("http://all:1");
    expect(resolveEndpoint("ssm", { env: { AWS_ENDPOINT_URL: "http://all:1", AWS_ENDPOINT_URL_SSM: " " } })).toBe("http://all:1");
    expect(resolveEndpoint("ssm", {})).toBeUndefined();
  });

  it("rejects what is not an http(s) URL", () => {
    expect(() => resolveEndpoint("ssm", { endpoint: "localhost:4566" })).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
    expect(() => resolveEndpoint("ssm", { endpoint: "ftp://host" })).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
  });
});

describe("buildClientConfig", () => {
  it("turns SDK retries off, applies the endpoint and reads static keys from the given env", () => {
    const { config, destroy } = buildClientConfig("ssm", {
      region: "eu-west-1",
      env: { AWS_ENDPOINT_URL_SSM: "http://localhost:1", AWS_ACCESS_KEY_ID: "AKID", AWS_SECRET_ACCESS_KEY: "secret" },
    });
    try {
      expect(config).toMatchObject({ region: "eu-west-1", endpoint: "http://localhost:1", maxAttempts: 1 });
      expect(config.credentials).toEqual({ accessKeyId: "AKID", secretAccessKey: "secret" });
    } finally {
      destroy();
    }
  });
});

describe("Cost Explorer and global-infrastructure regions", () => {
  it("signs Cost Explorer for its partition's endpoint region", () => {
    expect(costExplorerRegion("eu-west-3")).toBe("us-east-1");
    expect(costExplorerRegion("cn-north-1")).toBe("cn-northwest-1");
  });

  it("accepts the 17 documented regions and names them when refusing another", () => {
    expect(GLOBAL_INFRASTRUCTURE_REGIONS).toHaveLength(17);
    for (const region of GLOBAL_INFRASTRUCTURE_REGIONS) expect(() => assertGlobalInfrastructureRegion(region)).not.toThrow();
    expect(() => assertGlobalInfrastructureRegion("ap-northeast-3")).toThrow(
      expect.objectContaining({ code: "INVALID_ARGUMENT", hint: expect.stringContaining("us-east-1") }),
    );
    expect(() => assertGlobalInfrastructureRegion("ap-northeast-3", { endpoint: "http://localhost:1" })).not.toThrow();
  });
});
