import {
  AtlasError,
  COST_METRICS,
  resolveServiceName,
  type Atlas,
  type CostPlan,
  type CostQuery,
  type CostResult,
} from "@aws-atlas/sdk";
import { defineAtlasCommand, type CliContext } from "../command.js";
import { openAtlas, readPositiveInt } from "../atlas-context.js";

type Expression = NonNullable<CostQuery["filter"]>;

const guardArgs = {
  "max-requests": { type: "string", description: "spend guard: most paid requests this run may make (overrides config)", valueHint: "N" },
  "max-usd": { type: "string", description: "spend guard: most USD this run may spend (overrides config)", valueHint: "USD" },
} as const;

const queryArgs = {
  start: { type: "string", description: "first day, YYYY-MM-DD (inclusive)", valueHint: "DATE", required: true },
  end: { type: "string", description: "last day, YYYY-MM-DD (inclusive; the API's exclusive end is derived)", valueHint: "DATE", required: true },
  granularity: { type: "string", description: "daily, monthly or hourly (default monthly)", valueHint: "G" },
  metric: { type: "string", description: `metric (repeatable): ${COST_METRICS.join(", ")}`, valueHint: "M" },
  "group-by": { type: "string", description: "group key (repeatable, at most 2): SERVICE, REGION, LINKED_ACCOUNT, ..., tag:KEY, category:NAME", valueHint: "KEY" },
  filter: { type: "string", description: "KEY=V1,V2 | KEY!=V | tag:KEY=V | category:NAME=V | a Cost Explorer Expression as JSON (repeatable; combined with And)", valueHint: "EXPR" },
} as const;

function strings(value: unknown): string[] {
  if (value === undefined || value === false) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => String(v));
}

function guardOverrides(args: Record<string, unknown>): { maxPaidRequests?: number; maxUsdPerRun?: string } {
  const requests = args["max-requests"];
  const usd = args["max-usd"];
  const guard: { maxPaidRequests?: number; maxUsdPerRun?: string } = {};
  if (requests !== undefined) {
    const n = Number(requests);
    if (!Number.isInteger(n) || n < 0) throw new AtlasError("INVALID_ARGUMENT", `--max-requests ${JSON.stringify(requests)} is not a whole number`);
    guard.maxPaidRequests = n;
  }
  if (usd !== undefined) {
    if (typeof usd !== "string" || !/^\d+(\.\d+)?$/.test(usd)) throw new AtlasError("INVALID_ARGUMENT", `--max-usd ${JSON.stringify(usd)} is not an amount`, { hint: "Use a decimal such as 2.50." });
    guard.maxUsdPerRun = usd;
  }
  return guard;
}

function parseGroupBy(raw: string): { type: "DIMENSION" | "TAG" | "COST_CATEGORY"; key: string } {
  const [prefix, ...rest] = raw.split(":");
  const name = rest.join(":");
  if (name && /^tags?$/i.test(prefix ?? "")) return { type: "TAG", key: name };
  if (name && /^(category|cost_category|cost-category)$/i.test(prefix ?? "")) return { type: "COST_CATEGORY", key: name };
  return { type: "DIMENSION", key: raw.toUpperCase().replace(/[\s-]+/g, "_") };
}

/** Parse one `--filter` into a Cost Explorer Expression. */
export function parseFilter(raw: string): Expression {
  const text = raw.trim();
  if (text.startsWith("{")) {
    try {
      return JSON.parse(text) as Expression;
    } catch (error) {
      throw new AtlasError("INVALID_QUERY", `--filter is not valid JSON: ${(error as Error).message}`);
    }
  }
  const match = /^([^=!]+?)\s*(!=|=)\s*(.+)$/.exec(text);
  if (!match) {
    throw new AtlasError("INVALID_QUERY", `--filter ${JSON.stringify(raw)} is not KEY=VALUE`, {
      hint: 'Examples: --filter SERVICE=EC2, --filter REGION=us-east-1,eu-west-1, --filter tag:team=platform, --filter LINKED_ACCOUNT!=123456789012.',
    });
  }
  const [, left = "", op, right = ""] = match;
  const values = right.split(",").map((v) => v.trim()).filter(Boolean);
  const [prefix, ...rest] = left.trim().split(":");
  const name = rest.join(":");
  let expression: Expression;
  if (name && /^tags?$/i.test(prefix ?? "")) expression = { Tags: { Key: name, Values: values } };
  else if (name && /^(category|cost_category|cost-category)$/i.test(prefix ?? "")) expression = { CostCategories: { Key: name, Values: values } };
  else {
    const key = left.trim().toUpperCase().replace(/[\s-]+/g, "_");
    const resolved = key === "SERVICE" ? values.flatMap((v) => resolveServiceName(v)?.values ?? [v]) : values;
    expression = { Dimensions: { Key: key, Values: [...new Set(resolved)] } } as Expression;
  }
  return op === "!=" ? ({ Not: expression }) : expression;
}

function buildQuery(args: Record<string, unknown>): Record<string, unknown> {
  const filters = strings(args.filter).map(parseFilter);
  const granularity = typeof args.granularity === "string" ? args.granularity.toUpperCase() : "MONTHLY";
  const metrics = strings(args.metric);
  return {
    start: args.start,
    end: args.end,
    granularity,
    metrics: metrics.length > 0 ? metrics : undefined,
    groupBy: strings(args["group-by"]).map(parseGroupBy),
    filter: filters.length === 0 ? null : filters.length === 1 ? filters[0] : { And: filters },
    intent: "cost",
  };
}

function renderPlan(plan: CostPlan): string {
  const lines = [
    `Plan: ${plan.paidRequests} paid request${plan.paidRequests === 1 ? "" : "s"} ($${plan.priceUsd}; more if AWS paginates, $0.01 per page)${plan.cached ? `, ${plan.cached} part(s) from cache` : ""}${plan.fromLedger ? ", answered from the local ledger" : ""}`,
  ];
  for (const r of plan.requests) lines.push(`  ${r.operation} ${r.period.start}..${r.period.end} ~${r.pages} page(s)${r.reason ? ` (${r.reason})` : ""}`);
  return lines.join("\n");
}

function renderCostResult(result: CostResult, ctx: CliContext): string {
  const lines: string[] = [];
  for (const period of result.results) {
    const flag = period.estimated ? " (estimated)" : "";
    lines.push(`${period.start} .. ${period.end}: ${period.total.amount} ${period.total.unit}${flag}`);
    if (period.groups.length > 0) {
      const sorted = [...period.groups].sort((a, b) => Number(b.amount) - Number(a.amount));
      lines.push(
        ctx.out
          .table(sorted.slice(0, 20), [
            { header: "  GROUP", value: (g) => `  ${g.keys.join(" / ")}` },
            { header: "AMOUNT", value: (g) => `${g.amount} ${g.unit}`, align: "right" },
          ])
          .split("\n")
          .slice(1)
          .join("\n"),
      );
      if (sorted.length > 20) lines.push(`  ... ${sorted.length - 20} more groups (see --json)`);
    }
  }
  lines.push(`Total: ${result.total.amount} ${result.total.unit}`);
  lines.push(`Requests: ${result.requests.made} paid ($${result.requests.priceUsd}), ${result.requests.cached} served from cache/ledger`);
  return lines.join("\n");
}

const query = defineAtlasCommand({
  meta: { name: "query", description: "Run a typed Cost Explorer query (every page, exact decimal totals)" },
  args: { ...queryArgs, ...guardArgs, "dry-run": { type: "boolean", description: "print the plan and price without calling AWS" } },
  examples: [
    "aws-atlas cost query --start 2026-01-01 --end 2026-03-31 --group-by SERVICE",
    "aws-atlas cost query --start 2026-02-01 --end 2026-02-28 --granularity daily --filter SERVICE=EC2 --json",
    "aws-atlas cost query --start 2026-01-01 --end 2026-01-31 --group-by LINKED_ACCOUNT --group-by tag:team --dry-run",
  ],
  async run(args, ctx) {
    const service = await openAtlas(ctx).cost({ spendGuard: guardOverrides(args) });
    const input = buildQuery(args);
    if (args["dry-run"]) {
      const plan = await service.plan(input as never);
      ctx.out.result({ query: input, plan }, () => renderPlan(plan));
      return;
    }
    const result = await service.query(input as never, { signal: ctx.signal });
    ctx.out.result(result, () => renderCostResult(result, ctx));
  },
});

const ask = defineAtlasCommand({
  meta: { name: "ask", description: "Ask a cost question in plain words" },
  args: {
    question: { type: "positional", description: "the question, e.g. \"EC2 last month by region\"", required: false },
    explain: { type: "boolean", description: "show the parsed query and how it was understood" },
    "dry-run": { type: "boolean", description: "parse and plan without calling AWS" },
    history: { type: "boolean", description: "list the questions asked before" },
    llm: { type: "string", description: "parse with an LLM provider: openai (any OpenAI-compatible endpoint), anthropic or bedrock; default from config llm.provider", valueHint: "PROVIDER" },
    ...guardArgs,
  },
  examples: [
    'aws-atlas cost ask "How much did I spend on EC2 last month?"',
    'aws-atlas cost ask "S3 and CloudFront by region this quarter" --explain',
    'aws-atlas cost ask "daily costs for the last 14 days by service" --dry-run --json',
    "aws-atlas cost ask --history",
  ],
  async run(args, ctx) {
    const atlas = openAtlas(ctx);
    if (args.history) {
      const entries = await (await atlas.storage()).queryHistory.list({ limit: 20 });
      ctx.out.result(entries, () =>
        entries.length === 0 ? "No questions asked yet." : entries.map((e) => `${e.createdAt.toISOString()}  ${e.question ?? JSON.stringify(e.query)}`).join("\n"),
      );
      return;
    }
    const words = [args.question, ...((args._ as string[] | undefined) ?? []).slice(1)].filter((w) => typeof w === "string" && w !== "");
    if (words.length === 0) {
      throw new AtlasError("INVALID_ARGUMENT", "cost ask needs a question", { hint: 'Example: aws-atlas cost ask "EC2 last month by region".' });
    }
    const question = words.join(" ");
    const provider = typeof args.llm === "string" ? args.llm : undefined;
    if (args["dry-run"]) {
      const parsed = await atlas.parseQuestionWithLlm(question, { provider, signal: ctx.signal });
      warnAboutParsing(parsed, ctx);
      ctx.out.result({ query: parsed.query, explanation: parsed.explanation }, () =>
        [parsed.explanation, "", JSON.stringify(parsed.query, null, 2)].join("\n"),
      );
      return;
    }
    const answer = await atlas.ask(question, { provider, source: "cli", spendGuard: guardOverrides(args), signal: ctx.signal });
    warnAboutParsing(answer.parsed, ctx);
    if (args.explain) ctx.out.info(answer.parsed.explanation);
    if (answer.forecast) {
      const forecast = answer.forecast;
      ctx.out.result(forecast, () => renderForecast(forecast));
    } else if (answer.result) {
      const result = answer.result;
      ctx.out.result(result, () => renderCostResult(result, ctx));
    }
  },
});

function warnAboutParsing(parsed: { source: string; provider: string; notes: string[]; unrecognised: string[] }, ctx: CliContext): void {
  if (parsed.source === "parser" && parsed.provider !== "none" && parsed.notes[0]) ctx.out.warn(parsed.notes[0]);
  if (parsed.unrecognised.length > 0) ctx.out.warn(`not understood: ${parsed.unrecognised.join(", ")}`);
}

type ForecastResult = Awaited<ReturnType<Awaited<ReturnType<ReturnType<typeof openAtlas>["cost"]>>["forecast"]>>;

function renderForecast(f: ForecastResult): string {
  return [
    `Forecast ${f.start} .. ${f.end} (${f.metric}, ${f.level}% interval): ${f.total.amount} ${f.total.unit}`,
    ...f.results.map((r) => `  ${r.start} .. ${r.end}: ${r.mean} (${r.lower} – ${r.upper})`),
    `Requests: ${f.requests.made} paid ($${f.requests.priceUsd})`,
  ].join("\n");
}

function forecastOptions(args: Record<string, unknown>): { months?: number; days?: number; level: 80 | 95 } {
  const level = args.level === undefined ? 80 : Number(args.level);
  if (level !== 80 && level !== 95) throw new AtlasError("INVALID_ARGUMENT", `--level ${JSON.stringify(args.level)} must be 80 or 95`);
  const months = readPositiveInt(args, "months");
  const days = readPositiveInt(args, "days");
  if (months !== undefined && days !== undefined) throw new AtlasError("INVALID_ARGUMENT", "Use --months or --days, not both");
  return { months: days === undefined ? (months ?? 3) : undefined, days, level: level };
}

const forecastArgs = {
  months: { type: "string", description: "months ahead (default 3)", valueHint: "N" },
  days: { type: "string", description: "days ahead (daily forecast)", valueHint: "N" },
  level: { type: "string", description: "prediction interval, 80 or 95 (default 80)", valueHint: "80|95" },
} as const;

const forecast = defineAtlasCommand({
  meta: { name: "forecast", description: "AWS's cost forecast for the period ahead, with an 80% or 95% interval" },
  args: { ...forecastArgs, ...guardArgs },
  examples: ["aws-atlas cost forecast --months 3", "aws-atlas cost forecast --days 30 --level 95 --json"],
  async run(args, ctx) {
    const service = await openAtlas(ctx).cost({ spendGuard: guardOverrides(args) });
    const result = await service.forecast({ ...forecastOptions(args), signal: ctx.signal });
    ctx.out.result(result, () => renderForecast(result));
  },
});

const anomalies = defineAtlasCommand({
  meta: { name: "anomalies", description: "Anomalies reported by AWS Cost Anomaly Detection" },
  args: { days: { type: "string", description: "look back this many days (default 30)", valueHint: "N" }, ...guardArgs },
  examples: ["aws-atlas cost anomalies", "aws-atlas cost anomalies --days 90 --json"],
  async run(args, ctx) {
    const service = await openAtlas(ctx).cost({ spendGuard: guardOverrides(args) });
    const result = await service.anomalies({ days: readPositiveInt(args, "days") ?? 30, signal: ctx.signal });
    ctx.out.result(result, () =>
      [
        `${result.anomalies.length} anomalies between ${result.start} and ${result.end}`,
        ...result.anomalies.map(
          (a) => `  ${a.start}..${a.end ?? "open"}  ${a.service ?? "?"}  impact ${a.impact.total} (actual ${a.impact.actual ?? "?"} vs expected ${a.impact.expected ?? "?"})  score ${a.score.max}`,
        ),
        `Requests: ${result.requests.made} paid ($${result.requests.priceUsd})`,
      ].join("\n"),
    );
  },
});

const accountsArg = {
  accounts: { type: "string", description: "keep the ledger to these linked accounts (default from config, aws.accounts; none: every account)", valueHint: "ID,ID" },
} as const;

/** The accounts a sync keeps: `--accounts`, else the ids of `aws.accounts`, else every account. */
function syncAccounts(args: Record<string, unknown>, atlas: Atlas): string[] | undefined {
  if (typeof args.accounts === "string") {
    const ids = args.accounts.split(",").map((id) => id.trim()).filter((id) => id !== "");
    const bad = ids.find((id) => !/^\d{12}$/.test(id));
    if (bad !== undefined || ids.length === 0) {
      throw new AtlasError("INVALID_ARGUMENT", `--accounts ${bad === undefined ? "is empty" : `has "${bad}", which is not a 12-digit account id`}`, {
        hint: "Use --accounts 111111111111,222222222222.",
      });
    }
    return ids;
  }
  const configured = atlas.config.aws.accounts.map((account) => account.id);
  return configured.length > 0 ? configured : undefined;
}

const sync = defineAtlasCommand({
  meta: { name: "sync", description: "Bring the local cost ledger up to date, requesting only what is missing or not final" },
  args: { months: { type: "string", description: "months of history (default from config, costs.ledger_months)", valueHint: "N" }, ...accountsArg, ...guardArgs },
  examples: ["aws-atlas cost sync", "aws-atlas cost sync --months 13 --max-requests 300 --json", "aws-atlas cost sync --accounts 111111111111,222222222222"],
  async run(args, ctx) {
    const atlas = openAtlas(ctx);
    const accounts = syncAccounts(args, atlas);
    const service = await atlas.cost({ spendGuard: guardOverrides(args) });
    const months = readPositiveInt(args, "months") ?? atlas.config.costs.ledger_months;
    const plan = await service.planSync({ months, ...(accounts ? { accounts } : {}) });
    ctx.out.info(
      `Sync plan: ${plan.requests.length} request window(s), at least ${plan.paidRequests} paid request(s) ($${plan.priceUsd}); each further page costs $0.01 and the spend guard stops the run at its limit`,
    );
    const result = await service.sync({
      months,
      ...(accounts ? { accounts } : {}),
      signal: ctx.signal,
      onProgress: (e) => ctx.out.progress("syncing", e.daysWritten, e.daysToFetch, `${e.requests} requests`),
    });
    ctx.out.clearProgress();
    ctx.out.result(result, () =>
      [
        `Ledger ${result.start} .. ${result.end}: ${result.rowsUpserted} rows written, ${result.daysNew} new days, ${result.daysRefreshed} refreshed, ${result.daysFinal} final, ${result.daysPending} not final yet`,
        `Requests: ${result.requests} paid ($${result.priceUsd})`,
      ].join("\n"),
    );
  },
});

const planQuery = defineAtlasCommand({
  meta: { name: "query", description: "Plan and price a typed query" },
  args: { ...queryArgs },
  async run(args, ctx) {
    const input = buildQuery(args);
    const plan = await (await openAtlas(ctx).cost()).plan(input as never);
    ctx.out.result({ query: input, plan }, () => renderPlan(plan));
  },
});

const planAsk = defineAtlasCommand({
  meta: { name: "ask", description: "Plan and price a plain-words question" },
  args: { question: { type: "positional", description: "the question", required: true } },
  async run(args, ctx) {
    const atlas = openAtlas(ctx);
    const question = [args.question, ...((args._ as string[] | undefined) ?? []).slice(1)].join(" ");
    const parsed = atlas.parseQuestion(question);
    const service = await atlas.cost();
    const plan =
      parsed.query.intent === "forecast"
        ? await service.planForecast({ start: parsed.query.start, end: parsed.query.end })
        : await service.plan({ ...parsed.query, intent: "cost" });
    ctx.out.result({ query: parsed.query, explanation: parsed.explanation, plan }, () => `${parsed.explanation}\n\n${renderPlan(plan)}`);
  },
});

const planSync = defineAtlasCommand({
  meta: { name: "sync", description: "Plan and price a ledger sync" },
  args: { months: { type: "string", description: "months of history", valueHint: "N" }, ...accountsArg },
  async run(args, ctx) {
    const atlas = openAtlas(ctx);
    const accounts = syncAccounts(args, atlas);
    const plan = await (await atlas.cost()).planSync({
      months: readPositiveInt(args, "months") ?? atlas.config.costs.ledger_months,
      ...(accounts ? { accounts } : {}),
    });
    ctx.out.result(plan, () => renderPlan(plan));
  },
});

const planForecast = defineAtlasCommand({
  meta: { name: "forecast", description: "Plan and price a forecast" },
  args: { ...forecastArgs },
  async run(args, ctx) {
    const plan = await (await openAtlas(ctx).cost()).planForecast(forecastOptions(args));
    ctx.out.result(plan, () => renderPlan(plan));
  },
});

const planAnomalies = defineAtlasCommand({
  meta: { name: "anomalies", description: "Plan and price an anomaly listing" },
  args: { days: { type: "string", description: "look back this many days (default 30)", valueHint: "N" } },
  async run(args, ctx) {
    const plan = await (await openAtlas(ctx).cost()).planAnomalies({ days: readPositiveInt(args, "days") ?? 30 });
    ctx.out.result(plan, () => renderPlan(plan));
  },
});

const plan = defineAtlasCommand({
  meta: { name: "plan", description: "Any cost command's request plan and its price, without calling AWS" },
  subCommands: { query: planQuery, ask: planAsk, sync: planSync, forecast: planForecast, anomalies: planAnomalies },
});

export const costCommand = defineAtlasCommand({
  meta: { name: "cost", description: "Cost Explorer: typed queries, plain-words questions, ledger, forecast, anomalies" },
  subCommands: { query, ask, forecast, anomalies, sync, plan },
});
