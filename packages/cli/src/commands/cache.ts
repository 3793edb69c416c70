import { defineAtlasCommand } from "../command.js";
import { openAtlas } from "../atlas-context.js";

const stats = defineAtlasCommand({
  meta: { name: "stats", description: "Entries in the response cache: final (kept forever) and expiring" },
  examples: ["aws-atlas cache stats --json"],
  async run(_args, ctx) {
    const result = await (await openAtlas(ctx).storage()).cache.stats({ now: ctx.clock.now() });
    ctx.out.result(result, () => Object.entries(result).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join("\n"));
  },
});

const clear = defineAtlasCommand({
  meta: { name: "clear", description: "Empty the response cache (the cost ledger is kept)" },
  args: { "expired-only": { type: "boolean", description: "only remove entries whose time is up" } },
  examples: ["aws-atlas cache clear", "aws-atlas cache clear --expired-only"],
  async run(args, ctx) {
    const cache = (await openAtlas(ctx).storage()).cache;
    const removed = await cache.clear({ expiredOnly: Boolean(args["expired-only"]), now: ctx.clock.now() });
    ctx.out.result({ removed }, () => `Removed ${removed} cache entries.`);
  },
});

export const cacheCommand = defineAtlasCommand({
  meta: { name: "cache", description: "Inspect or empty the response cache" },
  subCommands: { stats, clear },
});
