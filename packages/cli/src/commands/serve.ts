import { AtlasError, type AtlasConfig } from "@aws-atlas/sdk";
import type { AuthOptions } from "@aws-atlas/http";
import { defineAtlasCommand } from "../command.js";
import { openAtlas } from "../atlas-context.js";
import pkg from "../../package.json" with { type: "json" };

/** The HTTP adapter's auth options from the configuration's `dashboard.authentication`. */
function authFromConfig(auth: AtlasConfig["dashboard"]["authentication"]): AuthOptions {
  switch (auth.type) {
    case "none":
      return { type: "none" };
    case "basic":
      return { type: "basic", username: auth.username, password: auth.password };
    case "saml":
    case "oauth":
      throw new AtlasError("INVALID_CONFIG", `dashboard.authentication type ${auth.type} is not implemented yet`, {
        hint: "Use type basic (with ${VAR} for the password), or none behind an authenticating proxy on 127.0.0.1.",
      });
  }
}

function readPort(raw: unknown, fallback: number): number {
  if (raw === undefined) return fallback;
  const text = typeof raw === "string" || typeof raw === "number" ? String(raw) : "";
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535) {
    throw new AtlasError("INVALID_ARGUMENT", `--port ${JSON.stringify(raw)} is not a port number`, { hint: "Use --port N with 0 <= N <= 65535 (0 picks a free port)." });
  }
  return port;
}

export const serveCommand = defineAtlasCommand({
  meta: { name: "serve", description: "Serve the HTTP API and the dashboard until interrupted (Ctrl-C)" },
  args: {
    port: { type: "string", description: "port to listen on (default dashboard.port, 8080; 0 picks a free one)", valueHint: "N" },
    host: { type: "string", description: "interface to bind (default dashboard.host, 127.0.0.1)", valueHint: "HOST" },
    "allow-unauthenticated": {
      type: "boolean",
      description: "serve without authentication on a host other than loopback (only behind a proxy that authenticates)",
    },
  },
  examples: [
    "aws-atlas serve",
    "aws-atlas serve --port 9000",
    "AWS_ATLAS_DASHBOARD__AUTHENTICATION__TYPE=basic aws-atlas serve --host 0.0.0.0",
  ],
  async run(args, ctx) {
    const atlas = openAtlas(ctx);
    // Storage problems show now, not on the first request.
    await atlas.storage();
    const { dashboard, monitoring } = atlas.config;
    // loaded on demand: only `serve` needs hono
    const { createApp, createNodeServer } = await import("@aws-atlas/http");
    const app = createApp({
      atlas,
      auth: authFromConfig(dashboard.authentication),
      dashboard: dashboard.enabled,
      metrics: monitoring.metrics.enabled ? { path: monitoring.metrics.prometheus_endpoint } : false,
      version: pkg.version,
      logger: ctx.logger,
    });
    const host = typeof args.host === "string" && args.host !== "" ? args.host : dashboard.host || "127.0.0.1";
    const server = await createNodeServer({
      app,
      host,
      port: readPort(args.port, dashboard.port),
      allowUnauthenticated: args["allow-unauthenticated"] === true,
    });
    ctx.defer(() => server.close());
    ctx.out.info(`aws-atlas API and dashboard at ${server.url}/ (press Ctrl-C to stop)`);
    if (ctx.globals.json) ctx.out.json({ url: server.url });
    await new Promise<void>((resolve) => {
      if (ctx.signal.aborted) resolve();
      else ctx.signal.addEventListener("abort", () => resolve(), { once: true });
    });
    await server.close();
    ctx.out.info("Stopped.");
  },
});
