import { AtlasError } from "@aws-atlas/sdk";
import { defineAtlasCommand } from "../command.js";
import { openAtlas } from "../atlas-context.js";

const migrate = defineAtlasCommand({
  meta: { name: "migrate", description: "Apply pending schema migrations (also done on every open)" },
  examples: ["aws-atlas db migrate --db postgres://postgres@127.0.0.1:5432/atlas"],
  async run(_args, ctx) {
    // open without migrating, so that the result lists what this command applied
    const storage = await openAtlas(ctx, { "database.tables.create_if_missing": false }).storage();
    const result = await storage.migrate();
    const status = await storage.status();
    ctx.out.result({ ...result, location: storage.location, pending: status.pendingMigrations }, () =>
      `${storage.location}: schema version ${result.schemaVersion}${result.applied.length ? ` (applied ${result.applied.join(", ")})` : " (up to date)"}`,
    );
  },
});

const status = defineAtlasCommand({
  meta: { name: "status", description: "Engine, schema version, size and row counts" },
  examples: ["aws-atlas db status", "aws-atlas db status --json"],
  async run(_args, ctx) {
    const s = await (await openAtlas(ctx).storage()).status();
    ctx.out.result(s, () =>
      [
        `${s.dialect} at ${s.location}`,
        `schema version ${s.schemaVersion} of ${s.latestSchemaVersion}${s.pendingMigrations.length ? ` (pending: ${s.pendingMigrations.join(", ")})` : ""}`,
        `size ${s.sizeBytes === null ? "unknown" : `${(s.sizeBytes / 1024 / 1024).toFixed(2)} MiB`}, latest complete scan ${s.latestScanId ?? "none"}`,
        ...Object.entries(s.tables).map(([table, rows]) => `  ${table.padEnd(24)} ${String(rows).padStart(10)} rows`),
      ].join("\n"),
    );
  },
});

const prune = defineAtlasCommand({
  meta: { name: "prune", description: "Apply retention: delete scans and logs older than N days (the latest complete scan is kept)" },
  args: { "keep-days": { type: "string", description: "days to keep", valueHint: "N", required: true } },
  examples: ["aws-atlas db prune --keep-days 365"],
  async run(args, ctx) {
    const keepDays = Number(args["keep-days"]);
    if (!Number.isInteger(keepDays) || keepDays < 0) {
      throw new AtlasError("INVALID_ARGUMENT", `--keep-days ${String(args["keep-days"])} is not a whole number of days`);
    }
    const atlas = openAtlas(ctx);
    const result = await (await atlas.storage()).prune({ keepDays, now: ctx.clock.now() });
    ctx.out.result(result, () => `Pruned: ${JSON.stringify(result)}`);
  },
});

export const dbCommand = defineAtlasCommand({
  meta: { name: "db", description: "Database schema, status and retention" },
  subCommands: { migrate, status, prune },
});
