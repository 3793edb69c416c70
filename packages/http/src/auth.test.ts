import type { Atlas } from "@aws-atlas/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertAuthOptions } from "./auth.js";
import { createApp } from "./create-app.js";
import { createTestAtlas } from "./test-helpers.js";

let atlas: Atlas;
beforeAll(async () => {
  atlas = await createTestAtlas();
});
afterAll(async () => {
  await atlas.close();
});

const basic = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}` });

describe("basic authentication", () => {
  const app = () => createApp({ atlas, auth: { type: "basic", username: "ops", password: "pa:ss word" } });

  it.each([
    ["no credentials", {}],
    ["a wrong password", basic("ops", "nope")],
    ["a wrong username", basic("dev", "pa:ss word")],
    ["a password prefix", basic("ops", "pa:ss")],
    ["a bearer token instead", { authorization: "Bearer pa:ss word" }],
    ["garbage", { authorization: "Basic !!!" }],
  ])("answers 401 with a challenge and a JSON error for %s", async (_label, headers: Record<string, string>) => {
    for (const path of ["/api/regions", "/", "/metrics", "/api/nope"]) {
      const res = await app().request(path, { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toBe('Basic realm="aws-atlas", charset="UTF-8"');
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("UNAUTHORIZED");
    }
  });

  it("answers 200 with the right credentials (a password may contain colons)", async () => {
    const res = await app().request("/api/regions/eu-west-1", { headers: basic("ops", "pa:ss word") });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { code: string }).code).toBe("eu-west-1");
    expect((await app().request("/", { headers: basic("ops", "pa:ss word") })).status).toBe(200);
  });

  it("leaves /health open for load balancers", async () => {
    expect((await app().request("/health")).status).toBe(200);
  });

  it("marks the app as authenticated", () => {
    expect(app().authentication).toBe("basic");
  });
});

describe("bearer authentication", () => {
  const token = "0123456789abcdef0123456789abcdef";
  const app = () => createApp({ atlas, auth: { type: "bearer", token } });

  it("answers 401 without a token and with a wrong one", async () => {
    const missing = await app().request("/api/services");
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toBe('Bearer realm="aws-atlas"');
    const wrong = await app().request("/api/services", { headers: { authorization: `Bearer ${token}x` } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toBe('Bearer realm="aws-atlas", error="invalid_token"');
  });

  it("answers 200 with the token", async () => {
    const res = await app().request("/api/services", { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
  });

  it("counts refused requests under their route in /metrics", async () => {
    const instance = app();
    await instance.request("/api/regions/eu-west-1");
    const metrics = await (await instance.request("/metrics", { headers: { authorization: `Bearer ${token}` } })).text();
    expect(metrics).toContain('atlas_http_requests_total{method="GET",route="/api/regions/:code",status="401"} 1');
  });
});

describe("assertAuthOptions", () => {
  it("refuses empty credentials with INVALID_CONFIG", () => {
    for (const auth of [
      { type: "basic", username: "", password: "x" },
      { type: "basic", username: "x", password: "" },
      { type: "basic", username: "a:b", password: "x" },
      { type: "bearer", token: "" },
    ] as const) {
      expect(() => assertAuthOptions(auth)).toThrow(expect.objectContaining({ code: "INVALID_CONFIG" }));
      expect(() => createApp({ atlas, auth })).toThrow(expect.objectContaining({ code: "INVALID_CONFIG" }));
    }
    expect(() => assertAuthOptions({ type: "none" })).not.toThrow();
  });
});
