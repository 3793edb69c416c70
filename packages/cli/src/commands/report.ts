import { loadOfflineSnapshot } from "@aws-atlas/sdk";
import { defineAtlasCommand } from "../command.js";
import { filterArgs, loadCliConfig, openAtlas, readFilters } from "../atlas-context.js";

export const reportCommand = defineAtlasCommand({
  meta: { name: "report", description: "Write report files from the latest complete snapshot (scans first when there is none)" },
  args: {
    ...filterArgs,
    format: { type: "string", description: "csv,json,xlsx,xml,md,html (comma-separated; default from config)", valueHint: "LIST" },
    out: { type: "string", description: "output directory (default from config, else ./reports)", valueHint: "DIR" },
    refresh: { type: "boolean", description: "scan first even when a snapshot is stored" },
    offline: { type: "boolean", description: "use the snapshot bundled with the package (no AWS, no database)" },
  },
  examples: [
    "aws-atlas report --format csv,xlsx --out ./reports",
    "aws-atlas report --offline --format html",
    "aws-atlas report --refresh --include-regions 'eu-*' --json",
  ],
  async run(args, ctx) {
    const config = loadCliConfig(ctx).config;
    const formats =
      typeof args.format === "string"
        ? args.format.split(",").map((f) => f.trim()).filter(Boolean)
        : config.output.formats;
    const outDir = typeof args.out === "string" ? args.out : config.output.directory;
    const atlas = openAtlas(ctx);
    const result = await atlas.report({
      formats,
      outDir,
      filters: readFilters(args, ctx),
      refresh: Boolean(args.refresh),
      snapshot: args.offline ? loadOfflineSnapshot() : undefined,
      template: config.output.naming.template,
      profile: config.aws.profile ?? "default",
      signal: ctx.signal,
      onProgress: (e) => (e.phase === "done" ? ctx.out.clearProgress() : ctx.out.progress("scanning", e.done, e.total)),
    });
    ctx.out.result(result, () =>
      [
        `${args.offline ? "Offline snapshot" : `Scan #${result.scanId ?? "-"}`}${result.scanned ? " (scanned now)" : ""}: wrote ${result.files.length} files`,
        ...result.files.map((f) => `  ${f}`),
      ].join("\n"),
    );
  },
});
