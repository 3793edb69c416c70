import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { openStorage } from "@aws-atlas/sdk";
import { AwsServiceError, generateCostDataset, startAwsServer, type AwsServer } from "@aws-atlas/testkit";
import { createCli, lines, scratchDir, stackFrames, startFastServer } from "./helpers.js";

// Cost Explorer through the whole CLI, against the testkit's generated organisation.
const NOW = "2026-11-22T12:00:00Z";
const env = { AWS_ATLAS_NOW: NOW, AWS_ATLAS_PERFORMANCE__MAX_RETRIES: "1" };

interface CostJson {
  query: { start: string; end: string; groupBy: unknown[] };
  total: { amount: string; unit: string };
  results: { start: string; end: string; estimated: boolean; total: { amount: string }; groups: { keys: string[]; amount: string }[] }[];
  requests: { made: number; cached: number; priceUsd: string };
}

function paid(server: AwsServer): number {
  return server.stats().costExplorer.paidRequests;
}

/** Exact sum of decimal strings, as integers of 1e-10. */
function sum(amounts: string[]): bigint {
  return amounts.reduce((total, a) => {
    const [whole = "0", frac = ""] = a.replace("-", "").split(".");
    const units = BigInt(whole) * 10n ** 10n + BigInt((frac + "0000000000").slice(0, 10));
    return total + (a.startsWith("-") ? -units : units);
  }, 0n);
}

describe("cost commands", () => {
  let server: AwsServer;
  const scratch = scratchDir();
  let cli: ReturnType<typeof createCli>;

  beforeAll(async () => {
    server = await startFastServer({ now: new Date(NOW), costPageSize: 5 });
    cli = createCli({ server, db: `sqlite:${scratch.dir}/atlas.db`, dir: scratch.dir, env });
  });
  afterAll(async () => {
    await server.stop();
    scratch.cleanup();
  });

  it("totals a grouped, multi-page answer exactly and pays nothing the second time", async () => {
    const argv = ["cost", "query", "--start", "2026-01-01", "--end", "2026-03-31", "--group-by", "SERVICE", "--json"];
    const before = paid(server);
    const first = await cli(argv);
    expect(first.code).toBe(0);
    const result = first.json<CostJson>();
    expect(result.results).toHaveLength(3);
    for (const period of result.results) {
      expect(sum([period.total.amount])).toBe(sum(period.groups.map((g) => g.amount)));
    }
    expect(sum([result.total.amount])).toBe(sum(result.results.map((r) => r.total.amount)));
    // pages of 5 groups: many pages, each one paid and counted
    expect(result.requests.made).toBe(paid(server) - before);
    expect(result.requests.made).toBeGreaterThan(3);

    const ungrouped = await cli(["cost", "query", "--start", "2026-01-01", "--end", "2026-03-31", "--json"]);
    expect(ungrouped.json<CostJson>().total.amount).toBe(result.total.amount);

    const again = await cli(argv);
    expect(again.json<CostJson>().total.amount).toBe(result.total.amount);
    expect(again.json<CostJson>().requests.made).toBe(0);
  });

  it("cost ask --dry-run --json prints the query and explanation and calls nothing", async () => {
    const before = server.stats().totals.requests;
    const run = await cli(["cost", "ask", "How much did I spend on EC2 last month by region?", "--dry-run", "--json"]);
    expect(run.code).toBe(0);
    const answer = run.json<{ query: CostJson["query"] & { filter: unknown }; explanation: string }>();
    expect(Object.keys(answer).sort()).toEqual(["explanation", "query"]);
    expect(answer.query.start).toBe("2026-10-01");
    expect(answer.query.end).toBe("2026-10-31");
    expect(answer.query.groupBy).toEqual([{ type: "DIMENSION", key: "REGION" }]);
    expect(server.stats().totals.requests).toBe(before);
  });

  it("cost plan prices a query without calling AWS", async () => {
    const before = server.stats().totals.requests;
    const run = await cli(["cost", "plan", "query", "--start", "2025-12-01", "--end", "2025-12-31", "--json"]);
    expect(run.code).toBe(0);
    const { plan } = run.json<{ plan: { paidRequests: number; priceUsd: string } }>();
    expect(plan.paidRequests).toBe(1);
    expect(plan.priceUsd).toBe("0.01");
    expect(server.stats().totals.requests).toBe(before);
  });

  it("stops at the spend guard before paying (exit 6, one line)", async () => {
    const before = paid(server);
    const run = await cli(["cost", "query", "--start", "2025-11-01", "--end", "2025-11-30", "--group-by", "USAGE_TYPE", "--max-requests", "0"]);
    expect(run.code).toBe(6);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toMatch(/limit/i);
    expect(paid(server)).toBe(before);
  });

  it("rejects a query AWS would reject before calling it (exit 2)", async () => {
    const before = server.stats().totals.requests;
    const run = await cli(["cost", "query", "--start", "2026-02-30", "--end", "2026-03-31"]);
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toHaveLength(1);
    const groups = await cli(["cost", "query", "--start", "2026-01-01", "--end", "2026-01-31", "--group-by", "SERVICE", "--group-by", "REGION", "--group-by", "LINKED_ACCOUNT"]);
    expect(groups.code).toBe(2);
    expect(server.stats().totals.requests).toBe(before);
  });

  it("explains data outside what Cost Explorer holds (exit 2)", async () => {
    const run = await cli(["cost", "query", "--start", "2023-01-01", "--end", "2023-01-31"]);
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(stackFrames(run.stderr)).toEqual([]);
  });
});

describe("cost sync accounts", () => {
  let server: AwsServer;
  const scratch = scratchDir();
  let syncCli: ReturnType<typeof createCli>;

  beforeAll(async () => {
    server = await startFastServer({ now: new Date(NOW) });
    syncCli = createCli({ server, db: `sqlite:${scratch.dir}/atlas.db`, dir: scratch.dir, env });
  });
  afterAll(async () => {
    await server.stop();
    scratch.cleanup();
  });

  it("cost sync keeps the ledger to --accounts, else to aws.accounts; a bad id exits 2 before any request", async () => {
    const accounts = generateCostDataset({ now: new Date(NOW) }).accounts.map((a) => a.id);
    const [first, second] = accounts;
    expect(accounts.length).toBeGreaterThan(2);
    const ledgerAccounts = async (db: string) => {
      const storage = await openStorage({ url: db });
      try {
        const rows = await storage.db.selectFrom("cost_ledger").select("account").distinct().execute();
        return rows.map((r) => r.account).sort();
      } finally {
        await storage.close();
      }
    };
    const flagDb = `sqlite:${scratch.dir}/sync-flag.db`;
    const flagged = await syncCli(["cost", "sync", "--months", "1", "--accounts", `${first},${second}`, "--max-requests", "200", "--max-usd", "2", "--json", "--db", flagDb]);
    expect(flagged.code).toBe(0);
    expect(await ledgerAccounts(flagDb)).toEqual([first, second].sort());

    const configDb = `sqlite:${scratch.dir}/sync-config.db`;
    writeFileSync(join(scratch.dir, "accounts.yml"), `aws:\n  accounts:\n    - id: "${second}"\n      name: data\n`);
    const configured = await syncCli(["cost", "sync", "--months", "1", "--config", join(scratch.dir, "accounts.yml"), "--max-requests", "200", "--max-usd", "2", "--json", "--db", configDb]);
    expect(configured.code).toBe(0);
    expect(await ledgerAccounts(configDb)).toEqual([second]);

    const before = paid(server);
    const bad = await syncCli(["cost", "sync", "--accounts", "12345", "--db", configDb]);
    expect(bad.code).toBe(2);
    expect(lines(bad.stderr)).toEqual([expect.stringContaining('--accounts has "12345", which is not a 12-digit account id')]);
    expect(paid(server)).toBe(before);
  });

});

describe("cost error paths", () => {
  const scratch = scratchDir();
  afterAll(() => scratch.cleanup());

  it("access denied exits 3 with one line", async () => {
    const server = await startAwsServer({
      now: new Date(NOW),
      faults: { throttle: { ssm: false, ce: false } },
      handlers: {
        ce: {
          GetCostAndUsage: () => {
            throw new AwsServiceError("AccessDeniedException", "User is not authorized to perform: ce:GetCostAndUsage");
          },
        },
      },
    });
    try {
      const cli = createCli({ server, db: `sqlite:${scratch.dir}/denied.db`, dir: scratch.dir, env });
      const run = await cli(["cost", "query", "--start", "2026-01-01", "--end", "2026-01-31"]);
      expect(run.code).toBe(3);
      expect(lines(run.stderr)).toHaveLength(1);
      expect(stackFrames(run.stderr)).toEqual([]);
    } finally {
      await server.stop();
    }
  });

  it("throttled past retries exits 4 with one line", async () => {
    const server = await startAwsServer({
      now: new Date(NOW),
      handlers: {
        ce: {
          GetCostAndUsage: () => {
            throw new AwsServiceError("LimitExceededException", "Rate exceeded");
          },
        },
      },
    });
    try {
      const cli = createCli({ server, db: `sqlite:${scratch.dir}/throttled.db`, dir: scratch.dir, env });
      const run = await cli(["cost", "query", "--start", "2026-01-01", "--end", "2026-01-31", "--json"]);
      expect(run.code).toBe(4);
      expect(lines(run.stderr)).toHaveLength(1);
      expect(run.json<{ error: { code: string } }>().error.code).toBe("THROTTLED");
    } finally {
      await server.stop();
    }
  });
});
