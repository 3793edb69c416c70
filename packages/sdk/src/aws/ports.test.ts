import { type AwsServer, AwsServiceError, startAwsServer } from "@aws-atlas/testkit";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createCostExplorerPort } from "./cost-explorer-port.js";
import { createSsmPort } from "./ssm-port.js";

const credentials = { accessKeyId: "test", secretAccessKey: "test" };

describe("SSM port against the testkit", () => {
  let server: AwsServer;
  let ssm: ReturnType<typeof createSsmPort>;

  beforeAll(async () => {
    server = await startAwsServer({ faults: { throttle: { ssm: false } } });
    ssm = createSsmPort({ region: "us-east-1", endpoint: server.url, credentials, requestTimeoutMs: 2_000 });
  });
  afterAll(async () => {
    ssm.destroy();
    await server.stop();
  });
  beforeEach(() => {
    server.setFaults({ errorRate: 0, resetRate: 0, stallRate: 0, down: false, throttle: { ssm: false } });
    server.reset();
  });

  it("pages GetParametersByPath and reads GetParameters / GetParameter", async () => {
    const first = await ssm.getParametersByPath({ path: "/aws/service/global-infrastructure/regions", maxResults: 10 });
    expect(first.parameters).toHaveLength(10);
    expect(first.nextToken).toBeDefined();
    const second = await ssm.getParametersByPath({ path: "/aws/service/global-infrastructure/regions", maxResults: 10, ...(first.nextToken ? { nextToken: first.nextToken } : {}) });
    expect(second.parameters.map((p) => p.name)).not.toContain(first.parameters[0]?.name);

    const names = await ssm.getParameters({
      names: ["/aws/service/global-infrastructure/regions/us-east-1/longName", "/aws/service/global-infrastructure/services/nope/longName"],
    });
    expect(names.parameters).toEqual([{ name: "/aws/service/global-infrastructure/regions/us-east-1/longName", value: "US East (N. Virginia)" }]);
    expect(names.invalidParameters).toEqual(["/aws/service/global-infrastructure/services/nope/longName"]);

    const one = await ssm.getParameter({ name: "/aws/service/global-infrastructure/regions/eu-west-1/partition" });
    expect(one.parameter.value).toBe("aws");
  });

  it("maps AWS errors: not found, validation, throttling, 5xx, resets", async () => {
    await expect(ssm.getParameter({ name: "/aws/service/global-infrastructure/nope" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      details: { awsError: "ParameterNotFound", retryable: false },
    });
    await expect(ssm.getParametersByPath({ path: "/aws/service/global-infrastructure/regions", maxResults: 11 })).rejects.toMatchObject({
      code: "INVALID_ARGUMENT",
      details: { awsError: "ValidationException" },
    });

    server.setFaults({ throttle: { ssm: { tps: 1, burst: 1 } } });
    await ssm.getParameter({ name: "/aws/service/global-infrastructure/regions/us-east-1" });
    await expect(ssm.getParameter({ name: "/aws/service/global-infrastructure/regions/us-east-1" })).rejects.toMatchObject({
      code: "THROTTLED",
      details: { awsError: "ThrottlingException", retryable: true },
    });

    server.setFaults({ throttle: { ssm: false }, errorRate: 1 });
    await expect(ssm.getParameters({ names: ["/a"] })).rejects.toMatchObject({ code: "AWS_UNAVAILABLE", details: { retryable: true } });

    server.setFaults({ errorRate: 0, resetRate: 1 });
    await expect(ssm.getParameters({ names: ["/a"] })).rejects.toMatchObject({ code: "AWS_UNAVAILABLE", details: { retryable: true } });
  });

  it("times out a stalled request and honours an abort signal", async () => {
    const quick = createSsmPort({ region: "us-east-1", endpoint: server.url, credentials, requestTimeoutMs: 100 });
    try {
      server.setFaults({ stallRate: 1 });
      await expect(quick.getParameters({ names: ["/a"] })).rejects.toMatchObject({ code: "AWS_UNAVAILABLE", details: { retryable: true } });
      const controller = new AbortController();
      const pending = ssm.getParameters({ names: ["/a"] }, { signal: controller.signal });
      setTimeout(() => controller.abort(), 20);
      await expect(pending).rejects.toMatchObject({ code: "ABORTED" });
    } finally {
      quick.destroy();
    }
  });

  it("reports a closed port as a retryable network error", async () => {
    const gone = await startAwsServer();
    const url = gone.url;
    await gone.stop();
    const dead = createSsmPort({ region: "us-east-1", endpoint: url, credentials });
    try {
      await expect(dead.getParameters({ names: ["/a"] })).rejects.toMatchObject({
        code: "AWS_UNAVAILABLE",
        details: { retryable: true, networkCode: "ECONNREFUSED" },
      });
    } finally {
      dead.destroy();
    }
  });
});

describe("Cost Explorer port through the testkit's protocol layer", () => {
  let server: AwsServer;
  let calls: Record<string, unknown>[];

  beforeAll(async () => {
    calls = [];
    server = await startAwsServer({
      faults: { throttle: { ce: false } },
      handlers: {
        ce: {
          GetCostAndUsage: (body) => {
            calls.push(body);
            if (body.NextPageToken === undefined) {
              return {
                ResultsByTime: [{ TimePeriod: { Start: "2026-01-01", End: "2026-02-01" }, Total: {}, Groups: [{ Keys: ["Amazon Simple Storage Service"], Metrics: { UnblendedCost: { Amount: "1.25", Unit: "USD" } } }], Estimated: false }],
                GroupDefinitions: [{ Type: "DIMENSION", Key: "SERVICE" }],
                NextPageToken: "page-2",
              };
            }
            return { ResultsByTime: [{ TimePeriod: { Start: "2026-01-01", End: "2026-02-01" }, Total: {}, Groups: [], Estimated: true }] };
          },
          GetCostForecast: () => {
            throw new AwsServiceError("DataUnavailableException", "Insufficient amount of historical data");
          },
          GetDimensionValues: () => {
            throw new AwsServiceError("LimitExceededException", "You have exceeded the rate limit.");
          },
        },
      },
    });
  });
  afterAll(async () => {
    await server.stop();
  });

  it("sends our plain input in AWS's shape and reads pages, groups and Estimated back", async () => {
    const ce = createCostExplorerPort({ region: "eu-west-1", endpoint: server.url, credentials });
    try {
      const first = await ce.getCostAndUsage({
        timePeriod: { start: "2026-01-01", end: "2026-02-01" },
        granularity: "MONTHLY",
        metrics: ["UnblendedCost"],
        groupBy: [{ type: "DIMENSION", key: "SERVICE" }],
        filter: { Not: { Dimensions: { Key: "RECORD_TYPE", Values: ["Credit"] } } },
      });
      expect(first.nextPageToken).toBe("page-2");
      expect(first.resultsByTime[0]?.groups).toEqual([{ keys: ["Amazon Simple Storage Service"], metrics: { UnblendedCost: { amount: "1.25", unit: "USD" } } }]);
      expect(calls[0]).toMatchObject({
        TimePeriod: { Start: "2026-01-01", End: "2026-02-01" },
        Granularity: "MONTHLY",
        GroupBy: [{ Type: "DIMENSION", Key: "SERVICE" }],
        Filter: { Not: { Dimensions: { Key: "RECORD_TYPE", Values: ["Credit"] } } },
      });
      const second = await ce.getCostAndUsage({ timePeriod: { start: "2026-01-01", end: "2026-02-01" }, granularity: "MONTHLY", metrics: ["UnblendedCost"], nextPageToken: "page-2" });
      expect(second.nextPageToken).toBeUndefined();
      expect(second.resultsByTime[0]?.estimated).toBe(true);

      await expect(
        ce.getCostForecast({ timePeriod: { start: "2026-03-01", end: "2026-04-01" }, metric: "UNBLENDED_COST", granularity: "MONTHLY" }),
      ).rejects.toMatchObject({ code: "DATA_UNAVAILABLE" });
      await expect(ce.getDimensionValues({ timePeriod: { start: "2026-01-01", end: "2026-02-01" }, dimension: "SERVICE" })).rejects.toMatchObject({
        code: "THROTTLED",
        details: { awsError: "LimitExceededException", retryable: true },
      });
    } finally {
      ce.destroy();
    }
  });
});
