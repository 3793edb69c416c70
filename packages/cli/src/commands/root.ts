import pkg from "../../package.json" with { type: "json" };
import { lazyCommand, type AtlasCommand } from "../command.js";

/** The version of the CLI package. */
export const VERSION: string = pkg.version;

// Each command's module loads only when that command runs, so answering `where` from stored data
// does not parse the cost, report or server code.
const availability = () => import("./availability.js");

/** `aws-atlas` itself: the table of commands. */
export const rootCommand: AtlasCommand = {
  meta: { name: "aws-atlas", description: "Where you can run on AWS and what you spend" },
  subCommands: {
    scan: lazyCommand("scan", "Crawl AWS's global-infrastructure parameters, store a snapshot and print a summary", () => availability().then((m) => m.scanCommand)),
    report: lazyCommand("report", "Write report files from the latest complete snapshot (scans first when there is none)", () => import("./report.js").then((m) => m.reportCommand)),
    regions: lazyCommand("regions", "List regions with metadata and service counts (from the latest scan)", () => availability().then((m) => m.regionsCommand)),
    services: lazyCommand("services", "List services with the number of regions offering each (from the latest scan)", () => availability().then((m) => m.servicesCommand)),
    where: lazyCommand("where", "The regions where each service is available (and where it is not)", () => availability().then((m) => m.whereCommand)),
    region: lazyCommand("region", "One region: metadata and its services", () => availability().then((m) => m.regionCommand)),
    diff: lazyCommand("diff", "Services/regions added and removed between two scans (default: the last two complete)", () => availability().then((m) => m.diffCommand)),
    history: lazyCommand("history", "When a service was first and last seen per region, across stored scans", () => availability().then((m) => m.historyCommand)),
    cost: lazyCommand("cost", "Cost Explorer: typed queries, plain-words questions, ledger, forecast, anomalies", () => import("./cost.js").then((m) => m.costCommand)),
    config: lazyCommand("config", "Validate, show, create and check the configuration", () => import("./config.js").then((m) => m.configCommand)),
    db: lazyCommand("db", "Database schema, status and retention", () => import("./db.js").then((m) => m.dbCommand)),
    cache: lazyCommand("cache", "Inspect or empty the response cache", () => import("./cache.js").then((m) => m.cacheCommand)),
    serve: lazyCommand("serve", "Serve the HTTP API and dashboard", () => import("./serve.js").then((m) => m.serveCommand)),
    demo: lazyCommand("demo", "The whole pipeline offline: a local AWS-compatible server, a scan, a summary and a report set", () => import("./demo.js").then((m) => m.demoCommand)),
  },
  examples: [
    "aws-atlas demo                         # the whole pipeline, offline",
    "aws-atlas scan --include-regions 'eu-*'",
    "aws-atlas where bedrock --json",
    "aws-atlas cost ask \"How much did I spend on EC2 last month?\" --dry-run",
  ],
};
