import type { Atlas, CostPlan, CostQuery } from "@aws-atlas/sdk";
import { startAwsServer, type AwsServer } from "@aws-atlas/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./create-app.js";
import type { ErrorBody } from "./error-status.js";
import { createTestAtlas, TEST_NOW } from "./test-helpers.js";

// The AWS SDK warns on Node 20 that future releases need Node 22; keep the test output clean.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

let server: AwsServer;
let atlas: Atlas;

beforeAll(async () => {
  server = await startAwsServer({ now: TEST_NOW, faults: { latency: { fixedMs: 0, jitterMs: 0 }, throttle: { ssm: false, ce: false } } });
  atlas = await createTestAtlas({ config: { aws: { endpoint_url: server.url, region: "us-east-1" } } });
});
afterAll(async () => {
  await atlas.close();
  await server.stop();
});

const post = (path: string, body: unknown, init: { raw?: boolean } = {}) =>
  createApp({ atlas }).request(path, {
    method: "POST",
    body: init.raw ? String(body) : JSON.stringify(body),
    headers: { "content-type": "application/json" },
  });

describe("POST /api/cost/ask", () => {
  it("with dryRun answers { query, explanation } without calling AWS", async () => {
    server.reset();
    const res = await post("/api/cost/ask", { question: "How much did I spend on EC2 last month?", dryRun: true });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { query: CostQuery; explanation: string };
    expect(Object.keys(body).sort()).toEqual(["explanation", "query"]);
    expect(body.query).toMatchObject({ start: "2026-05-01", end: "2026-05-31", intent: "cost" });
    expect(JSON.stringify(body.query.filter)).toContain("Amazon Elastic Compute Cloud - Compute");
    expect(body.explanation).toMatch(/\S/);
    expect(body).toEqual({ query: atlas.parseQuestion("How much did I spend on EC2 last month?").query, explanation: expect.any(String) });
    expect(server.stats().totals.requests).toBe(0);
  });

  it("answers 400 for a body without a question or with unknown fields", async () => {
    for (const body of [{}, { question: "" }, { question: 3 }, { question: "EC2", dryRun: "yes" }, { question: "EC2", extra: 1 }, ["EC2"]]) {
      const res = await post("/api/cost/ask", body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as ErrorBody).error.code).toBe("INVALID_ARGUMENT");
    }
  });

  it("without dryRun asks Cost Explorer and records the question", async () => {
    const res = await post("/api/cost/ask", { question: "EC2 last month" });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { query: CostQuery; total: { amount: string; unit: string }; requests: { made: number } };
    expect(body.query.start).toBe("2026-05-01");
    expect(body.total.amount).toMatch(/^\d+(\.\d+)?$/);
    expect(body.requests.made).toBeGreaterThan(0);
    const history = await (await atlas.storage()).queryHistory.list({ limit: 1 });
    expect(history[0]).toMatchObject({ source: "http", kind: "cost-ask", question: "EC2 last month" });
  });
});

describe("POST /api/cost/plan", () => {
  it("answers the normalised query and its plan without calling AWS", async () => {
    server.reset();
    const res = await post("/api/cost/plan", { start: "2026-03-01", end: "2026-04-30", granularity: "MONTHLY", groupBy: [{ type: "DIMENSION", key: "SERVICE" }] });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { query: CostQuery; plan: CostPlan };
    expect(body.query).toEqual({
      start: "2026-03-01",
      end: "2026-04-30",
      granularity: "MONTHLY",
      metrics: ["UnblendedCost"],
      groupBy: [{ type: "DIMENSION", key: "SERVICE" }],
      filter: null,
      intent: "cost",
    });
    expect(body.plan.operation).toBe("GetCostAndUsage");
    expect(body.plan.priceUsd).toMatch(/^\d+\.\d{2}$/);
    expect(server.stats().totals.requests).toBe(0);
  });

  it("answers 400 INVALID_QUERY with the zod issues for a body that is not a query", async () => {
    const res = await post("/api/cost/plan", { start: "2026-02-30", end: "2026-03-01", granularity: "WEEKLY", color: "red" });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody & { error: { details: { issues: { path: string; message: string }[] } } };
    expect(body.error.code).toBe("INVALID_QUERY");
    expect(body.error.message).toMatch(/^query\./);
    const paths = body.error.details.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["query.granularity"]));
  });

  it("answers 400 INVALID_QUERY for a query AWS would refuse (end in the future)", async () => {
    const res = await post("/api/cost/plan", { start: "2026-06-01", end: "2026-07-31" });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe("INVALID_QUERY");
    expect(body.error.message).toMatch(/in the future/);
  });
});

describe("POST /api/cost/query", () => {
  it("answers the CLI's cost query --json shape with decimal strings", async () => {
    server.reset();
    const res = await post("/api/cost/query", { start: "2026-04-01", end: "2026-05-31", granularity: "MONTHLY", groupBy: [{ type: "DIMENSION", key: "SERVICE" }] });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      query: CostQuery;
      total: { amount: string; unit: string };
      results: { start: string; end: string; estimated: boolean; total: { amount: string }; groups: { keys: string[]; amount: string }[] }[];
      requests: { made: number; cached: number; priceUsd: string };
    };
    expect(Object.keys(body)).toEqual(expect.arrayContaining(["query", "total", "results", "requests"]));
    expect(body.results.map((r) => [r.start, r.end])).toEqual([
      ["2026-04-01", "2026-04-30"],
      ["2026-05-01", "2026-05-31"],
    ]);
    expect(body.total.unit).toBe("USD");
    expect(typeof body.total.amount).toBe("string");
    expect(body.results[0]?.groups.length).toBeGreaterThan(1);
    expect(body.requests.made).toBe(server.stats().totals.requests);
  });

  it("answers 400 for an empty body", async () => {
    const res = await post("/api/cost/query", "", { raw: true });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.code).toBe("INVALID_ARGUMENT");
  });
});
