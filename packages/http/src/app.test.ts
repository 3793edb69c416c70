import { describe, expect, it } from "vitest";
import { createApp } from "./index.js";

describe("createApp", () => {
  it("answers /health with the version", async () => {
    const res = await createApp({ version: "9.9.9" }).request("/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", version: "9.9.9" });
  });

  it("answers unknown routes with 404", async () => {
    const res = await createApp().request("/nope");
    expect(res.status).toBe(404);
  });
});
