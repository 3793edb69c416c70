import type { ScanProgress, ServiceAvailability } from "@aws-atlas/sdk";
import { defineAtlasCommand, type CliContext } from "../command.js";
import { filterArgs, openAtlas, readFilters, readPositiveInt } from "../atlas-context.js";
import { EXIT } from "../exit-codes.js";

function progressReporter(ctx: CliContext, label: string): (event: ScanProgress) => void {
  return (event) => {
    if (event.phase === "done") {
      ctx.out.clearProgress();
      return;
    }
    const extra = event.throttled > 0 || event.retries > 0 ? `(throttled ${event.throttled}, retries ${event.retries})` : "";
    ctx.out.progress(label, event.done, event.total, extra);
  };
}

export const scanCommand = defineAtlasCommand({
  meta: { name: "scan", description: "Crawl AWS's global-infrastructure parameters, store a snapshot and print a summary" },
  args: {
    ...filterArgs,
    concurrency: { type: "string", description: "calls in flight at once (default 10)", valueHint: "N" },
    "max-rps": { type: "string", description: "requests per second ceiling (default 40, AWS's standard Parameter Store limit)", valueHint: "N" },
  },
  examples: ["aws-atlas scan", "aws-atlas scan --max-rps 20 --json", "aws-atlas scan --include-regions 'eu-*' --min-services 200"],
  async run(args, ctx) {
    const filters = readFilters(args, ctx);
    const atlas = openAtlas(ctx, {
      "performance.max_workers": readPositiveInt(args, "concurrency"),
      "performance.max_rps": readPositiveInt(args, "max-rps"),
    });
    const outcome = await atlas.scan({ signal: ctx.signal, onProgress: progressReporter(ctx, "scanning") });
    const { snapshot, changes, ...summary } = outcome;
    const hasFilters = Object.values(filters).some((v) => v !== undefined);
    const shown = hasFilters ? await atlas.latestSnapshot(filters) : undefined;
    if (!outcome.complete) ctx.exitCode = EXIT.PARTIAL;
    ctx.out.result(summary, () => {
      const lines = [
        `${outcome.complete ? "Complete" : "INCOMPLETE"} scan #${outcome.scanId ?? "-"}: ${outcome.regions} regions, ${outcome.services} services, ${outcome.pairs} region/service pairs`,
        `${outcome.apiCalls} API calls in ${(outcome.durationMs / 1000).toFixed(1)} s (${outcome.throttled} throttled, ${outcome.retries} retried)`,
        `Changes since the previous complete scan: +${changes.added} / -${changes.removed}`,
      ];
      if (shown) {
        lines.push(`After filters: ${shown.regions.length} regions, ${shown.services.length} services`);
      }
      if (outcome.failures.length > 0) {
        lines.push(`${outcome.failures.length} paths failed; this scan is kept for inspection and does not replace the last complete one:`);
        for (const f of outcome.failures.slice(0, 10)) lines.push(`  ${f.path}: ${f.code} ${f.message}`);
        if (outcome.failures.length > 10) lines.push(`  ... and ${outcome.failures.length - 10} more (see --json)`);
      }
      void snapshot;
      return lines.join("\n");
    });
  },
});

export const regionsCommand = defineAtlasCommand({
  meta: { name: "regions", description: "List regions with metadata and service counts (from the latest scan)" },
  args: { ...filterArgs },
  examples: ["aws-atlas regions", "aws-atlas regions --include-regions 'eu-*' --json"],
  async run(args, ctx) {
    const regions = await openAtlas(ctx).regions(readFilters(args, ctx));
    ctx.out.result(regions, () =>
      ctx.out.table(regions, [
        { header: "CODE", value: (r) => r.code },
        { header: "NAME", value: (r) => r.name },
        { header: "PARTITION", value: (r) => r.partition },
        { header: "AZS", value: (r) => r.availabilityZones.length, align: "right" },
        { header: "SERVICES", value: (r) => r.serviceCount, align: "right" },
        { header: "LAUNCHED", value: (r) => r.launchDate },
      ]),
    );
  },
});

export const servicesCommand = defineAtlasCommand({
  meta: { name: "services", description: "List services with the number of regions offering each (from the latest scan)" },
  args: { ...filterArgs },
  examples: ["aws-atlas services", "aws-atlas services --include-services 'bedrock*' --json"],
  async run(args, ctx) {
    const services = await openAtlas(ctx).services(readFilters(args, ctx));
    ctx.out.result(services, () =>
      ctx.out.table(services, [
        { header: "CODE", value: (s) => s.code },
        { header: "NAME", value: (s) => s.name },
        { header: "REGIONS", value: (s) => s.regionCount, align: "right" },
      ]),
    );
  },
});

export const whereCommand = defineAtlasCommand({
  meta: { name: "where", description: "The regions where each service is available (and where it is not)" },
  args: {
    service: { type: "positional", description: "service codes or names (several allowed)", required: true },
    ...filterArgs,
  },
  examples: ["aws-atlas where bedrock", "aws-atlas where ec2 lambda --include-regions 'eu-*' --json"],
  async run(args, ctx) {
    const services = [String(args.service), ...((args._ as string[] | undefined) ?? []).slice(1)].filter(Boolean);
    const answer = await openAtlas(ctx).where(services, { signal: ctx.signal, filters: readFilters(args, ctx) });
    if (answer.source === "aws") ctx.out.info(`No scan stored: asked AWS directly (${answer.apiCalls} calls).`);
    ctx.out.result(answer.results, () => answer.results.map(renderWhere).join("\n\n"));
  },
});

function renderWhere(a: ServiceAvailability): string {
  const header = `${a.service} (${a.name}): available in ${a.available.length} of ${a.available.length + a.unavailable.length} regions`;
  return [header, `  available:   ${a.available.join(" ") || "-"}`, `  unavailable: ${a.unavailable.join(" ") || "-"}`].join("\n");
}

export const regionCommand = defineAtlasCommand({
  meta: { name: "region", description: "One region: metadata and its services" },
  args: { code: { type: "positional", description: "region code, e.g. eu-west-1", required: true } },
  examples: ["aws-atlas region eu-west-1", "aws-atlas region ap-southeast-2 --json"],
  async run(args, ctx) {
    const region = await openAtlas(ctx).region(String(args.code));
    ctx.out.result(region, () =>
      [
        `${region.code} — ${region.name}`,
        `partition ${region.partition}, domain ${region.domain ?? "-"}, location ${region.geolocationCountry ?? "-"}/${region.geolocationRegion ?? "-"}`,
        `launched ${region.launchDate ?? "unknown"}${region.launchDateSource ? ` (${region.launchDateSource})` : ""}`,
        `availability zones: ${region.availabilityZones.join(" ") || "-"}`,
        `local zones: ${region.localZones.join(" ") || "-"}`,
        `${region.services.length} services:`,
        ...region.services.map((s) => `  ${s.code.padEnd(32)} ${s.name}`),
      ].join("\n"),
    );
  },
});

export const diffCommand = defineAtlasCommand({
  meta: { name: "diff", description: "Services/regions added and removed between two scans (default: the last two complete)" },
  args: {
    from: { type: "string", description: "older scan id", valueHint: "SCAN" },
    to: { type: "string", description: "newer scan id", valueHint: "SCAN" },
  },
  examples: ["aws-atlas diff", "aws-atlas diff --from 3 --to 7 --json"],
  async run(args, ctx) {
    const diff = await openAtlas(ctx).diff({ from: readPositiveInt(args, "from"), to: readPositiveInt(args, "to") });
    ctx.out.result(diff, () => {
      const lines = [`Scan #${diff.fromScanId} -> #${diff.toScanId}: +${diff.added.length} / -${diff.removed.length}`];
      for (const p of diff.added) lines.push(`  + ${p.region} ${p.service}`);
      for (const p of diff.removed) lines.push(`  - ${p.region} ${p.service}`);
      return lines.join("\n");
    });
  },
});

export const historyCommand = defineAtlasCommand({
  meta: { name: "history", description: "When a service was first and last seen per region, across stored scans" },
  args: {
    service: { type: "positional", description: "service code", required: true },
    region: { type: "string", description: "only this region", valueHint: "CODE" },
  },
  examples: ["aws-atlas history bedrock", "aws-atlas history ec2 --region eu-west-1 --json"],
  async run(args, ctx) {
    // `--region` is also a global flag (the API endpoint region), which takes it out of argv first.
    const region = typeof args.region === "string" ? args.region : ctx.globals.region;
    const history = await openAtlas(ctx).history(String(args.service), { region });
    ctx.out.result(history, () =>
      history.intervals.length === 0
        ? `${history.service} was not seen in any stored complete scan.`
        : ctx.out.table(history.intervals, [
            { header: "REGION", value: (i) => i.region },
            { header: "FIRST SEEN", value: (i) => `#${i.firstSeen.scanId} ${i.firstSeen.at.toISOString()}` },
            { header: "LAST SEEN", value: (i) => `#${i.lastSeen.scanId} ${i.lastSeen.at.toISOString()}` },
            { header: "NOW", value: (i) => (i.current ? "yes" : "no") },
          ]),
    );
  },
});
