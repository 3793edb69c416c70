import { Hono } from "hono";

/** Options for {@link createApp}. */
export interface CreateAppOptions {
  /** The version reported by `/health`. */
  version?: string;
}

/**
 * The aws-atlas HTTP API as a Hono app; mount it in any server or run it on Lambda.
 *
 * @example
 * const app = createApp();
 * const res = await app.request("/health");
 */
export function createApp(options: CreateAppOptions = {}): Hono {
  const app = new Hono();
  app.get("/health", (c) => c.json({ status: "ok", version: options.version ?? "0.1.0" }));
  return app;
}
