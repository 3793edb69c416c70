import type { CostExplorerPort } from "./aws/cost-explorer-port.js";
import type { AwsClientOptions } from "./aws/aws-client-options.js";
import type { SsmPort } from "./aws/ssm-port.js";
import type { StsPort } from "./aws/sts-port.js";
import { type Clock, systemClock } from "./clock.js";
import type { AtlasConfig } from "./config/schema.js";
import { defaultConfig } from "./config/validate.js";
import { databaseUrlFromConfig } from "./config/database-url.js";
import { suggestKey } from "./config/key-path.js";
import { AtlasError, toAtlasError } from "./errors.js";
import { applyFilters, type SnapshotFilters } from "./infrastructure/filters.js";
import { regionLaunchDate } from "./infrastructure/launch-dates.js";
import type { ScanProgress } from "./infrastructure/scan.js";
import type { RegionInfo, Snapshot } from "./infrastructure/snapshot.js";
import { whereAvailable, type ServiceAvailability } from "./infrastructure/where.js";
import { type Logger, noopLogger } from "./logger.js";
import { createResiliencePolicy, type ResiliencePolicy } from "./resilience/resilience-policy.js";
import type { ScanDiff, ServiceHistory } from "./storage/scan-repository.js";
import type { CostService } from "./costs/cost-service.js";
import { parseQuestion, type ParsedQuestion } from "./query/parse-question.js";
import type { Storage } from "./storage/open-storage.js";
import type { LatestSnapshotOptions } from "./storage/scan-repository.js";

/** The Bedrock model `cost ask --llm bedrock` uses when `llm.model` names none. */
const DEFAULT_BEDROCK_MODEL = "amazon.nova-lite-v1:0";

/** Options for {@link createAtlas}. Every port is optional: what is missing is built from `config`. */
export interface AtlasOptions {
  /** The effective configuration (see `resolveConfig`); defaults when absent. */
  config?: AtlasConfig;
  /** Environment for AWS endpoint overrides and credentials (the CLI passes `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Home directory for `~` in database paths. */
  homeDir?: string;
  clock?: Clock;
  logger?: Logger;
  ssm?: SsmPort;
  costExplorer?: CostExplorerPort;
  sts?: StsPort;
  storage?: Storage;
  /** The policy all SSM calls share (rate limit, concurrency, retries, circuit breaker). */
  ssmPolicy?: ResiliencePolicy;
  /** The policy all Cost Explorer calls share. */
  costPolicy?: ResiliencePolicy;
}

/** Options for {@link Atlas.scan}. */
export interface AtlasScanOptions {
  /** Only these exact service codes (a targeted scan; not stored as a full snapshot). */
  services?: string[];
  signal?: AbortSignal;
  onProgress?: (event: ScanProgress) => void;
}

/** The outcome of {@link Atlas.scan}: the `scan --json` contract plus the snapshot. */
export interface ScanOutcome {
  scanId: number | null;
  startedAt: string;
  finishedAt: string;
  complete: boolean;
  regions: number;
  services: number;
  pairs: number;
  apiCalls: number;
  throttled: number;
  retries: number;
  durationMs: number;
  failures: { path: string; code: string; message: string }[];
  /** Changes since the previous complete scan (empty for the first scan). */
  changes: { added: number; removed: number };
  snapshot: Snapshot;
}

/** One row of `regions --json`: the region's metadata, its service count and launch date. */
export interface RegionListing extends RegionInfo {
  serviceCount: number;
  launchDate: string | null;
}

/** One row of `services --json`. */
export interface ServiceListing {
  code: string;
  name: string;
  regionCount: number;
  regions: string[];
}

/** The answer of {@link Atlas.region}. */
export interface RegionDetail extends RegionListing {
  launchDateSource: string | null;
  announcementUrl: string | null;
  services: { code: string; name: string }[];
}

/** How {@link Atlas.where} got its answer. */
export interface WhereResult {
  results: ServiceAvailability[];
  source: "stored" | "aws";
  apiCalls: number;
  /** Set when the answer comes from stored data: the scan it comes from. */
  scanId: number | null;
}

/** Options for {@link Atlas.report}. */
export interface AtlasReportOptions {
  formats: string[];
  outDir: string;
  filters?: SnapshotFilters;
  /** Scan first even when a complete snapshot is stored. */
  refresh?: boolean;
  /** Use this snapshot instead of the stored one (e.g. the bundled offline snapshot). */
  snapshot?: Snapshot;
  template?: string;
  profile?: string;
  signal?: AbortSignal;
  onProgress?: (event: ScanProgress) => void;
}

/** One check of {@link Atlas.testConnections}. */
export interface ConnectionCheck {
  name: "credentials" | "ssm" | "database" | "cost-explorer";
  ok: boolean;
  detail: string;
  ms: number;
  code?: string;
}

/** Options for {@link Atlas.ask}. */
export interface AskOptions {
  /** LLM provider name (`openai`, `anthropic`); the configured one when absent; `none` for the parser only. */
  provider?: string;
  /** Where the question came from, for the history (`cli`, `http`, `sdk`). */
  source?: string;
  spendGuard?: { maxPaidRequests?: number; maxUsdPerRun?: string };
  signal?: AbortSignal;
}

/** The answer of {@link Atlas.ask}: how the question was read and the cost result or forecast. */
export interface AskAnswer {
  parsed: ParsedQuestion & { source: "llm" | "parser"; provider: string };
  /** Set for cost and trend questions: the contract's `cost ask --json` shape. */
  result?: Awaited<ReturnType<CostService["query"]>> & { query: ParsedQuestion["query"] };
  /** Set for forecast questions. */
  forecast?: Awaited<ReturnType<CostService["forecast"]>> & { query: ParsedQuestion["query"] };
}

/** The aws-atlas SDK facade. Create it with {@link createAtlas}; close it when done. */
export interface Atlas {
  readonly config: AtlasConfig;
  readonly clock: Clock;
  /** The storage, opened (and migrated) on first use. */
  storage(): Promise<Storage>;
  /** The SSM port, created on first use. */
  ssm(): Promise<SsmPort>;
  /** The Cost Explorer port, created on first use. */
  costExplorer(): Promise<CostExplorerPort>;
  /** Crawl SSM and store the snapshot (full scans only). */
  scan(options?: AtlasScanOptions): Promise<ScanOutcome>;
  /** The latest complete snapshot, filtered; undefined when none is stored. */
  latestSnapshot(filters?: SnapshotFilters): Promise<Snapshot | undefined>;
  /** The latest complete snapshot or a NOT_FOUND error that says to scan first. */
  requireSnapshot(filters?: SnapshotFilters): Promise<Snapshot>;
  regions(filters?: SnapshotFilters): Promise<RegionListing[]>;
  services(filters?: SnapshotFilters): Promise<ServiceListing[]>;
  region(code: string): Promise<RegionDetail>;
  /** Where services are offered: from stored data, else with a targeted scan of a handful of calls. */
  where(services: string[], options?: { signal?: AbortSignal; filters?: SnapshotFilters }): Promise<WhereResult>;
  diff(options?: { from?: number; to?: number }): Promise<ScanDiff>;
  history(service: string, options?: { region?: string }): Promise<ServiceHistory>;
  /** Write report files from the latest complete snapshot (scanning first when needed). */
  report(options: AtlasReportOptions): Promise<{ files: string[]; scanId: number | null; scanned: boolean }>;
  testConnections(options?: { includePaid?: boolean; signal?: AbortSignal }): Promise<ConnectionCheck[]>;
  /**
   * The Cost Explorer service (queries, plans, ledger sync, forecast, anomalies, trends), created on first
   * use with the configured spend guard; `spendGuard` overrides it for this run.
   */
  cost(options?: { spendGuard?: { maxPaidRequests?: number; maxUsdPerRun?: string } }): Promise<CostService>;
  /**
   * Answer a plain-words question: parse it (with the LLM provider when one is given or configured),
   * run it as a cost query or a forecast by its intent, and record it in the query history.
   */
  ask(question: string, options?: AskOptions): Promise<AskAnswer>;
  /** Parse a plain-words cost question into a query (no AWS call). */
  parseQuestion(question: string): ParsedQuestion;
  /**
   * Parse a question with the configured LLM provider (or `provider`), falling back to the built-in
   * parser when the model's answer is missing or invalid. Without a provider it is {@link Atlas.parseQuestion}.
   */
  parseQuestionWithLlm(question: string, options?: { provider?: string; signal?: AbortSignal }): Promise<ParsedQuestion & { source: "llm" | "parser"; provider: string }>;
  close(): Promise<void>;
}

/**
 * Build the aws-atlas facade from injected ports and configuration. Nothing connects until used.
 *
 * @example
 * const atlas = createAtlas({ config: resolveConfig({ env: process.env, cwd, homeDir }).config, env: process.env });
 * const { results } = await atlas.where(["bedrock"]);
 * await atlas.close();
 */
export function createAtlas(options: AtlasOptions = {}): Atlas {
  const config = options.config ?? defaultConfig();
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? noopLogger;
  const env = options.env ?? {};
  const closers: (() => unknown)[] = [];

  const once = <T>(make: () => Promise<T>): (() => Promise<T>) => {
    let pending: Promise<T> | undefined;
    return () => (pending ??= make().catch((error: unknown) => {
      pending = undefined;
      throw error;
    }));
  };

  const awsOptions = (): AwsClientOptions => ({
    region: config.aws.region,
    endpoint: config.aws.endpoint_url ?? undefined,
    env,
    profile: config.aws.profile ?? undefined,
    requestTimeoutMs: config.performance.timeout_seconds * 1000,
    maxSockets: config.performance.connection_pool_size,
  });

  const ssmPolicy =
    options.ssmPolicy ??
    createResiliencePolicy({
      maxRps: config.performance.max_rps,
      concurrency: config.performance.max_workers,
      maxRetries: config.performance.max_retries,
      timeoutMs: config.performance.timeout_seconds * 1000,
    });

  const storage = once(async () => {
    if (options.storage) return options.storage;
    const { openStorage } = await import("./storage/open-storage.js");
    const url = databaseUrlFromConfig(config.database, { homeDir: options.homeDir });
    const opened = await openStorage({ url, homeDir: options.homeDir, logger, clock, migrate: config.database.tables.create_if_missing });
    closers.push(() => opened.close());
    return opened;
  });

  const ssm = once(async () => {
    if (options.ssm) return options.ssm;
    const { createSsmPort } = await import("./aws/ssm-port.js");
    const port = createSsmPort({ ...awsOptions(), endpoint: config.aws.service_endpoints?.ssm ?? awsOptions().endpoint });
    closers.push(() => port.destroy());
    return port;
  });

  const costExplorer = once(async () => {
    if (options.costExplorer) return options.costExplorer;
    const { createCostExplorerPort } = await import("./aws/cost-explorer-port.js");
    const port = createCostExplorerPort({
      ...awsOptions(),
      endpoint: config.aws.service_endpoints?.cost_explorer ?? awsOptions().endpoint,
    });
    closers.push(() => port.destroy());
    return port;
  });

  const sts = once(async () => {
    if (options.sts) return options.sts;
    const { createStsPort } = await import("./aws/sts-port.js");
    const port = createStsPort({ ...awsOptions(), endpoint: config.aws.service_endpoints?.sts ?? awsOptions().endpoint });
    closers.push(() => port.destroy());
    return port;
  });

  const costPolicy =
    options.costPolicy ??
    createResiliencePolicy({
      maxRps: 5,
      concurrency: 2,
      maxRetries: config.performance.max_retries,
      timeoutMs: config.performance.timeout_seconds * 1000,
    });

  let costService: Promise<CostService> | undefined;
  const cost = (costOptions: { spendGuard?: { maxPaidRequests?: number; maxUsdPerRun?: string } } = {}) =>
    (costService ??= (async () => {
      const { createCostService } = await import("./costs/cost-service.js");
      const guard = config.costs.spend_guard;
      return createCostService({
        ce: await costExplorer(),
        policy: costPolicy,
        clock,
        logger,
        storage: await storage(),
        spendGuard: {
          maxPaidRequests: costOptions.spendGuard?.maxPaidRequests ?? guard.max_paid_requests,
          maxUsdPerRun: costOptions.spendGuard?.maxUsdPerRun ?? guard.max_usd_per_run,
        },
        cacheTtlMs: config.cache.ttl_hours * 3_600_000,
        restatementDays: config.costs.restatement_days,
        cacheScope: [config.aws.profile ?? "default", config.aws.endpoint_url ?? config.aws.service_endpoints?.cost_explorer ?? "aws"].join("|"),
      });
    })().catch((error: unknown) => {
      costService = undefined;
      throw error;
    }));

  const runScan = async (scanOptions: AtlasScanOptions & { services?: string[] }): Promise<Snapshot> => {
    const { scan } = await import("./infrastructure/scan.js");
    return scan({
      ssm: await ssm(),
      policy: ssmPolicy,
      signal: scanOptions.signal,
      onProgress: scanOptions.onProgress,
      now: () => clock.now(),
      services: scanOptions.services,
    });
  };

  /** The latest complete snapshot, filtered; with `only`, just those services' or regions' pairs are read. */
  const readLatest = async (filters?: SnapshotFilters, only?: LatestSnapshotOptions): Promise<Snapshot | undefined> => {
    const snapshot = await (await storage()).scans.latestSnapshot(only);
    if (!snapshot) return undefined;
    return filters ? applyFilters(snapshot, filters) : snapshot;
  };

  const latestSnapshot = (filters?: SnapshotFilters): Promise<Snapshot | undefined> => readLatest(filters);

  const requireSnapshot = async (filters?: SnapshotFilters, only?: LatestSnapshotOptions): Promise<Snapshot> => {
    const snapshot = await readLatest(filters, only);
    if (!snapshot) {
      throw new AtlasError("NOT_FOUND", "No complete scan is stored yet", {
        hint: 'Run "aws-atlas scan" first (or "aws-atlas report --offline" for the bundled snapshot).',
      });
    }
    return snapshot;
  };

  const atlas: Atlas = {
    config,
    clock,
    storage,
    ssm,
    costExplorer,

    async scan(scanOptions = {}) {
      const started = clock.now();
      const snapshot = await runScan(scanOptions);
      const finished = clock.now();
      let scanId: number | null = null;
      let changes = { added: 0, removed: 0 };
      if (!scanOptions.services) {
        const committed = await (await storage()).scans.commitScan(snapshot);
        scanId = committed.scanId;
        changes = { added: committed.changes.added.length, removed: committed.changes.removed.length };
      }
      return {
        scanId,
        startedAt: snapshot.startedAt.toISOString(),
        finishedAt: snapshot.finishedAt.toISOString(),
        complete: snapshot.complete,
        regions: snapshot.regions.length,
        services: snapshot.services.length,
        pairs: countPairs(snapshot),
        apiCalls: snapshot.stats.apiCalls,
        throttled: snapshot.stats.throttled,
        retries: snapshot.stats.retries,
        durationMs: Math.max(0, finished.getTime() - started.getTime()),
        failures: snapshot.failures.map((f) => ({ path: f.path, code: f.code, message: f.message })),
        changes,
        snapshot,
      };
    },

    latestSnapshot,
    requireSnapshot,

    async regions(filters) {
      const snapshot = await requireSnapshot(filters);
      return snapshot.regions.map((r) => regionListing(r, snapshot));
    },

    async services(filters) {
      const snapshot = await requireSnapshot(filters);
      const regionsByService = new Map<string, string[]>();
      for (const region of snapshot.regions) {
        for (const code of snapshot.availability[region.code] ?? []) {
          const list = regionsByService.get(code) ?? [];
          list.push(region.code);
          regionsByService.set(code, list);
        }
      }
      return snapshot.services.map((s) => {
        const regions = regionsByService.get(s.code) ?? [];
        return { code: s.code, name: s.name, regionCount: regions.length, regions };
      });
    },

    async region(code) {
      const snapshot = await requireSnapshot(undefined, { regions: [code] });
      const wanted = code.toLowerCase();
      const region = snapshot.regions.find((r) => r.code === wanted || r.name.toLowerCase() === wanted);
      if (!region) {
        throw new AtlasError("NOT_FOUND", `Region "${code}" is not in the latest scan`, {
          hint: `Known regions: ${snapshot.regions.map((r) => r.code).join(", ")}.`,
        });
      }
      const names = new Map(snapshot.services.map((s) => [s.code, s.name]));
      const launch = regionLaunchDate(region.code);
      return {
        ...regionListing(region, snapshot),
        launchDateSource: launch?.source ?? null,
        announcementUrl: launch?.url ?? null,
        services: (snapshot.availability[region.code] ?? []).map((c) => ({ code: c, name: names.get(c) ?? c })),
      };
    },

    async where(services, whereOptions = {}) {
      // min-services counts every service of a region, so it needs every pair; otherwise only the
      // asked-for services' pairs are read.
      const only = whereOptions.filters?.minServices === undefined ? { services } : undefined;
      const stored = await readLatest(whereOptions.filters, only);
      if (stored) {
        assertKnownServices(stored, services);
        const scanId = await (await storage()).scans.latestScanId();
        return { results: whereAvailable(stored, services), source: "stored", apiCalls: 0, scanId };
      }
      const codes = services.map((s) => s.trim().toLowerCase());
      const snapshot = await runScan({ services: codes, signal: whereOptions.signal });
      if (!snapshot.complete) {
        const failure = snapshot.failures[0];
        throw new AtlasError("PARTIAL_RESULT", `Could not fetch every region list (${snapshot.failures.length} failed${failure ? `, first: ${failure.path}: ${failure.message}` : ""})`, {
          hint: "Try again, or run a full scan.",
        });
      }
      const filtered = whereOptions.filters ? applyFilters(snapshot, whereOptions.filters) : snapshot;
      return { results: whereAvailable(filtered, codes), source: "aws", apiCalls: snapshot.stats.apiCalls, scanId: null };
    },

    async diff(diffOptions = {}) {
      const store = await storage();
      let { from, to } = diffOptions;
      to ??= (await store.scans.listScans({ limit: 1, complete: true }))[0]?.id;
      if (from === undefined && to !== undefined) {
        from = (await store.scans.listScans({ limit: 1, complete: true, beforeId: to }))[0]?.id;
      }
      if (from === undefined || to === undefined) {
        throw new AtlasError("NOT_FOUND", "A diff needs two complete scans and fewer are stored", {
          hint: 'Run "aws-atlas scan" again later, or pass --from and --to.',
        });
      }
      return store.scans.diff(from, to);
    },

    async history(service, historyOptions = {}) {
      return (await storage()).scans.history(service, historyOptions);
    },

    async report(reportOptions) {
      let snapshot = reportOptions.snapshot;
      let scanId: number | null = null;
      let scanned = false;
      if (!snapshot) {
        const stored = reportOptions.refresh ? undefined : await latestSnapshot();
        if (stored) {
          snapshot = stored;
          scanId = await (await storage()).scans.latestScanId();
        } else {
          const outcome = await atlas.scan({ signal: reportOptions.signal, onProgress: reportOptions.onProgress });
          snapshot = outcome.snapshot;
          scanId = outcome.scanId;
          scanned = true;
        }
      }
      const filtered = reportOptions.filters ? applyFilters(snapshot, reportOptions.filters) : snapshot;
      const { writeReport } = await import("./export/write-report.js");
      const files = await writeReport({
        input: { snapshot: filtered, launchDates: launchDatesFor(filtered), generatedAt: clock.now(), scanId: scanId ?? undefined },
        formats: reportOptions.formats,
        outDir: reportOptions.outDir,
        naming: { template: reportOptions.template, profile: reportOptions.profile },
        signal: reportOptions.signal,
      });
      return { files, scanId, scanned };
    },

    async testConnections(testOptions = {}) {
      const checks: ConnectionCheck[] = [];
      const check = async (name: ConnectionCheck["name"], run: () => Promise<string>) => {
        const started = Date.now();
        try {
          const detail = await run();
          checks.push({ name, ok: true, detail, ms: Date.now() - started });
        } catch (error) {
          const e = toAtlasError(error);
          // one line per check, even when the AWS SDK's own message spans several
          checks.push({ name, ok: false, detail: e.toLine().replace(/\s*\n\s*/g, " "), ms: Date.now() - started, code: e.code });
        }
      };
      await check("credentials", async () => {
        const identity = await (await sts()).getCallerIdentity({ signal: testOptions.signal });
        return `account ${identity.account} as ${identity.arn}`;
      });
      await check("ssm", async () => {
        const page = await (await ssm()).getParametersByPath(
          { path: "/aws/service/global-infrastructure/regions", maxResults: 1 },
          { signal: testOptions.signal },
        );
        return `global-infrastructure parameters readable (${page.parameters.length} on the first page)`;
      });
      await check("database", async () => {
        const status = await (await storage()).status();
        return `${status.dialect} at ${status.location}, schema ${status.schemaVersion}/${status.latestSchemaVersion}`;
      });
      if (testOptions.includePaid) {
        await check("cost-explorer", async () => {
          const today = clock.now().toISOString().slice(0, 10);
          const yesterday = new Date(Date.parse(today) - 86_400_000).toISOString().slice(0, 10);
          await (await costExplorer()).getCostAndUsage(
            { timePeriod: { start: yesterday, end: today }, granularity: "DAILY", metrics: ["UnblendedCost"] },
            { signal: testOptions.signal },
          );
          return "GetCostAndUsage answered (1 paid request, $0.01)";
        });
      }
      return checks;
    },

    cost,

    async ask(question, askOptions = {}) {
      const parsed = await atlas.parseQuestionWithLlm(question, { provider: askOptions.provider, signal: askOptions.signal });
      const service = await cost({ spendGuard: askOptions.spendGuard });
      const started = Date.now();
      const { query } = parsed;
      let answer: AskAnswer;
      if (query.intent === "forecast") {
        const forecast = await service.forecast({
          start: query.start,
          end: query.end,
          metric: query.metrics[0],
          filter: query.filter ?? undefined,
          signal: askOptions.signal,
        });
        answer = { parsed, forecast: { query, ...forecast } };
      } else {
        const result = await service.query({ ...query, intent: "cost" }, { signal: askOptions.signal });
        answer = { parsed, result: { ...result, query } };
      }
      await (await storage()).queryHistory.add({
        source: askOptions.source ?? "sdk",
        kind: parsed.source === "llm" ? `cost-ask:${parsed.provider}` : "cost-ask",
        question,
        query,
        durationMs: Date.now() - started,
        paidRequests: (answer.result ?? answer.forecast)?.requests.made ?? 0,
      });
      return answer;
    },

    parseQuestion(question) {
      return parseQuestion(question, {
        now: clock.now(),
        fiscalYearStartMonth: config.costs.fiscal_year_start_month,
        defaultMetric: config.costs.default_metric,
      });
    },

    async parseQuestionWithLlm(question, llmOptions = {}) {
      const name = (llmOptions.provider ?? config.llm.provider).toLowerCase();
      if (name === "none") return { ...atlas.parseQuestion(question), source: "parser", provider: "none" };
      const llm = await import("./query/index.js");
      const timeoutMs = config.llm.timeout_seconds * 1000;
      let provider;
      if (name === "openai") {
        provider = llm.createOpenAiCompatibleProvider({
          baseUrl: config.llm.base_url ?? "https://api.openai.com/v1",
          model: config.llm.model ?? "gpt-4o-mini",
          apiKeyEnv: config.llm.api_key_env ?? "OPENAI_API_KEY",
          env,
          jsonMode: config.llm.base_url === undefined,
          timeoutMs,
        });
      } else if (name === "anthropic") {
        provider = llm.createAnthropicProvider({
          model: config.llm.model ?? "claude-3-5-haiku-latest",
          apiKeyEnv: config.llm.api_key_env ?? "ANTHROPIC_API_KEY",
          baseUrl: config.llm.base_url,
          env,
          timeoutMs,
        });
      } else if (name === "bedrock") {
        const { createBedrockConverse } = await import("./aws/bedrock-port.js");
        // llm.base_url, if set, is the Bedrock runtime endpoint (a VPC endpoint, a local stand-in).
        const converse = createBedrockConverse({ ...awsOptions(), endpoint: config.llm.base_url ?? awsOptions().endpoint, requestTimeoutMs: timeoutMs });
        closers.push(() => converse.destroy());
        provider = llm.createBedrockProvider({ modelId: config.llm.model ?? DEFAULT_BEDROCK_MODEL, converse });
      } else {
        throw new AtlasError("INVALID_CONFIG", `LLM provider "${name}" is not known`, {
          hint: 'Use "openai" (any OpenAI-compatible endpoint, e.g. Ollama or vLLM via llm.base_url), "anthropic" or "bedrock".',
        });
      }
      return llm.parseQuestionWithLlm(question, {
        now: clock.now(),
        fiscalYearStartMonth: config.costs.fiscal_year_start_month,
        defaultMetric: config.costs.default_metric,
        provider,
        signal: llmOptions.signal,
      });
    },

    async close() {
      for (const close of closers.splice(0).reverse()) {
        try {
          await close();
        } catch (error) {
          logger.debug("close failed", { error: String(error) });
        }
      }
    },
  };
  return atlas;
}

function assertKnownServices(snapshot: Snapshot, services: readonly string[]): void {
  const known = new Set(snapshot.services.flatMap((s) => [s.code.toLowerCase(), s.name.toLowerCase()]));
  const unknown = services.filter((s) => !known.has(s.trim().toLowerCase()));
  if (unknown.length === 0) return;
  const first = unknown[0] ?? "";
  const suggestion = suggestKey(first.toLowerCase(), snapshot.services.map((s) => s.code));
  throw new AtlasError("NOT_FOUND", `No service "${first}" in the latest scan${unknown.length > 1 ? ` (nor ${unknown.slice(1).join(", ")})` : ""}`, {
    hint: suggestion ? `Did you mean "${suggestion}"? "aws-atlas services" lists them.` : '"aws-atlas services" lists the known services.',
  });
}

function countPairs(snapshot: Snapshot): number {
  let pairs = 0;
  for (const services of Object.values(snapshot.availability)) pairs += services.length;
  return pairs;
}

function regionListing(region: RegionInfo, snapshot: Snapshot): RegionListing {
  return {
    code: region.code,
    name: region.name,
    partition: region.partition,
    domain: region.domain,
    geolocationCountry: region.geolocationCountry,
    geolocationRegion: region.geolocationRegion,
    availabilityZones: region.availabilityZones,
    localZones: region.localZones,
    serviceCount: snapshot.availability[region.code]?.length ?? 0,
    launchDate: regionLaunchDate(region.code)?.date ?? null,
  };
}

function launchDatesFor(snapshot: Snapshot): Record<string, { date: string | null; source: string | null; url: string | null }> {
  const dates: Record<string, { date: string | null; source: string | null; url: string | null }> = {};
  for (const region of snapshot.regions) {
    const launch = regionLaunchDate(region.code);
    dates[region.code] = { date: launch?.date ?? null, source: launch?.source ?? null, url: launch?.url ?? null };
  }
  return dates;
}
