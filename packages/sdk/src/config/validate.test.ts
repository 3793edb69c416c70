import { describe, expect, expectTypeOf, it } from "vitest";
import { isAtlasError } from "../errors.js";
import { databaseUrlFromConfig } from "./database-url.js";
import { formatKeyPath, suggestKey } from "./key-path.js";
import { atlasConfigSchema, type AtlasConfig } from "./schema.js";
import { listSchemaFields } from "./schema-walk.js";
import { defaultConfig, parseConfigDocument, validateConfigDocument } from "./validate.js";

const errorLines = (doc: unknown) => validateConfigDocument(doc).errors.map((issue) => `${issue.path}: ${issue.message}`);

describe("the schema", () => {
  it("accepts {} and fills every default", () => {
    const config = defaultConfig();
    expect(config.version).toBe("2.0");
    expect(config.aws.region).toBe("us-east-1");
    expect(config.performance).toEqual({ max_workers: 10, max_rps: 40, max_retries: 3, timeout_seconds: 30, connection_pool_size: 50 });
    expect(config.dashboard.authentication).toEqual({ type: "none" });
    expect(config.dashboard.host).toBe("127.0.0.1");
    expect(config.costs.spend_guard).toEqual({ max_paid_requests: 100, max_usd_per_run: "1.00" });
    expect(config.llm.provider).toBe("none");
    expect(validateConfigDocument({})).toMatchObject({ ok: true, errors: [], warnings: [] });
  });

  it("describes every field, so the docs have no gaps", () => {
    const undocumented = listSchemaFields(atlasConfigSchema)
      .filter((field) => !field.unwrapped.meta.description && field.path[field.path.length - 1] !== "type")
      .map((field) => formatKeyPath(field.path));
    expect(undocumented).toEqual([]);
  });

  it("infers the types the SDK reads", () => {
    expectTypeOf<AtlasConfig["performance"]["max_workers"]>().toEqualTypeOf<number>();
    expectTypeOf<AtlasConfig["aws"]["profile"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<AtlasConfig["costs"]["spend_guard"]["max_usd_per_run"]>().toEqualTypeOf<string>();
    expectTypeOf<AtlasConfig["dashboard"]["authentication"]["type"]>().toEqualTypeOf<"none" | "basic" | "saml" | "oauth">();
  });

  it("normalises the seed's spellings: excel, upper-case levels, numeric versions and account ids", () => {
    const config = parseConfigDocument({
      version: 2,
      output: { formats: ["excel", "Markdown"] },
      monitoring: { logging: { level: "WARNING" } },
      aws: { accounts: [{ id: 12345678901 }] },
      database: { type: "postgres", connection: { host: "db", database: "atlas" } },
      notifications: { channels: { webhooks: [{ url: "https://x.example.com", method: "put" }] } },
      costs: { spend_guard: { max_usd_per_run: 0.5 } },
    });
    expect(config.version).toBe("2");
    expect(config.output.formats).toEqual(["xlsx", "md"]);
    expect(config.monitoring.logging.level).toBe("warn");
    expect(config.aws.accounts[0]?.id).toBe("012345678901");
    expect(config.database.type).toBe("postgresql");
    expect(config.notifications.channels.webhooks[0]?.method).toBe("PUT");
    expect(config.costs.spend_guard.max_usd_per_run).toBe("0.5");
  });
});

describe("validation messages", () => {
  it("reports every error at once, each with its key path", () => {
    expect(
      errorLines({
        performance: { max_workers: "x", max_rps: 0 },
        cache: { storage: { type: "redis-cluster" } },
        output: { formats: [], naming: { template: "{date}_{host}" } },
        aws: { region: "mars-1", cross_account_roles: [{ role_arn: "nope" }, {}] },
        dashboard: { authentication: { type: "kerberos" }, port: 70000 },
        costs: { spend_guard: { max_usd_per_run: "1.234567" } },
        notifications: { channels: { webhooks: [{ url: "ftp://x" }] } },
        llm: { api_key_env: "sk-live-123" },
      }),
    ).toEqual([
      'aws.region: expected an AWS region code like us-east-1, got "mars-1"',
      'aws.cross_account_roles[0].role_arn: expected an IAM role ARN like arn:aws:iam::123456789012:role/Name, got "nope"',
      "aws.cross_account_roles[1].role_arn: required",
      'performance.max_workers: expected a number, got "x"',
      "performance.max_rps: must be > 0, got 0",
      'cache.storage.type: expected one of "file", "memory", "redis", "memcached", got "redis-cluster"',
      "output.formats: must have at least 1 item",
      'output.naming.template: placeholders are {date}, {time} and {profile}, got "{date}_{host}"',
      'notifications.channels.webhooks[0].url: expected an http:// or https:// URL, got "ftp://x"',
      'dashboard.port: must be <= 65535, got 70000',
      'dashboard.authentication.type: expected one of "none", "basic", "saml", "oauth", got "kerberos"',
      'costs.spend_guard.max_usd_per_run: expected an amount in USD like "1.00" (a decimal string), got "1.234567"',
      'llm.api_key_env: expected the NAME of an environment variable (like OPENAI_API_KEY), not its value, got "sk-live-123"',
    ]);
  });

  it("suggests the sibling key for a typo, camelCase or a key in the wrong section", () => {
    expect(errorLines({ performance: { max_worker: 3, maxRps: 2 }, max_retries: 2, cache: { ttl: 1 } })).toEqual([
      'performance.max_worker: unknown key; did you mean "max_workers"?',
      'performance.maxRps: unknown key; did you mean "max_rps"?',
      'cache.ttl: unknown key; did you mean "ttl_hours"?',
      "max_retries: unknown key here; did you mean performance.max_retries?",
    ]);
    expect(errorLines({ cache: { size: 1 } })).toEqual([
      "cache.size: unknown key (expected one of enabled, ttl_hours, storage, compression, encryption)",
    ]);
    expect(errorLines({ dashboard: { authentication: { type: "basic", username: "a", pasword: "b" } } })).toEqual([
      "dashboard.authentication.password: required",
      'dashboard.authentication.pasword: unknown key; did you mean "password"?',
    ]);
    expect(errorLines({ monitoring: { logging: { level: "verbose", outputs: [{ type: "fiel", path: "x" }] } } })).toEqual([
      'monitoring.logging.level: expected one of "debug", "info", "warn", "error", got "verbose"',
      'monitoring.logging.outputs[0].type: expected one of "stderr", "file", "syslog", "elasticsearch", got "fiel"; did you mean "file"?',
    ]);
  });

  it("never echoes a secret value in a message", () => {
    const lines = errorLines({ dashboard: { authentication: { type: "basic", username: "a", password: 12345 } }, database: { connection: { password: ["hunter2"] } } });
    expect(lines.join("\n")).not.toContain("hunter2");
    expect(lines).toContain("dashboard.authentication.password: expected a string, got 12345");
    expect(errorLines({ notifications: { channels: { slack: { webhook_url: "hooks.slack.com/T0/B0/secret" } } } })).toEqual([
      "notifications.channels.slack.webhook_url: expected an http:// or https:// URL, got a string",
    ]);
  });

  it("rejects a document that is not a mapping", () => {
    expect(errorLines([])).toEqual([": the configuration must be a mapping of keys to values, got a list"]);
    expect(errorLines("x")).toEqual([': the configuration must be a mapping of keys to values, got "x"']);
  });

  it("checks database connection parts when there is no URL, and warns about ignored ones", () => {
    expect(errorLines({ database: { type: "mysql", connection: { port: 3306 } } })).toEqual([
      "database.connection.host: required for a mysql connection",
      "database.connection.database: required for a mysql connection",
    ]);
    const both = validateConfigDocument({ database: { url: "sqlite::memory:", type: "mysql", connection: { host: "h" } } });
    expect(both.ok).toBe(true);
    expect(both.warnings.map((w) => `${w.path}: ${w.message}`)).toEqual([
      "database.connection: ignored because database.url is set",
      "database.type: ignored because database.url is set",
    ]);
  });

  it("throws AtlasError INVALID_CONFIG from the throwing variant", () => {
    try {
      parseConfigDocument({ performance: { max_workers: -1 } });
      expect.unreachable();
    } catch (error) {
      expect(isAtlasError(error) && error.code).toBe("INVALID_CONFIG");
      expect((error as Error).message).toContain("performance.max_workers: must be >= 1, got -1");
    }
  });
});

describe("accepted but not implemented", () => {
  it("warns, naming the key path, only when the setting is switched on", () => {
    const doc = {
      cache: { storage: { type: "redis" }, encryption: { enabled: true } },
      notifications: { channels: { email: { enabled: false } } },
      plugins: { auto_discovery: false },
      dashboard: { authentication: { type: "oauth", issuer_url: "https://id.example.com", client_id: "c", client_secret: "s" } },
      monitoring: { logging: { outputs: [{ type: "stderr" }, { type: "elasticsearch", endpoint: "https://es:9200", index: "i" }] } },
    };
    const result = validateConfigDocument(doc);
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => `${w.path}: ${w.message}`)).toEqual([
      'cache.storage.type: "redis" is accepted but not implemented yet; it has no effect',
      "cache.encryption: accepted but not implemented yet; it has no effect",
      'dashboard.authentication: "oauth" is accepted but not implemented yet; it has no effect',
      'monitoring.logging.outputs[1]: "elasticsearch" is accepted but not implemented yet; it has no effect',
    ]);
  });
});

describe("helpers", () => {
  it("suggests only close keys", () => {
    expect(suggestKey("regoin", ["region", "profile"])).toBe("region");
    expect(suggestKey("completely_different", ["region", "profile"])).toBeUndefined();
  });

  it("formats key paths with indexes and quoted keys", () => {
    expect(formatKeyPath(["notifications", "channels", "webhooks", 0, "headers", "X-Api.Key"])).toBe('notifications.channels.webhooks[0].headers["X-Api.Key"]');
  });

  it("builds the database URL from url, connection parts or the default", () => {
    const base = defaultConfig().database;
    expect(databaseUrlFromConfig(base)).toBe("sqlite:~/.aws-atlas/atlas.db");
    expect(databaseUrlFromConfig(base, { homeDir: "/home/u" })).toBe("sqlite:/home/u/.aws-atlas/atlas.db");
    expect(databaseUrlFromConfig({ ...base, enabled: false })).toBe("sqlite::memory:");
    expect(databaseUrlFromConfig({ ...base, url: "mysql://r@h/db" })).toBe("mysql://r@h/db");
    expect(databaseUrlFromConfig({ ...base, type: "postgresql", connection: { host: "db", database: "atlas", username: "app", password: "p@ss:w/rd", ssl_mode: "require" } })).toBe(
      "postgres://app:p%40ss%3Aw%2Frd@db:5432/atlas?sslmode=require",
    );
    expect(databaseUrlFromConfig({ ...base, type: "mysql", connection: { host: "db", database: "atlas" } })).toBe("mysql://db:3306/atlas");
    expect(databaseUrlFromConfig({ ...base, type: "sqlite", connection: { database: "/data/a.db" } })).toBe("sqlite:/data/a.db");
  });
});

describe("settings accepted but not used yet", () => {
  it("warn when they are set, and only then: account roles and cross-account roles", () => {
    const warningPaths = (doc: unknown) => validateConfigDocument(doc).warnings.map((w) => w.path);
    expect(warningPaths({ aws: { accounts: [{ id: "111111111111" }], cross_account_roles: [] } })).toEqual([]);
    expect(
      warningPaths({
        aws: {
          accounts: [{ id: "111111111111" }, { id: "222222222222", role_arn: "arn:aws:iam::222222222222:role/Reader" }],
          cross_account_roles: [{ role_arn: "arn:aws:iam::333333333333:role/Reader" }],
        },
      }),
    ).toEqual(["aws.accounts[1].role_arn", "aws.cross_account_roles"]);
  });
});
