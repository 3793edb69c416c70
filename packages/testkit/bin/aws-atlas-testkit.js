#!/usr/bin/env node
// The `aws-atlas-testkit` command. The program itself is the built dist/cli.js; this file exists before
// any build so that npm can link the command at install time.
import { existsSync } from "node:fs";

const program = new URL("../dist/cli.js", import.meta.url);
if (!existsSync(program)) {
  process.stderr.write("error: the testkit is not built yet. Run `npm run build` in the repository first.\n");
  process.exit(1);
}
await import(program.href);
