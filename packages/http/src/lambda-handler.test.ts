import type { Atlas } from "@aws-atlas/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./create-app.js";
import { createLambdaHandler } from "./lambda-handler.js";
import { createTestAtlas } from "./test-helpers.js";

let atlas: Atlas;
beforeAll(async () => {
  atlas = await createTestAtlas();
});
afterAll(async () => {
  await atlas.close();
});

function apiGatewayV2Event(rawPath: string, options: { rawQueryString?: string; headers?: Record<string, string> } = {}) {
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath,
    rawQueryString: options.rawQueryString ?? "",
    headers: { host: "abc123.execute-api.eu-west-1.amazonaws.com", accept: "application/json", ...options.headers },
    isBase64Encoded: false,
    body: null,
    requestContext: {
      accountId: "123456789012",
      apiId: "abc123",
      authentication: null,
      authorizer: {},
      domainName: "abc123.execute-api.eu-west-1.amazonaws.com",
      domainPrefix: "abc123",
      requestId: "req-1",
      routeKey: "$default",
      stage: "$default",
      time: "15/Jun/2026:12:00:00 +0000",
      timeEpoch: 1_781_524_800_000,
      http: { method: "GET", path: rawPath, protocol: "HTTP/1.1", sourceIp: "192.0.2.1", userAgent: "vitest" },
    },
  };
}

describe("createLambdaHandler", () => {
  it("answers an API Gateway v2 event for /health", async () => {
    const handler = createLambdaHandler(createApp({ atlas, version: "1.2.3" }));
    const result = await handler(apiGatewayV2Event("/health"));
    expect(result.statusCode).toBe(200);
    expect(result.headers["content-type"]).toMatch(/application\/json/);
    expect(JSON.parse(result.body)).toEqual({ status: "ok", version: "1.2.3", storage: { reachable: true, dialect: "sqlite", latestScanId: 2 } });
  });

  it("passes the query string and enforces authentication", async () => {
    const token = "lambda-token-0123456789abcdef0123";
    const handler = createLambdaHandler(createApp({ atlas: () => atlas, auth: { type: "bearer", token } }));
    const refused = await handler(apiGatewayV2Event("/api/where", { rawQueryString: "service=bedrock" }));
    expect(refused.statusCode).toBe(401);
    const ok = await handler(apiGatewayV2Event("/api/where", { rawQueryString: "service=bedrock", headers: { authorization: `Bearer ${token}` } }));
    expect(ok.statusCode).toBe(200);
    expect((JSON.parse(ok.body) as { service: string }[])[0]?.service).toBe("bedrock");
  });
});
