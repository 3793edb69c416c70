#!/usr/bin/env node
// Regenerate docs/configuration.md from the configuration schema (packages/sdk/src/config).
//   node scripts/gen-config-docs.mjs          write the file
//   node scripts/gen-config-docs.mjs --check  exit 1 when the committed file is out of date
import { readFile, writeFile } from "node:fs/promises";
import { tsImport } from "tsx/esm/api";

const target = new URL("../docs/configuration.md", import.meta.url);
const { renderConfigDocs } = await tsImport("../packages/sdk/src/config/docs.ts", import.meta.url);
const generated = renderConfigDocs();

if (process.argv.includes("--check")) {
  const current = await readFile(target, "utf8").catch(() => "");
  if (current !== generated) {
    process.stderr.write("docs/configuration.md is out of date: run node scripts/gen-config-docs.mjs\n");
    process.exit(1);
  }
} else {
  await writeFile(target, generated);
  process.stdout.write(`wrote ${target.pathname}\n`);
}
