import pkg from "../../package.json" with { type: "json" };
import type { AtlasCommand } from "../command.js";

/** The version of the CLI package. */
export const VERSION: string = pkg.version;

/** `aws-atlas` itself: the table of commands. */
export const rootCommand: AtlasCommand = {
  meta: { name: "aws-atlas", description: "Where you can run on AWS and what you spend" },
  subCommands: {},
  examples: [
    "aws-atlas demo                         # the whole pipeline, offline",
    "aws-atlas scan --include-regions 'eu-*'",
    "aws-atlas where bedrock --json",
    "aws-atlas cost ask \"How much did I spend on EC2 last month?\" --dry-run",
  ],
};
