import { randomBytes } from "node:crypto";
import {
  AtlasError,
  costQuerySchema,
  noopLogger,
  type Atlas,
  type CostQuery,
  type Logger,
  type ScanSummary,
  type StorageStatus,
} from "@aws-atlas/sdk";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { matchedRoutes } from "hono/route";
import pkg from "../package.json" with { type: "json" };
import { createAuthMiddleware, type AuthOptions, type AuthType } from "./auth.js";
import { dashboardCsp, renderDashboard } from "./dashboard.js";
import { toErrorResponse, type ErrorBody } from "./error-status.js";
import { createRequestCounter, renderMetrics } from "./metrics.js";
import { intParam, listParam, parseAskBody, readFilters, readJsonBody } from "./request-params.js";

/**
 * The version of the http package, reported by `/health` unless {@link CreateAppOptions.version} says otherwise.
 *
 * @example
 * console.log(`aws-atlas http ${VERSION}`);
 */
export const VERSION: string = pkg.version;

/**
 * Options for {@link createApp}.
 *
 * @example
 * const options: CreateAppOptions = { atlas, auth: { type: "basic", username: "ops", password }, basePath: "/atlas" };
 */
export interface CreateAppOptions {
  /**
   * The SDK facade. A function is called on the first request that needs it and its result reused
   * (so a Lambda cold start connects nothing until asked); if it throws, the next request tries again.
   * The app never closes the atlas: its owner does.
   */
  atlas: Atlas | (() => Atlas);
  /** Who may call the API and see the dashboard (default none). `/health` is always open. */
  auth?: AuthOptions;
  /** Serve everything under this path, e.g. "/atlas" (default: the root). */
  basePath?: string;
  /** Serve the dashboard page at `GET /` (default true). */
  dashboard?: boolean;
  /** Prometheus metrics: false to turn off, or the path (default "/metrics"). */
  metrics?: false | { path?: string };
  /** Largest accepted request body in bytes (default 64 KiB). */
  maxBodyBytes?: number;
  /** The version `/health` reports (default the package version). */
  version?: string;
  /** Where failures of the server's side (5xx) are logged. */
  logger?: Logger;
}

/**
 * The Hono app {@link createApp} returns; `authentication` tells a server what protects it.
 *
 * @example
 * const app: AtlasApp = createApp({ atlas });
 * app.authentication; // "none"
 */
export type AtlasApp = Hono & { readonly authentication: AuthType };

type ScanSummaryJson = Omit<Awaited<ReturnType<Atlas["scan"]>>, "snapshot" | "changes">;

function normaliseBasePath(basePath: string | undefined): string {
  if (basePath === undefined || basePath === "" || basePath === "/") return "";
  if (!/^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/.test(basePath)) {
    throw new AtlasError("INVALID_CONFIG", `basePath ${JSON.stringify(basePath)} is not a URL path`, { hint: 'Use a path such as "/atlas".' });
  }
  return basePath.replace(/\/+$/, "");
}

function noStore(c: { header(name: string, value: string): void }): void {
  c.header("cache-control", "no-store");
}

/**
 * The aws-atlas HTTP API and dashboard as a Hono app: mount it in any server, run it with
 * `createNodeServer`, or on Lambda with `createLambdaHandler`. Routes are thin: parse, call one SDK
 * function, render the CLI's `--json` shape or map the error. Nothing but request counters is kept in
 * memory; every answer reads the storage through the atlas, so replicas can share one database.
 *
 * @example
 * const atlas = createAtlas({ config, env: process.env });
 * const app = createApp({ atlas, auth: { type: "bearer", token: process.env.ATLAS_TOKEN ?? "" } });
 * const res = await app.request("/api/where?service=bedrock", { headers: { authorization: `Bearer ${token}` } });
 */
export function createApp(options: CreateAppOptions): AtlasApp {
  const base = normaliseBasePath(options.basePath);
  const auth = options.auth ?? { type: "none" };
  const logger = options.logger ?? noopLogger;
  const version = options.version ?? VERSION;
  const metricsPath = options.metrics === false ? undefined : (options.metrics?.path ?? "/metrics");
  const requests = createRequestCounter();
  const authMiddleware = createAuthMiddleware(auth);

  let cachedAtlas: Atlas | undefined;
  const getAtlas = (): Atlas => {
    if (typeof options.atlas !== "function") return options.atlas;
    cachedAtlas ??= options.atlas();
    return cachedAtlas;
  };

  const root = new Hono({ strict: false });
  const app = base === "" ? root : root.basePath(base);

  app.onError((err, c) => {
    if (err instanceof HTTPException && err.status < 500) {
      const body: ErrorBody = { error: { code: "INVALID_ARGUMENT", message: err.message || "Bad request" } };
      return c.json(body, err.status);
    }
    const { status, body } = toErrorResponse(err, logger);
    noStore(c);
    return c.json(body, status);
  });
  app.notFound((c) => {
    const body: ErrorBody = { error: { code: "NOT_FOUND", message: `No route ${c.req.method} ${new URL(c.req.url).pathname}` } };
    return c.json(body, 404);
  });

  // Count every answer by its route pattern (not the raw path, which would make unbounded labels).
  app.use("*", async (c, next) => {
    await next();
    const route = matchedRoutes(c as Context).filter((r) => r.method !== "ALL").at(-1)?.path ?? "unmatched";
    requests.record(c.req.method, route, c.res.status);
  });

  app.get("/health", async (c) => {
    noStore(c);
    try {
      const storage = await getAtlas().storage();
      const latestScanId = await storage.scans.latestScanId();
      return c.json({ status: "ok", version, storage: { reachable: true, dialect: storage.dialect, latestScanId } });
    } catch (error) {
      const { error: atlasError } = toErrorResponse(error, logger);
      return c.json({ status: "unavailable", version, storage: { reachable: false, code: atlasError.code } }, 503);
    }
  });

  app.use("*", authMiddleware);
  app.use("/api/*", async (c, next) => {
    noStore(c);
    c.header("x-content-type-options", "nosniff");
    await next();
  });
  app.use(
    "/api/*",
    bodyLimit({
      maxSize: options.maxBodyBytes ?? 64 * 1024,
      onError: (c) => {
        const body: ErrorBody = { error: { code: "INVALID_ARGUMENT", message: "The request body is too large" } };
        return c.json(body, 413);
      },
    }),
  );

  if (metricsPath !== undefined) {
    app.get(metricsPath, async (c) => {
      let status: StorageStatus | undefined;
      let latestScan: ScanSummary | undefined;
      try {
        const storage = await getAtlas().storage();
        status = await storage.status();
        latestScan = (await storage.scans.listScans({ limit: 1, complete: true }))[0];
      } catch (error) {
        toErrorResponse(error, logger);
      }
      noStore(c);
      return c.text(renderMetrics({ requests, storage: status, latestScan }), 200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" });
    });
  }

  if (options.dashboard ?? true) {
    app.get("/", async (c) => {
      const atlas = getAtlas();
      const storage = await atlas.storage();
      const latestScan = (await storage.scans.listScans({ limit: 1, complete: true }))[0];
      const filters = readFilters(c.req, atlas.config.filters);
      const [regions, services] = latestScan ? await Promise.all([atlas.regions(filters), atlas.services(filters)]) : [[], []];
      const nonce = randomBytes(16).toString("base64");
      noStore(c);
      c.header("content-security-policy", dashboardCsp(nonce));
      c.header("x-content-type-options", "nosniff");
      c.header("referrer-policy", "no-referrer");
      return c.html(renderDashboard({ version, basePath: base, nonce, generatedAt: atlas.clock.now(), latestScan, regions, services }));
    });
  }

  // --- availability ---------------------------------------------------------------------------

  app.get("/api/regions", async (c) => {
    const atlas = getAtlas();
    return c.json(await atlas.regions(readFilters(c.req, atlas.config.filters)));
  });

  app.get("/api/regions/:code", async (c) => c.json(await getAtlas().region(c.req.param("code"))));

  app.get("/api/services", async (c) => {
    const atlas = getAtlas();
    return c.json(await atlas.services(readFilters(c.req, atlas.config.filters)));
  });

  app.get("/api/where", async (c) => {
    const services = listParam(c.req, "service");
    if (!services) {
      throw new AtlasError("INVALID_ARGUMENT", "Name at least one service", { hint: "Use ?service=bedrock&service=ec2 or ?service=bedrock,ec2." });
    }
    const atlas = getAtlas();
    const answer = await atlas.where(services, { signal: c.req.raw.signal, filters: readFilters(c.req, atlas.config.filters) });
    c.header("x-atlas-source", answer.source);
    return c.json(answer.results);
  });

  app.get("/api/diff", async (c) => c.json(await getAtlas().diff({ from: intParam(c.req, "from", 1), to: intParam(c.req, "to", 1) })));

  app.get("/api/history/:service", async (c) => {
    const region = c.req.query("region");
    return c.json(await getAtlas().history(c.req.param("service"), { region: region === "" ? undefined : region }));
  });

  app.post("/api/scan", async (c) => {
    const { snapshot: _snapshot, changes: _changes, ...summary } = await getAtlas().scan({ signal: c.req.raw.signal });
    const body: ScanSummaryJson = summary;
    return c.json(body);
  });

  // --- cost -----------------------------------------------------------------------------------

  const readCostQuery = async (req: { text(): Promise<string> }): Promise<CostQuery> => {
    const parsed = costQuerySchema.safeParse(await readJsonBody(req));
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: ["query", ...i.path.map(String)].join("."), message: i.message }));
      const first = issues[0];
      throw new AtlasError("INVALID_QUERY", first ? `${first.path}: ${first.message}` : "The query is invalid", {
        hint: "Send the query object of docs/cost-ask.md: { start, end, granularity?, metrics?, groupBy?, filter?, intent? }.",
        details: { issues },
      });
    }
    return parsed.data;
  };

  app.post("/api/cost/query", async (c) => {
    const query = await readCostQuery(c.req);
    const costs = await getAtlas().cost();
    return c.json(await costs.query(query, { signal: c.req.raw.signal }));
  });

  app.post("/api/cost/plan", async (c) => {
    const query = await readCostQuery(c.req);
    const plan = await (await getAtlas().cost()).plan(query);
    return c.json({ query, plan });
  });

  app.post("/api/cost/ask", async (c) => {
    const { question, dryRun } = parseAskBody(await readJsonBody(c.req));
    const atlas = getAtlas();
    if (dryRun) {
      const parsed = atlas.parseQuestion(question);
      return c.json({ query: parsed.query, explanation: parsed.explanation });
    }
    const { result, forecast } = await atlas.ask(question, { source: "http", signal: c.req.raw.signal });
    const answer = result ?? forecast;
    return c.json(answer);
  });

  return Object.assign(app, { authentication: auth.type });
}
