import { AtlasError, ERROR_CODES, type Atlas, type AtlasErrorCode } from "@aws-atlas/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./create-app.js";
import { ERROR_STATUS, toErrorResponse, type ErrorBody } from "./error-status.js";
import { createTestAtlas } from "./test-helpers.js";

describe("ERROR_STATUS", () => {
  it("maps every code of the catalog to an HTTP error status", () => {
    expect(Object.keys(ERROR_STATUS).sort()).toEqual(Object.keys(ERROR_CODES).sort());
    for (const status of Object.values(ERROR_STATUS)) expect(status).toBeGreaterThanOrEqual(400);
  });

  it.each([
    ["INVALID_ARGUMENT", 400],
    ["INVALID_QUERY", 400],
    ["NOT_FOUND", 404],
    ["AWS_AUTH", 502],
    ["THROTTLED", 503],
    ["CIRCUIT_OPEN", 503],
    ["AWS_UNAVAILABLE", 503],
    ["DATABASE_UNAVAILABLE", 503],
    ["SPEND_LIMIT", 402],
    ["INTERNAL", 500],
  ] as [AtlasErrorCode, number][])("%s -> %i", (code, status) => {
    expect(ERROR_STATUS[code]).toBe(status);
  });
});

describe("toErrorResponse", () => {
  it("puts the message and the hint in one line", () => {
    const { status, body } = toErrorResponse(new AtlasError("SPEND_LIMIT", "3 paid requests needed, 2 allowed", { hint: "Raise --max-paid-requests." }));
    expect(status).toBe(402);
    expect(body).toEqual({ error: { code: "SPEND_LIMIT", message: "3 paid requests needed, 2 allowed. Raise --max-paid-requests." } });
  });

  it("converts unknown throws to INTERNAL without their message or stack, and logs them", () => {
    const logged: Record<string, unknown>[] = [];
    const logger = { debug() {}, info() {}, warn() {}, error: (_m: string, fields?: Record<string, unknown>) => logged.push(fields ?? {}) };
    const { status, body } = toErrorResponse(new TypeError("cannot read /srv/secret/path"), logger);
    expect(status).toBe(500);
    expect(body.error.code).toBe("INTERNAL");
    expect(JSON.stringify(body)).not.toMatch(/secret|TypeError|at /);
    expect(logged[0]).toMatchObject({ code: "INTERNAL", message: "cannot read /srv/secret/path" });
    expect(String(logged[0]?.stack)).toMatch(/TypeError/);
  });

  it("keeps details only for invalid input", () => {
    expect(toErrorResponse(new AtlasError("INVALID_QUERY", "bad", { details: { issues: [] } })).body.error.details).toEqual({ issues: [] });
    expect(toErrorResponse(new AtlasError("AWS_UNAVAILABLE", "down", { details: { host: "x" } })).body.error.details).toBeUndefined();
  });
});

describe("errors at the boundary", () => {
  let atlas: Atlas;
  beforeAll(async () => {
    atlas = await createTestAtlas();
  });
  afterAll(async () => {
    await atlas.close();
  });

  it("answers a failing SDK call with the table's status and a JSON error, never a stack", async () => {
    const failing: Atlas = {
      ...atlas,
      regions: () => Promise.reject(new AtlasError("THROTTLED", "SSM kept throttling", { hint: "Wait a minute." })),
      services: () => Promise.reject(new Error("boom at /app/node_modules/x.js:1:1")),
    };
    const app = createApp({ atlas: failing });
    const throttled = await app.request("/api/regions");
    expect(throttled.status).toBe(503);
    expect(await throttled.json()).toEqual({ error: { code: "THROTTLED", message: "SSM kept throttling. Wait a minute." } });
    const internal = await app.request("/api/services");
    expect(internal.status).toBe(500);
    const text = await internal.text();
    expect(JSON.parse(text)).toEqual({ error: { code: "INTERNAL", message: "Internal error. The server log has the details" } });
    expect(text).not.toMatch(/boom|node_modules/);
  });

  it("answers 400 with a JSON error for a body that is not JSON", async () => {
    const res = await createApp({ atlas }).request("/api/cost/plan", { method: "POST", body: "{not json", headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error).toEqual({ code: "INVALID_ARGUMENT", message: "The request body is not valid JSON. Send a JSON object with Content-Type: application/json." });
  });

  it("answers 413 for a body over the limit", async () => {
    const res = await createApp({ atlas, maxBodyBytes: 100 }).request("/api/cost/ask", {
      method: "POST",
      body: JSON.stringify({ question: "x".repeat(200) }),
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as ErrorBody).error.code).toBe("INVALID_ARGUMENT");
  });
});
