import { defineAtlasCommand } from "../command.js";
import { openAtlas, readPositiveInt } from "../atlas-context.js";
import { EXIT } from "../exit-codes.js";

const DEMO_DB = "sqlite:~/.aws-atlas/demo.db";

export const demoCommand = defineAtlasCommand({
  meta: {
    name: "demo",
    description: "The whole pipeline offline: a local AWS-compatible server with realistic latency and throttling, a scan, a summary and a report set",
  },
  args: {
    out: { type: "string", description: "report directory (default ./reports/demo)", valueHint: "DIR" },
    latency: { type: "string", description: "server latency in ms (default 40)", valueHint: "MS" },
    tps: { type: "string", description: "server throttle in requests/s (default 40, as AWS)", valueHint: "N" },
  },
  examples: ["npm run demo", "aws-atlas demo --db sqlite::memory: --json"],
  async run(args, ctx) {
    const latency = readPositiveInt(args, "latency") ?? 40;
    const tps = readPositiveInt(args, "tps") ?? 40;
    // loaded on demand: the testkit is only needed here
    const { startAwsServer } = await import("@aws-atlas/testkit");
    const server = await startAwsServer({
      now: ctx.clock.now(),
      faults: { latency: { fixedMs: latency, jitterMs: Math.round(latency / 4) }, throttle: { ssm: { tps, burst: tps } } },
    });
    ctx.defer(() => server.stop());
    ctx.out.info(`Local AWS-compatible server at ${server.url} (latency ~${latency} ms, throttled at ${tps} requests/s like AWS)`);

    const demoCtx = {
      ...ctx,
      env: { ...ctx.env, AWS_ACCESS_KEY_ID: "demo", AWS_SECRET_ACCESS_KEY: "demo", AWS_SESSION_TOKEN: undefined, AWS_PROFILE: undefined },
      globals: { ...ctx.globals, endpointUrl: server.url, region: "us-east-1", db: ctx.globals.db ?? DEMO_DB, profile: undefined },
    };
    const atlas = openAtlas(demoCtx);
    const identity = await (await atlas.ssm()).getParameter({ name: "/aws/service/global-infrastructure/regions/us-east-1/longName" });
    ctx.out.info(`SDK check: us-east-1 is "${identity.parameter.value}"`);

    const outcome = await atlas.scan({
      signal: ctx.signal,
      onProgress: (e) => (e.phase === "done" ? ctx.out.clearProgress() : ctx.out.progress("scanning", e.done, e.total, `${e.calls} calls`)),
    });
    const where = await atlas.where(["bedrock", "ec2", "lambda"]);
    const regions = await atlas.regions();
    const report = await atlas.report({
      formats: ["csv", "json", "xlsx", "xml", "md", "html"],
      outDir: typeof args.out === "string" ? args.out : "reports/demo",
      template: "aws-atlas-demo_{date}_{time}",
    });
    // The other half of the product: a cost question against the sample organisation's Cost Explorer,
    // asked twice — the second answer comes from the cache and costs nothing.
    const question = "How much did we spend last month by service?";
    const cost = await atlas.ask(question, { source: "demo", signal: ctx.signal });
    const costAgain = await atlas.ask(question, { source: "demo", signal: ctx.signal });
    const server_ = server.stats();
    if (!outcome.complete) ctx.exitCode = EXIT.PARTIAL;
    const { snapshot: _snapshot, ...summary } = outcome;
    const result = {
      database: demoCtx.globals.db,
      scan: summary,
      server: { ssm: server_.services.ssm, costExplorer: server_.costExplorer },
      cost: {
        question,
        query: cost.parsed.query,
        total: cost.result?.total,
        topServices: (cost.result?.results[0]?.groups ?? [])
          .slice()
          .sort((a, b) => Number(b.amount) - Number(a.amount))
          .slice(0, 5),
        requests: cost.result?.requests,
        askedAgain: costAgain.result?.requests,
      },
      where: where.results.map((w) => ({ service: w.service, name: w.name, regions: w.available.length })),
      topRegions: [...regions].sort((a, b) => b.serviceCount - a.serviceCount).slice(0, 5).map((r) => ({ code: r.code, services: r.serviceCount })),
      reports: report.files,
    };
    ctx.out.result(result, () =>
      [
        "",
        `Scan #${outcome.scanId ?? "-"}: ${outcome.complete ? "complete" : "INCOMPLETE"} — ${outcome.regions} regions, ${outcome.services} services, ${outcome.pairs} pairs`,
        `${outcome.apiCalls} API calls in ${(outcome.durationMs / 1000).toFixed(1)} s (${(outcome.apiCalls / Math.max(outcome.durationMs / 1000, 0.001)).toFixed(1)} calls/s; ${outcome.throttled} throttled, ${outcome.retries} retried)`,
        "",
        ctx.out.table(regions.sort((a, b) => b.serviceCount - a.serviceCount).slice(0, 10), [
          { header: "REGION", value: (r) => r.code },
          { header: "NAME", value: (r) => r.name },
          { header: "SERVICES", value: (r) => r.serviceCount, align: "right" },
          { header: "AZS", value: (r) => r.availabilityZones.length, align: "right" },
        ]),
        "",
        ...where.results.map((w) => `${w.name} (${w.service}): ${w.available.length} regions`),
        "",
        `Cost Explorer (a sample organisation): "${question}"`,
        `  ${cost.parsed.explanation}`,
        `  total ${result.cost.total?.amount ?? "-"} ${result.cost.total?.unit ?? ""}`,
        ...result.cost.topServices.map((g) => `  ${g.keys.join(" / ").padEnd(44)} ${g.amount}`),
        `  ${result.cost.requests?.made ?? 0} paid request(s) ($${result.cost.requests?.priceUsd ?? "0.00"}); asked again: ${result.cost.askedAgain?.made ?? 0} paid, ${result.cost.askedAgain?.cached ?? 0} from the cache`,
        "",
        `Reports (${report.files.length} files):`,
        ...report.files.map((f) => `  ${f}`),
        "",
        demoCtx.globals.db.includes(":memory:")
          ? "Stored in memory only (--db sqlite::memory:)."
          : `Stored in ${demoCtx.globals.db}. Try: npx aws-atlas --db ${demoCtx.globals.db} where bedrock`,
      ].join("\n"),
    );
  },
});
