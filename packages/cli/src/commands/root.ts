import pkg from "../../package.json" with { type: "json" };
import type { AtlasCommand } from "../command.js";
import { diffCommand, historyCommand, regionCommand, regionsCommand, scanCommand, servicesCommand, whereCommand } from "./availability.js";
import { cacheCommand } from "./cache.js";
import { configCommand } from "./config.js";
import { costCommand } from "./cost.js";
import { dbCommand } from "./db.js";
import { demoCommand } from "./demo.js";
import { reportCommand } from "./report.js";
import { serveCommand } from "./serve.js";

/** The version of the CLI package. */
export const VERSION: string = pkg.version;

/** `aws-atlas` itself: the table of commands. */
export const rootCommand: AtlasCommand = {
  meta: { name: "aws-atlas", description: "Where you can run on AWS and what you spend" },
  subCommands: {
    scan: scanCommand,
    report: reportCommand,
    regions: regionsCommand,
    services: servicesCommand,
    where: whereCommand,
    region: regionCommand,
    diff: diffCommand,
    history: historyCommand,
    cost: costCommand,
    config: configCommand,
    db: dbCommand,
    cache: cacheCommand,
    serve: serveCommand,
    demo: demoCommand,
  },
  examples: [
    "aws-atlas demo                         # the whole pipeline, offline",
    "aws-atlas scan --include-regions 'eu-*'",
    "aws-atlas where bedrock --json",
    "aws-atlas cost ask \"How much did I spend on EC2 last month?\" --dry-run",
  ],
};
