import type { Atlas } from "@aws-atlas/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./create-app.js";
import { createNodeServer } from "./node-server.js";
import { createTestAtlas } from "./test-helpers.js";

let atlas: Atlas;
beforeAll(async () => {
  atlas = await createTestAtlas();
});
afterAll(async () => {
  await atlas.close();
});

describe("createNodeServer", () => {
  it("listens on a free port, answers over HTTP and closes (twice is fine)", async () => {
    const server = await createNodeServer({ app: createApp({ atlas }), port: 0, host: "127.0.0.1" });
    try {
      expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
      const res = await fetch(`${server.url}/api/regions/eu-west-1`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { code: string }).code).toBe("eu-west-1");
    } finally {
      await server.close();
      await server.close();
    }
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
  });

  it("refuses to expose an app without authentication beyond loopback", async () => {
    await expect(createNodeServer({ app: createApp({ atlas }), port: 0, host: "0.0.0.0" })).rejects.toMatchObject({
      code: "INVALID_CONFIG",
      message: expect.stringMatching(/Refusing to serve without authentication on 0\.0\.0\.0/),
    });
  });

  it("serves beyond loopback with authentication, or when told to without", async () => {
    const authed = await createNodeServer({ app: createApp({ atlas, auth: { type: "basic", username: "u", password: "p" } }), port: 0, host: "0.0.0.0" });
    await authed.close();
    const open = await createNodeServer({ app: createApp({ atlas }), port: 0, host: "0.0.0.0", allowUnauthenticated: true });
    await open.close();
  });

  it("fails with INVALID_CONFIG when the port is taken", async () => {
    const first = await createNodeServer({ app: createApp({ atlas }), port: 0 });
    try {
      await expect(createNodeServer({ app: createApp({ atlas }), port: first.port })).rejects.toMatchObject({
        code: "INVALID_CONFIG",
        message: expect.stringContaining("EADDRINUSE"),
      });
    } finally {
      await first.close();
    }
  });
});
