import * as z from "zod";
import { COST_METRICS } from "../costs/cost-vocabulary.js";

/**
 * Documentation and behaviour attached to a configuration field (kept in {@link configFieldMeta}).
 * The validator, the docs generator, the starter template and the environment mapping all read
 * it, so the schema is the single source of truth.
 */
export interface ConfigFieldMeta {
  /** One or two sentences for the docs and for `config init` comments. */
  description?: string;
  /**
   * Accepted but not implemented yet: `true` for the whole field (warned when it is switched on),
   * or the values that are: enum values, or the `type` of an object (of each item, for a list).
   */
  notImplemented?: boolean | readonly string[];
  /** Standard environment variables that also set this field (besides `AWS_ATLAS_...`). */
  env?: readonly string[];
  /** How the default is described in the docs when it is not a literal value. */
  defaultLabel?: string;
  /** How the type is described in the docs, when more precise than the schema kind. */
  typeLabel?: string;
}

/**
 * The metadata of configuration schemas. Its own registry and `register()`, not `.meta()`: `.meta()`
 * copies the schema, and the schema is built on every run that reads a configuration.
 *
 * @example
 * configFieldMeta.get(atlasConfigSchema.shape.performance)?.description;
 */
export const configFieldMeta = z.registry<ConfigFieldMeta>();

function withMeta<T extends z.ZodType>(schema: T, meta: ConfigFieldMeta): T {
  // A schema already described (a shared instance) is copied first, so that each use keeps its own.
  const target = configFieldMeta.has(schema) ? schema.clone() : schema;
  (target as z.ZodType).register(configFieldMeta, meta);
  return target;
}

function field<T extends z.ZodType>(schema: T, description: string, extra: Omit<ConfigFieldMeta, "description"> = {}): T {
  return withMeta(schema, { description, ...extra });
}

/** The configuration format version this release reads. */
export const CONFIG_VERSION = "2.0";

const numberToString = (value: unknown): unknown => (typeof value === "number" ? String(value) : value);
const lowerCase = (value: unknown): unknown => (typeof value === "string" ? value.toLowerCase() : value);
const upperCase = (value: unknown): unknown => (typeof value === "string" ? value.toUpperCase() : value);

const text = () => z.string().min(1, "must not be empty");
const httpUrl = () => withMeta(z.url({ protocol: /^https?$/, error: "expected an http:// or https:// URL" }), { typeLabel: "URL" });
const envVarName = () =>
  withMeta(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "expected the NAME of an environment variable (like OPENAI_API_KEY), not its value"), {
    typeLabel: "environment variable name",
  });

const GLOB_ERROR = "expected a glob pattern (*, ?, [abc]) with balanced brackets";
const glob = () =>
  text().refine((value) => {
    let open = false;
    for (const char of value) {
      if (char === "[") {
        if (open) return false;
        open = true;
      } else if (char === "]") {
        if (!open) return false;
        open = false;
      }
    }
    return !open;
  }, GLOB_ERROR);

const globList = (what: string) => field(z.array(glob()).default([]), what, { typeLabel: "list of glob patterns" });

const accountId = () =>
  z.preprocess(
    // YAML and TOML read an unquoted account id as a number and drop its leading zeros.
    (value) => (typeof value === "number" && Number.isInteger(value) && value >= 0 && value < 1e12 ? String(value).padStart(12, "0") : value),
    z.string().regex(/^\d{12}$/, "expected a 12-digit AWS account id"),
  );

const roleArn = () =>
  z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/, "expected an IAM role ARN like arn:aws:iam::123456789012:role/Name");

const sessionName = () =>
  field(
    z
      .string()
      .regex(/^[\w+=,.@-]{2,64}$/, "expected 2 to 64 characters from letters, digits and +=,.@_-")
      .default("aws-atlas"),
    "Role session name shown in CloudTrail for the assumed role.",
  );

const externalId = () =>
  field(
    z.string().regex(/^[\w+=,.@:/-]{2,1224}$/, "expected 2 to 1224 characters from letters, digits and +=,.@:/_-").optional(),
    "External id required by the role's trust policy, if any.",
  );

const decimalUsd = () =>
  withMeta(
    z
      .union([z.string(), z.number().nonnegative("must not be negative")])
      .transform((value) => (typeof value === "number" ? String(value) : value))
      .pipe(z.string().regex(/^\d+(\.\d{1,4})?$/, "expected an amount in USD like \"1.00\" (a decimal string)")),
    { typeLabel: "decimal string (USD)" },
  );

const crossAccountRoleSchema = z.strictObject({
  role_arn: field(roleArn(), "ARN of the role to assume."),
  external_id: externalId(),
  session_name: sessionName(),
  duration_seconds: field(z.int().min(900).max(43_200).default(3600), "Lifetime of the assumed-role session, in seconds."),
});

const accountSchema = z.strictObject({
  id: field(accountId(), "12-digit AWS account id."),
  name: field(text().optional(), "Display name used in reports."),
  role_arn: field(roleArn().optional(), "Role to assume in this account; omit to use the base credentials.", { notImplemented: true }),
  external_id: externalId(),
  session_name: sessionName(),
});

const awsSchema = z.strictObject({
  profile: field(text().optional(), "Named profile from ~/.aws/config and ~/.aws/credentials. Omit to use the default credential chain.", {
    env: ["AWS_PROFILE"],
  }),
  region: field(
    z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, "expected an AWS region code like us-east-1").default("us-east-1"),
    "Region of the AWS API endpoints (SSM parameters and Cost Explorer are read through it).",
    { env: ["AWS_REGION", "AWS_DEFAULT_REGION"] },
  ),
  endpoint_url: field(httpUrl().optional(), "Endpoint for every AWS call (a local emulator, a VPC endpoint).", {
    env: ["AWS_ENDPOINT_URL"],
  }),
  service_endpoints: field(
    z
      .strictObject({
        ssm: field(httpUrl().optional(), "Endpoint for SSM only.", { env: ["AWS_ENDPOINT_URL_SSM"] }),
        cost_explorer: field(httpUrl().optional(), "Endpoint for Cost Explorer only.", { env: ["AWS_ENDPOINT_URL_COST_EXPLORER"] }),
        sts: field(httpUrl().optional(), "Endpoint for STS only.", { env: ["AWS_ENDPOINT_URL_STS"] }),
      })
      .prefault({}),
    "Per-service endpoints; each overrides endpoint_url for its service.",
  ),
  accounts: field(
    z.array(accountSchema).default([]),
    "Accounts to report on: `cost sync` keeps the ledger to these linked accounts (`--accounts` replaces them). Empty means every account the caller's Cost Explorer sees (all linked accounts, from an organisation's management account).",
  ),
  cross_account_roles: field(z.array(crossAccountRoleSchema).default([]), "Roles to assume, one per extra account.", { notImplemented: true }),
});

const performanceSchema = z.strictObject({
  max_workers: field(z.int().min(1).max(256).default(10), "Concurrent AWS requests (scan --concurrency)."),
  max_rps: field(z.number().gt(0, "must be greater than 0").max(1000).default(40), "Upper bound on AWS requests per second across all workers; the limiter adapts below it when throttled."),
  max_retries: field(z.int().min(0).max(20).default(3), "Retries per request after a throttle or a transient error."),
  timeout_seconds: field(z.number().gt(0, "must be greater than 0").max(3600).default(30), "Timeout for one AWS request, in seconds."),
  connection_pool_size: field(z.int().min(1).max(1000).default(50), "Maximum open HTTP connections to AWS."),
});

const cacheSchema = z.strictObject({
  enabled: field(z.boolean().default(true), "Cache AWS answers between runs."),
  ttl_hours: field(z.number().gt(0, "must be greater than 0").max(24 * 365).default(24), "How long a cached answer stays fresh. Final cost data is kept regardless."),
  storage: field(
    z
      .strictObject({
        type: field(z.preprocess(lowerCase, z.enum(["file", "memory", "redis", "memcached"])).default("file"), "Where the cache lives.", {
          notImplemented: ["redis", "memcached"],
        }),
        location: field(text().default("~/.aws-atlas/cache"), "Directory (file cache) or URL (redis, memcached)."),
        max_size_mb: field(z.number().gt(0, "must be greater than 0").default(100), "Size above which the oldest entries are evicted."),
      })
      .prefault({}),
    "Cache storage.",
  ),
  compression: field(z.boolean().default(false), "Compress cache entries on disk."),
  encryption: field(
    z
      .strictObject({
        enabled: field(z.boolean().default(false), "Encrypt cache entries at rest."),
        key_provider: field(z.preprocess(lowerCase, z.enum(["aws_kms", "local"])).default("aws_kms"), "Who holds the key."),
        key_id: field(text().optional(), "KMS key id, ARN or alias (aws_kms)."),
      })
      .prefault({}),
    "Encryption of the cache at rest.",
    { notImplemented: true },
  ),
});

/** Report formats written by `report`; `excel` is read as `xlsx`. */
export const OUTPUT_FORMATS = ["csv", "json", "xlsx", "xml", "md", "html"] as const;

const namingTemplate = () =>
  z
    .string()
    .min(1, "must not be empty")
    .refine((value) => [...value.matchAll(/\{([^}]*)\}/g)].every((m) => ["date", "time", "profile"].includes(m[1] ?? "")), "placeholders are {date}, {time} and {profile}")
    .refine((value) => !/[/\\]/.test(value), "must be a file name, without / or \\");

const outputSchema = z.strictObject({
  formats: field(
    z
      .array(z.preprocess((value) => (typeof value === "string" ? ({ excel: "xlsx", markdown: "md" }[value.toLowerCase()] ?? value.toLowerCase()) : value), z.enum(OUTPUT_FORMATS)))
      .min(1, "must list at least one format")
      .default(["json"]),
    "Formats `report` writes (excel is read as xlsx, markdown as md).",
  ),
  directory: field(text().default("./reports"), "Directory for report files (report --out)."),
  naming: field(
    z
      .strictObject({
        template: field(namingTemplate().default("aws-atlas_{date}_{time}"), "File name without extension; {date}, {time} and {profile} are replaced."),
        timestamp_format: field(
          z
            .string()
            .regex(/^(?:[^%]|%[YmdHMSjbBaAyz%])*$/, "expected strftime directives among %Y %m %d %H %M %S %j %b %B %a %A %y %z %%")
            .default("%Y%m%d_%H%M%S"),
          "strftime format of {date}_{time} when both are used; {date} alone is %Y%m%d and {time} alone %H%M%S.",
        ),
      })
      .prefault({}),
    "Report file names.",
  ),
  retention: field(
    z
      .strictObject({
        days: field(z.int().min(0).default(0), "Delete report files older than this many days; 0 keeps them."),
        max_files: field(z.int().min(0).default(0), "Keep at most this many report files; 0 means no limit."),
      })
      .prefault({}),
    "Clean-up of old report files in the output directory.",
  ),
});

const includeExclude = (what: string) =>
  z
    .strictObject({
      include: globList(`Only ${what} matching one of these globs (case-insensitive, code or long name). Empty means all.`),
      exclude: globList(`Drop ${what} matching one of these globs, after include.`),
    })
    .prefault({});

const filtersSchema = z.strictObject({
  services: field(includeExclude("services"), "Service filters (--include-services, --exclude-services)."),
  regions: field(includeExclude("regions"), "Region filters (--include-regions, --exclude-regions)."),
  capacity: field(
    z.strictObject({ min_services: field(z.int().min(0).default(0), "Drop regions with fewer services than this (--min-services).") }).prefault({}),
    "Capacity filters.",
  ),
});

const emailChannelSchema = z.strictObject({
  enabled: field(z.boolean().default(false), "Send reports by email."),
  smtp_server: field(text().optional(), "SMTP host name."),
  smtp_port: field(z.int().min(1).max(65_535).default(587), "SMTP port."),
  use_tls: field(z.boolean().default(true), "Use STARTTLS or TLS."),
  username: field(text().optional(), "SMTP user name."),
  password: field(z.string().optional(), "SMTP password; use ${VAR}."),
  from: field(z.email("expected an email address").optional(), "Sender address."),
  recipients: field(z.array(z.email("expected an email address")).default([]), "Recipient addresses."),
  template: field(text().optional(), "Name of the email template."),
});

const webhookSchema = z.strictObject({
  url: field(httpUrl(), "URL to call; must be https:// outside a test setup."),
  method: field(z.preprocess(upperCase, z.enum(["POST", "PUT", "PATCH"])).default("POST"), "HTTP method."),
  headers: field(z.record(z.string(), z.string()).default({}), "Extra request headers; put tokens in ${VAR}."),
  enabled: field(z.boolean().default(true), "Call this webhook."),
});

const notificationsSchema = z.strictObject({
  enabled: field(z.boolean().default(false), "Send notifications at all."),
  channels: field(
    z
      .strictObject({
        email: field(emailChannelSchema.prefault({}), "Email delivery.", { notImplemented: true }),
        slack: field(
          z
            .strictObject({
              enabled: field(z.boolean().default(false), "Post to Slack."),
              webhook_url: field(httpUrl().optional(), "Slack incoming-webhook URL (a secret: use ${VAR})."),
              channel: field(text().optional(), "Channel override, like #aws-monitoring."),
            })
            .prefault({}),
          "Slack delivery.",
        ),
        webhooks: field(z.array(webhookSchema).default([]), "Generic HTTP webhooks, called with a JSON body."),
      })
      .prefault({}),
    "Delivery channels.",
  ),
});

/** Database engines; `postgres` is read as `postgresql` and `mariadb` as `mysql`. */
export const DATABASE_TYPES = ["sqlite", "postgresql", "mysql"] as const;

const databaseSchema = z.strictObject({
  enabled: field(z.boolean().default(true), "Keep scans and the cost ledger in a database; false uses an in-memory SQLite database that is discarded at exit."),
  url: field(
    z
      .string()
      .regex(/^(sqlite:.+|(postgres|postgresql|mysql|mariadb):\/\/.+)$/, "expected a database URL: sqlite:PATH, postgres://user:pass@host:port/db or mysql://user:pass@host:port/db")
      .optional(),
    "Database URL; wins over type and connection. Default sqlite:~/.aws-atlas/atlas.db.",
    { env: ["AWS_ATLAS_DB"], defaultLabel: "sqlite:~/.aws-atlas/atlas.db (when neither url nor connection is set)" },
  ),
  type: field(
    z.preprocess((value) => (typeof value === "string" ? ({ postgres: "postgresql", mariadb: "mysql" }[value.toLowerCase()] ?? value.toLowerCase()) : value), z.enum(DATABASE_TYPES)).optional(),
    "Engine used with `connection` (postgres is read as postgresql, mariadb as mysql).",
    { defaultLabel: "sqlite" },
  ),
  connection: field(
    z
      .strictObject({
        host: field(text().optional(), "Server host name."),
        port: field(z.int().min(1).max(65_535).optional(), "Server port.", { defaultLabel: "5432 (postgresql), 3306 (mysql)" }),
        database: field(text().optional(), "Database name, or the file path for sqlite."),
        username: field(text().optional(), "User name; ${VAR} recommended."),
        password: field(z.string().optional(), "Password; use ${VAR}, never plain text."),
        ssl_mode: field(z.preprocess(lowerCase, z.enum(["disable", "allow", "prefer", "require", "verify-ca", "verify-full"])).optional(), "TLS mode (PostgreSQL names; mapped for MySQL)."),
      })
      .optional(),
    "Connection parts, used when url is not set.",
  ),
  tables: field(
    z
      .strictObject({
        prefix: field(z.string().regex(/^[A-Za-z0-9_]*$/, "expected letters, digits and _").default(""), "Prefix for every aws-atlas table."),
        create_if_missing: field(z.boolean().default(true), "Run migrations on open when tables are missing."),
      })
      .prefault({}),
    "Tables.",
  ),
  retention: field(
    z
      .strictObject({
        historical_data_days: field(z.int().min(0).default(0), "`db prune` deletes snapshots older than this many days (the latest complete one is always kept); 0 keeps everything."),
        cleanup_schedule: field(
          z.string().regex(/^\s*(\S+\s+){4}\S+\s*$/, "expected a cron expression with 5 fields, like \"0 2 * * 0\"").optional(),
          "Cron expression (5 fields, UTC) for an automatic prune when `serve` runs.",
        ),
      })
      .prefault({}),
    "Retention of historical data.",
  ),
});

const authenticationSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: field(z.literal("none"), "No authentication; only safe on a loopback host.") }),
  z.strictObject({
    type: z.literal("basic"),
    username: field(text(), "User name."),
    password: field(text(), "Password; use ${VAR}."),
  }),
  z
    .strictObject({
      type: z.literal("saml"),
      saml_config: field(text(), "Path to the SAML identity-provider metadata XML."),
      entity_id: field(text().optional(), "Service-provider entity id."),
    }),
  z
    .strictObject({
      type: z.literal("oauth"),
      issuer_url: field(httpUrl(), "OpenID Connect issuer URL."),
      client_id: field(text(), "OAuth client id."),
      client_secret: field(z.string().optional(), "OAuth client secret; use ${VAR}."),
      scopes: field(z.array(text()).default(["openid"]), "Requested scopes."),
    }),
]);

const dashboardSchema = z.strictObject({
  enabled: field(z.boolean().default(true), "Serve the dashboard page next to the HTTP API."),
  host: field(text().default("127.0.0.1"), "Bind address of `serve`. 0.0.0.0 exposes it to the network: turn on authentication."),
  port: field(z.int().min(0).max(65_535).default(8080), "Port of `serve`; 0 picks a free port."),
  authentication: field(authenticationSchema.prefault({ type: "none" }), "Who may use the API and dashboard: type none, basic, saml or oauth.", {
    notImplemented: ["saml", "oauth"],
  }),
  theme: field(text().default("auto"), "Dashboard colour theme (auto, light, dark or a custom name)."),
  features: field(
    z
      .strictObject({
        real_time_updates: field(z.boolean().default(true), "Refresh the page when a scan finishes."),
        historical_charts: field(z.boolean().default(true), "Show history charts."),
        export_buttons: field(z.boolean().default(true), "Show report download buttons."),
        filtering_ui: field(z.boolean().default(true), "Show the filter controls."),
      })
      .prefault({}),
    "Dashboard features.",
  ),
});

const logOutputSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: field(z.literal("stderr"), "Standard error (the default when outputs is empty).") }),
  z.strictObject({
    type: z.literal("file"),
    path: field(text(), "Log file path."),
    rotation: field(z.preprocess(lowerCase, z.enum(["none", "daily", "weekly"])).default("none"), "Rotate the file."),
  }),
  z
    .strictObject({
      type: z.literal("syslog"),
      facility: field(text().default("local0"), "Syslog facility."),
      host: field(text().optional(), "Remote syslog host; omit for the local socket."),
    }),
  z
    .strictObject({
      type: z.literal("elasticsearch"),
      endpoint: field(httpUrl(), "Elasticsearch URL."),
      index: field(text(), "Index name."),
      api_key: field(z.string().optional(), "API key; use ${VAR}."),
    }),
]);

/** Log levels accepted in the configuration; `warning` is read as `warn`. */
export const CONFIG_LOG_LEVELS = ["debug", "info", "warn", "error"] as const;

const monitoringSchema = z.strictObject({
  metrics: field(
    z
      .strictObject({
        enabled: field(z.boolean().default(false), "Expose Prometheus metrics from `serve`."),
        prometheus_endpoint: field(z.string().regex(/^\/\S*$/, "expected a path starting with /").default("/metrics"), "Path of the metrics endpoint."),
        custom_metrics: field(z.boolean().default(false), "Add per-service and per-region gauges."),
      })
      .prefault({}),
    "Metrics.",
  ),
  logging: field(
    z
      .strictObject({
        level: field(
          z.preprocess((value) => (typeof value === "string" ? ({ warning: "warn" }[value.toLowerCase()] ?? value.toLowerCase()) : value), z.enum(CONFIG_LOG_LEVELS)).default("info"),
          "Log verbosity on stderr when `--log-level` is not given (set here or in the environment; `--quiet` keeps warn). Case-insensitive.",
        ),
        format: field(z.preprocess(lowerCase, z.enum(["text", "json"])).default("text"), "Log line format: `level: message` lines, or one JSON object per line."),
        outputs: field(z.array(logOutputSchema).default([]), "Where logs go; empty means stderr.", { notImplemented: ["syslog", "elasticsearch"] }),
      })
      .prefault({}),
    "Logging.",
  ),
});

const pluginsSchema = z.strictObject({
  directory: field(text().default("~/.aws-atlas/plugins"), "Directory holding plugin modules."),
  auto_discovery: field(z.boolean().default(false), "Load every plugin found in the directory.", { notImplemented: true }),
  enabled_plugins: field(z.array(text()).default([]), "Plugins to load, by name."),
  plugin_configs: field(z.record(z.string(), z.record(z.string(), z.unknown())).default({}), "Settings passed to each plugin, keyed by plugin name."),
});

/** Cost Explorer metrics. */

const costsSchema = z.strictObject({
  default_metric: field(z.enum(COST_METRICS).default("UnblendedCost"), "Metric used when a query names none (the console's default)."),
  fiscal_year_start_month: field(z.int().min(1).max(12).default(1), "First month of the fiscal year (1 = January), for \"this fiscal year\" and quarters."),
  ledger_months: field(z.int().min(1).max(38).default(12), "Months of history `cost sync` keeps in the local ledger."),
  restatement_days: field(z.int().min(0).max(90).default(3), "Days after a period ends during which AWS may still restate it; such periods are requested again."),
  spend_guard: field(
    z
      .strictObject({
        max_paid_requests: field(z.int().min(0).default(100), "Most paid Cost Explorer requests one run may make ($0.01 each); 0 blocks all."),
        max_usd_per_run: field(decimalUsd().default("1.00"), "Most USD one run may spend on Cost Explorer, as a decimal string."),
      })
      .prefault({}),
    "Limits on paid Cost Explorer requests (exit code 6 when reached).",
  ),
});

/** LLM providers for `cost ask`; `none` uses the deterministic parser only. */
export const LLM_PROVIDERS = ["none", "openai", "anthropic", "bedrock"] as const;

const llmSchema = z.strictObject({
  provider: field(z.preprocess(lowerCase, z.enum(LLM_PROVIDERS)).default("none"), "Provider used by `cost ask` when the built-in parser cannot read a question."),
  model: field(text().optional(), "Model id; each provider has a default."),
  base_url: field(httpUrl().optional(), "Endpoint override (an OpenAI-compatible gateway, a proxy, a Bedrock VPC endpoint)."),
  api_key_env: field(envVarName().optional(), "NAME of the environment variable holding the API key; the key itself never goes in a file.", {
    defaultLabel: "OPENAI_API_KEY (openai), ANTHROPIC_API_KEY (anthropic)",
  }),
  timeout_seconds: field(z.number().gt(0, "must be greater than 0").max(600).default(30), "Timeout for one LLM request."),
});

const metadataSchema = z.strictObject({
  name: field(text().optional(), "Name of this configuration."),
  description: field(z.string().optional(), "What it is for."),
  created: field(z.string().optional(), "When it was written (free text, ISO 8601 recommended)."),
  author: field(z.string().optional(), "Who maintains it."),
  tags: field(z.array(z.string()).default([]), "Free-form labels."),
});

/**
 * The whole aws-atlas configuration. Objects are strict (unknown keys are errors); every field
 * has a default or is optional, so `{}` is a valid configuration.
 *
 * @example
 * const config = atlasConfigSchema.parse({ performance: { max_workers: 4 } });
 */
export const atlasConfigSchema = z.strictObject({
  version: field(
    z.preprocess(numberToString, z.string().regex(/^2(\.\d+)?$/, `expected configuration format version "${CONFIG_VERSION}"`)).default(CONFIG_VERSION),
    "Configuration format version.",
  ),
  metadata: field(metadataSchema.prefault({}), "Free-form description of this file."),
  aws: field(awsSchema.prefault({}), "AWS credentials, region, endpoints and accounts."),
  performance: field(performanceSchema.prefault({}), "Concurrency, rate and retries of AWS calls."),
  cache: field(cacheSchema.prefault({}), "Cache of AWS answers."),
  output: field(outputSchema.prefault({}), "Report files."),
  filters: field(filtersSchema.prefault({}), "Default service and region filters; command-line filters replace them."),
  notifications: field(notificationsSchema.prefault({}), "Notifications after scans and reports."),
  database: field(databaseSchema.prefault({}), "Storage of snapshots and the cost ledger."),
  dashboard: field(dashboardSchema.prefault({}), "HTTP API and dashboard (`serve`). `http` is accepted as another name for this section."),
  monitoring: field(monitoringSchema.prefault({}), "Metrics and logging."),
  plugins: field(pluginsSchema.prefault({}), "Exporter plugins."),
  costs: field(costsSchema.prefault({}), "Cost Explorer queries, the ledger and the spend guard."),
  llm: field(llmSchema.prefault({}), "Optional LLM for `cost ask`."),
});

/**
 * The effective configuration after defaults, as the SDK reads it (snake_case keys).
 *
 * @example
 * const workers: number = config.performance.max_workers;
 */
export type AtlasConfig = z.output<typeof atlasConfigSchema>;

/**
 * What a configuration file may contain before defaults: every key optional.
 *
 * @example
 * const input: AtlasConfigInput = { aws: { region: "eu-west-1" } };
 */
export type AtlasConfigInput = z.input<typeof atlasConfigSchema>;

/**
 * Identity helper for typed configuration objects in code.
 *
 * @example
 * export default defineConfig({ performance: { max_workers: 4 } });
 */
export function defineConfig(input: AtlasConfigInput): AtlasConfigInput {
  return input;
}

/** Top-level section names accepted as aliases of a canonical section. */
export const SECTION_ALIASES: Readonly<Record<string, string>> = { http: "dashboard" };
