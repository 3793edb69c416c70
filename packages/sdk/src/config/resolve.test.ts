import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type AtlasError, isAtlasError } from "../errors.js";
import { renderValidation } from "./render-validation.js";
import { resolveConfig, validateConfig, type ResolveConfigOptions } from "./resolve.js";
import { formatConfigIssue } from "./types.js";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

/** Options over an in-memory file system; the project is /proj, home /home/u, system /etc/aws-atlas. */
function options(files: Record<string, string>, extra: Partial<ResolveConfigOptions> = {}): ResolveConfigOptions {
  return { env: {}, cwd: "/proj", homeDir: "/home/u", readFile: (path) => files[path], ...extra };
}

const messages = (issues: readonly { path: string; message: string }[]) => issues.map((issue) => `${issue.path}: ${issue.message}`);

describe("precedence and provenance", () => {
  const files = {
    "/etc/aws-atlas/config.yml": "performance:\n  max_workers: 1\n  max_rps: 1\n  max_retries: 1\n  timeout_seconds: 1\n  connection_pool_size: 1\n",
    "/home/u/.aws-atlas/config.toml": "[performance]\nmax_workers = 2\nmax_rps = 2\nmax_retries = 2\ntimeout_seconds = 2\n",
    "/proj/aws-atlas.json": JSON.stringify({ performance: { max_workers: 3, max_rps: 3, max_retries: 3 } }),
  };
  const env = { AWS_ATLAS_PERFORMANCE__MAX_WORKERS: "4", AWS_ATLAS_PERFORMANCE__MAX_RPS: "4" };
  const flags = { performance: { max_workers: 5 } };

  it("takes each key from the highest source that sets it and says which", () => {
    const { config, sources, files: read } = resolveConfig(options(files, { env, flags }));
    expect(config.performance).toEqual({ max_workers: 5, max_rps: 4, max_retries: 3, timeout_seconds: 2, connection_pool_size: 1 });
    expect(sources["performance.max_workers"]).toEqual({ source: "flag" });
    expect(sources["performance.max_rps"]).toEqual({ source: "env", envVar: "AWS_ATLAS_PERFORMANCE__MAX_RPS" });
    expect(sources["performance.max_retries"]).toEqual({ source: "file", file: "/proj/aws-atlas.json" });
    expect(sources["performance.timeout_seconds"]).toEqual({ source: "user", file: "/home/u/.aws-atlas/config.toml" });
    expect(sources["performance.connection_pool_size"]).toEqual({ source: "system", file: "/etc/aws-atlas/config.yml" });
    expect(sources["aws.region"]).toEqual({ source: "default" });
    expect(read).toEqual(["/etc/aws-atlas/config.yml", "/home/u/.aws-atlas/config.toml", "/proj/aws-atlas.json"]);
  });

  it("reads --config before AWS_ATLAS_CONFIG before the project file", () => {
    const all = { ...files, "/proj/custom.yml": "performance: { max_retries: 7 }\n", "/other/env.toml": "[performance]\nmax_retries = 8\n" };
    const viaFlag = resolveConfig(options(all, { configFile: "custom.yml", env: { AWS_ATLAS_CONFIG: "/other/env.toml" } }));
    expect(viaFlag.config.performance.max_retries).toBe(7);
    expect(viaFlag.sources["performance.max_retries"]).toEqual({ source: "file", file: "/proj/custom.yml" });
    const viaEnv = resolveConfig(options(all, { env: { AWS_ATLAS_CONFIG: "/other/env.toml" } }));
    expect(viaEnv.config.performance.max_retries).toBe(8);
    expect(viaEnv.files).not.toContain("/proj/aws-atlas.json");
  });

  it("expands ~ in --config and takes a custom system directory", () => {
    const result = resolveConfig(options({ "/home/u/atlas.yml": "aws: { region: eu-north-1 }\n", "/opt/etc/config.json": '{"cache":{"enabled":false}}' }, { configFile: "~/atlas.yml", systemDir: "/opt/etc" }));
    expect(result.config.aws.region).toBe("eu-north-1");
    expect(result.config.cache.enabled).toBe(false);
  });

  it("reports a --config or AWS_ATLAS_CONFIG file that does not exist", () => {
    const missing = validateConfig(options({}, { configFile: "nope.yml" }));
    expect(missing.ok).toBe(false);
    expect(missing.errors.map(formatConfigIssue)).toEqual(["/proj/nope.yml: configuration file not found (--config)"]);
    expect(validateConfig(options({}, { env: { AWS_ATLAS_CONFIG: "/x.json" } })).errors[0]?.message).toContain("AWS_ATLAS_CONFIG");
  });

  it("warns when several project files exist and uses the first of yml, yaml, json, toml", () => {
    const result = resolveConfig(options({ "/proj/aws-atlas.toml": "[aws]\nregion = \"eu-west-3\"\n", "/proj/aws-atlas.yaml": "aws: { region: eu-west-2 }\n" }));
    expect(result.config.aws.region).toBe("eu-west-2");
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]?.message).toContain("/proj/aws-atlas.toml");
  });

  it("maps the standard AWS variables, with AWS_ATLAS_ variables winning", () => {
    const env = {
      AWS_PROFILE: "dev",
      AWS_DEFAULT_REGION: "eu-west-1",
      AWS_REGION: "ap-south-1",
      AWS_ENDPOINT_URL: "http://127.0.0.1:4566",
      AWS_ENDPOINT_URL_COST_EXPLORER: "http://127.0.0.1:4567",
      AWS_ATLAS_DB: "sqlite::memory:",
    };
    const { config, sources } = resolveConfig(options({ "/proj/aws-atlas.yml": "aws: { profile: prod, region: us-west-2 }\n" }, { env }));
    expect(config.aws).toMatchObject({ profile: "dev", region: "ap-south-1", endpoint_url: "http://127.0.0.1:4566", service_endpoints: { cost_explorer: "http://127.0.0.1:4567" } });
    expect(config.database.url).toBe("sqlite::memory:");
    expect(sources["aws.region"]).toEqual({ source: "env", envVar: "AWS_REGION" });
    expect(sources["database.url"]).toEqual({ source: "env", envVar: "AWS_ATLAS_DB" });
    const fallback = resolveConfig(options({}, { env: { AWS_DEFAULT_REGION: "eu-west-1", AWS_REGION: "" } }));
    expect(fallback.config.aws.region).toBe("eu-west-1");
    const specific = resolveConfig(options({}, { env: { AWS_REGION: "eu-west-1", AWS_ATLAS_AWS__REGION: "eu-central-1" } }));
    expect(specific.sources["aws.region"]).toEqual({ source: "env", envVar: "AWS_ATLAS_AWS__REGION" });
  });

  it("converts environment values to the schema's types", () => {
    const env = {
      AWS_ATLAS_PERFORMANCE__MAX_WORKERS: "9",
      AWS_ATLAS_CACHE__ENABLED: "no",
      AWS_ATLAS_FILTERS__REGIONS__INCLUDE: "us-*, eu-*",
      AWS_ATLAS_FILTERS__SERVICES__EXCLUDE: '["*gov*"]',
      AWS_ATLAS_OUTPUT__FORMATS: "csv,excel",
      AWS_ATLAS_DASHBOARD__FEATURES: '{"filtering_ui": false}',
      AWS_ATLAS_COSTS__SPEND_GUARD__MAX_USD_PER_RUN: "0.50",
      AWS_ATLAS_HTTP__PORT: "9000",
    };
    const { config, sources } = resolveConfig(options({}, { env }));
    expect(config.performance.max_workers).toBe(9);
    expect(config.cache.enabled).toBe(false);
    expect(config.filters.regions.include).toEqual(["us-*", "eu-*"]);
    expect(config.filters.services.exclude).toEqual(["*gov*"]);
    expect(config.output.formats).toEqual(["csv", "xlsx"]);
    expect(config.dashboard.features.filtering_ui).toBe(false);
    expect(config.dashboard.features.export_buttons).toBe(true);
    expect(config.costs.spend_guard.max_usd_per_run).toBe("0.50");
    expect(config.dashboard.port).toBe(9000);
    expect(sources["dashboard.features.filtering_ui"]).toEqual({ source: "env", envVar: "AWS_ATLAS_DASHBOARD__FEATURES" });
    expect(sources["dashboard.port"]).toEqual({ source: "env", envVar: "AWS_ATLAS_HTTP__PORT" });
  });

  it("names the variable behind a bad environment value, and typos in variable names", () => {
    const result = validateConfig(options({}, { env: { AWS_ATLAS_PERFORMANCE__MAX_WORKERS: "x", AWS_ATLAS_PERFORMANC__MAX_RPS: "3", AWS_ATLAS_DASHBOARD__FEATURES: "{oops" } }));
    expect(result.errors.map(formatConfigIssue)).toEqual([
      expect.stringMatching(/^dashboard\.features: not valid JSON .*\(env AWS_ATLAS_DASHBOARD__FEATURES\)$/),
      'performance.max_workers: expected a number, got "x" (env AWS_ATLAS_PERFORMANCE__MAX_WORKERS)',
      'dashboard.features: expected a mapping, got "{oops" (env AWS_ATLAS_DASHBOARD__FEATURES)',
      'performanc: unknown key; did you mean "performance"? (env AWS_ATLAS_PERFORMANC__MAX_RPS)',
    ]);
  });

  it("accepts flags as nested objects or dotted keys, converting strings", () => {
    const { config, sources } = resolveConfig(options({}, { flags: { "performance.max_workers": "12", aws: { profile: "x", region: undefined }, database: { url: "sqlite::memory:" } } }));
    expect(config.performance.max_workers).toBe(12);
    expect(config.aws.profile).toBe("x");
    expect(config.aws.region).toBe("us-east-1");
    expect(sources["database.url"]).toEqual({ source: "flag" });
  });
});

describe("extends", () => {
  it("merges objects, replaces lists, removes keys set to null, and records the base file", () => {
    const files = {
      "/proj/base/common.yml": [
        "performance: { max_workers: 2, max_rps: 5 }",
        "filters: { regions: { include: [us-*, eu-*], exclude: [cn-*] } }",
        "aws: { profile: base-profile }",
      ].join("\n"),
      "/proj/aws-atlas.yml": ["extends: ./base/common.yml", "performance: { max_workers: 6 }", "filters: { regions: { include: [ap-*] } }", "aws: { profile: null }"].join("\n"),
    };
    const { config, sources, files: read } = resolveConfig(options(files));
    expect(config.performance.max_workers).toBe(6);
    expect(config.performance.max_rps).toBe(5);
    expect(config.filters.regions).toEqual({ include: ["ap-*"], exclude: ["cn-*"] });
    expect(config.aws.profile).toBeUndefined();
    expect(sources["performance.max_rps"]).toEqual({ source: "file", file: "/proj/base/common.yml" });
    expect(sources["filters.regions.include"]).toEqual({ source: "file", file: "/proj/aws-atlas.yml" });
    expect(read).toEqual(["/proj/base/common.yml", "/proj/aws-atlas.yml"]);
  });

  it("follows chains and lists in order, across formats, relative to each file", () => {
    const files = {
      "/proj/aws-atlas.yml": "extends: [conf/a.toml, conf/b.json]\ncosts: { ledger_months: 6 }\n",
      "/proj/conf/a.toml": 'extends = "../shared/root.yml"\n[costs]\nledger_months = 2\nrestatement_days = 5\n',
      "/proj/conf/b.json": '{"costs": {"restatement_days": 7, "fiscal_year_start_month": 4}}',
      "/proj/shared/root.yml": "costs: { fiscal_year_start_month: 10, default_metric: AmortizedCost }\n",
    };
    const { config, files: read, sources } = resolveConfig(options(files));
    expect(config.costs).toMatchObject({ ledger_months: 6, restatement_days: 7, fiscal_year_start_month: 4, default_metric: "AmortizedCost" });
    expect(read).toEqual(["/proj/shared/root.yml", "/proj/conf/a.toml", "/proj/conf/b.json", "/proj/aws-atlas.yml"]);
    expect(sources["costs.default_metric"]).toEqual({ source: "file", file: "/proj/shared/root.yml" });
  });

  it("reports a cycle with its chain, and a missing base", () => {
    const files = {
      "/proj/aws-atlas.yml": "extends: ./a.yml\n",
      "/proj/a.yml": "extends: [./b.yml, ./missing.yml]\n",
      "/proj/b.yml": "extends: ./a.yml\n",
    };
    const result = validateConfig(options(files));
    expect(result.ok).toBe(false);
    expect(result.errors.map(formatConfigIssue)).toEqual([
      "/proj/b.yml: extends: extends cycle: /proj/a.yml -> /proj/b.yml -> /proj/a.yml",
      "/proj/a.yml: extends: extended file not found: /proj/missing.yml",
    ]);
    const self = validateConfig(options({ "/proj/aws-atlas.yml": "extends: aws-atlas.yml\n" }));
    expect(self.errors[0]?.message).toBe("extends cycle: /proj/aws-atlas.yml -> /proj/aws-atlas.yml");
  });

  it("rejects an extends value that is not a path or a list of paths", () => {
    const result = validateConfig(options({ "/proj/aws-atlas.yml": "extends: { a: 1 }\n" }));
    expect(result.errors.map(formatConfigIssue)).toEqual(["/proj/aws-atlas.yml: extends: expected a file path or a list of file paths"]);
  });
});

describe("interpolation", () => {
  it("substitutes ${VAR} and ${VAR:-default}, converts to the key's type and records the variables", () => {
    const file = [
      "database:",
      "  url: postgres://app:${DB_PASS}@db:5432/atlas",
      "dashboard:",
      '  port: "${PORT:-8181}"',
      '  host: "${HOST:-0.0.0.0}"',
      '  theme: "cost $$5 $${LITERAL}"',
      "cache:",
      '  enabled: "${CACHE_ON}"',
    ].join("\n");
    const { config, sources } = resolveConfig(options({ "/proj/aws-atlas.yml": file }, { env: { DB_PASS: "s3cret", HOST: "", CACHE_ON: "false" } }));
    expect(config.database.url).toBe("postgres://app:s3cret@db:5432/atlas");
    expect(config.dashboard.port).toBe(8181);
    expect(config.dashboard.host).toBe("0.0.0.0");
    expect(config.dashboard.theme).toBe("cost $5 ${LITERAL}");
    expect(config.cache.enabled).toBe(false);
    expect(sources["database.url"]).toEqual({ source: "file", file: "/proj/aws-atlas.yml", variables: ["DB_PASS"] });
  });

  it("reports each missing variable with its key path, and not a second error for the same key", () => {
    const file = "notifications:\n  channels:\n    webhooks:\n      - url: https://x.example.com\n        headers: { Authorization: 'Bearer ${API_TOKEN}' }\ndatabase: { url: '${ATLAS_DB_URL}' }\n";
    const result = validateConfig(options({ "/proj/aws-atlas.yml": file }));
    expect(result.errors.map(formatConfigIssue)).toEqual([
      "notifications.channels.webhooks[0].headers.Authorization: environment variable API_TOKEN is not set (use ${API_TOKEN:-default} to give a default) (file /proj/aws-atlas.yml)",
      "database.url: environment variable ATLAS_DB_URL is not set (use ${ATLAS_DB_URL:-default} to give a default) (file /proj/aws-atlas.yml)",
    ]);
    expect(() => resolveConfig(options({ "/proj/aws-atlas.yml": file }))).toThrow(/API_TOKEN/);
  });

  it("does not require variables of values a higher source overrides, nor interpolate env values", () => {
    const result = resolveConfig(options({ "/proj/aws-atlas.yml": "database: { url: '${ATLAS_DB_URL}' }\naws: { profile: p }\n" }, { env: { AWS_ATLAS_DB: "sqlite:/tmp/${NOT_A_REF}.db" } }));
    expect(result.config.database.url).toBe("sqlite:/tmp/${NOT_A_REF}.db");
  });

  it("reports malformed references", () => {
    const result = validateConfig(options({ "/proj/aws-atlas.yml": "aws: { profile: '${1BAD}' }\n" }));
    expect(messages(result.errors)).toEqual([expect.stringMatching(/^aws\.profile: \$\{1BAD\} is not a variable reference/)]);
  });

  it("turns missing variables into warnings on request", () => {
    const result = validateConfig(options({ "/proj/aws-atlas.yml": "database: { connection: { password: '${DB_PASSWORD}', database: x.db } }\n" }, { allowMissingVariables: true }));
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => w.path)).toContain("database.connection.password");
  });
});

describe("errors", () => {
  it("reports parse errors with the file, line and column, together with errors from other sources", () => {
    const result = validateConfig(options({ "/proj/aws-atlas.yml": "aws:\n  region: [us-east-1\n", "/home/u/.aws-atlas/config.json": '{"cache": {"enabled": tru}}' }, { env: { AWS_ATLAS_PERFORMANCE__MAX_RPS: "-1" } }));
    expect(result.ok).toBe(false);
    const lines = result.errors.map(formatConfigIssue);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^\/home\/u\/\.aws-atlas\/config\.json:1:\d+: /);
    expect(lines[1]).toMatch(/^\/proj\/aws-atlas\.yml:\d+:\d+: /);
    expect(lines[2]).toBe("performance.max_rps: must be > 0, got -1 (env AWS_ATLAS_PERFORMANCE__MAX_RPS)");
  });

  it("throws one AtlasError INVALID_CONFIG listing every error", () => {
    const file = "performance: { max_workers: 0, max_retries: lots }\naws: { regoin: eu-west-1 }\n";
    let error: unknown;
    try {
      resolveConfig(options({ "/proj/aws-atlas.yml": file }));
    } catch (caught) {
      error = caught;
    }
    expect(isAtlasError(error)).toBe(true);
    const atlasError = error as AtlasError;
    expect(atlasError.code).toBe("INVALID_CONFIG");
    expect(atlasError.message).toBe(
      [
        "Invalid configuration (3 errors):",
        '  aws.regoin: unknown key; did you mean "region"? (file /proj/aws-atlas.yml)',
        "  performance.max_workers: must be >= 1, got 0 (file /proj/aws-atlas.yml)",
        '  performance.max_retries: expected a number, got "lots" (file /proj/aws-atlas.yml)',
      ].join("\n"),
    );
    expect((atlasError.details?.errors as unknown[]).length).toBe(3);
  });

  it("rejects a file that is not a mapping, and both dashboard and http in one file", () => {
    expect(validateConfig(options({ "/proj/aws-atlas.json": "[1, 2]" })).errors.map(formatConfigIssue)).toEqual([
      "/proj/aws-atlas.json: the configuration must be a mapping of keys to values, got a list",
    ]);
    expect(validateConfig(options({ "/proj/aws-atlas.yml": "dashboard: { port: 1 }\nhttp: { port: 2 }\n" })).errors.map(formatConfigIssue)).toEqual([
      '/proj/aws-atlas.yml: http: "http" is another name for "dashboard"; use one of them, not both',
    ]);
  });

  it("reports a file that cannot be read", () => {
    const result = validateConfig(options({}, { readFile: (path) => {
      if (path === "/proj/aws-atlas.yml") throw new Error("EACCES: permission denied");
      return undefined;
    } }));
    expect(result.errors.map(formatConfigIssue)).toEqual(["/proj/aws-atlas.yml: cannot read the file: EACCES: permission denied"]);
  });
});

describe("the seed configuration", () => {
  const seed = fixture("seed-config.yml");
  const secrets = { SLACK_WEBHOOK_URL: "https://hooks.slack.com/services/T0/B0/abc", API_TOKEN: "tok", DB_USERNAME: "atlas", DB_PASSWORD: "pw" };

  it("validates, with warnings naming the settings that are accepted but not implemented", () => {
    const result = validateConfig(options({ "/proj/aws-atlas.yml": seed }, { env: secrets }));
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => w.path)).toEqual([
      "aws.cross_account_roles",
      "notifications.channels.email",
      "dashboard.authentication",
      "monitoring.logging.outputs[1]",
      "monitoring.logging.outputs[2]",
      "plugins.auto_discovery",
    ]);
    expect(result.config?.output.formats).toEqual(["json", "xlsx", "csv"]);
    expect(result.config?.output.naming.timestamp_format).toBe("%Y%m%d_%H%M%S");
    expect(renderValidation(result)).toMatch(/^warning: aws\.cross_account_roles: accepted but not implemented yet/);
    expect(renderValidation(result)).toMatch(/Configuration is valid with 6 warnings \(files: \/proj\/aws-atlas\.yml\)\.\n$/);
  });

  it("without its secrets, fails naming each missing variable, or passes with allowMissingVariables", () => {
    const strict = validateConfig(options({ "/proj/aws-atlas.yml": seed }));
    expect(strict.errors.map((e) => e.message.split(" ")[2])).toEqual(["SLACK_WEBHOOK_URL", "API_TOKEN", "DB_USERNAME", "DB_PASSWORD"]);
    expect(renderValidation(strict)).toMatch(/Configuration is invalid: 4 errors, 6 warnings/);
    expect(validateConfig(options({ "/proj/aws-atlas.yml": seed }, { allowMissingVariables: true })).ok).toBe(true);
  });
});
