import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TESTKIT_ACCOUNT_ID, type AwsServer } from "@aws-atlas/testkit";
import { createCli, lines, scratchDir, stackFrames, startFastServer } from "./helpers.js";

const EQUIVALENT = {
  yml: `# the same settings in three formats
aws:
  region: eu-west-1
  profile: staging
performance:
  max_workers: 4
  max_rps: 7.5
output:
  formats: [csv, md]
filters:
  regions:
    include: ["us-*", "eu-*"]
  capacity:
    min_services: 10
dashboard:
  port: 9090
  authentication:
    type: basic
    username: admin
    password: "\${ATLAS_TEST_PASSWORD}"
costs:
  fiscal_year_start_month: 4
`,
  json: JSON.stringify({
    aws: { region: "eu-west-1", profile: "staging" },
    performance: { max_workers: 4, max_rps: 7.5 },
    output: { formats: ["csv", "md"] },
    filters: { regions: { include: ["us-*", "eu-*"] }, capacity: { min_services: 10 } },
    dashboard: { port: 9090, authentication: { type: "basic", username: "admin", password: "${ATLAS_TEST_PASSWORD}" } },
    costs: { fiscal_year_start_month: 4 },
  }),
  toml: `[aws]
region = "eu-west-1"
profile = "staging"

[performance]
max_workers = 4
max_rps = 7.5

[output]
formats = ["csv", "md"]

[filters.regions]
include = ["us-*", "eu-*"]

[filters.capacity]
min_services = 10

[dashboard]
port = 9090

[dashboard.authentication]
type = "basic"
username = "admin"
password = "\${ATLAS_TEST_PASSWORD}"

[costs]
fiscal_year_start_month = 4
`,
};

describe("config commands", () => {
  let scratch: ReturnType<typeof scratchDir>;
  let cli: ReturnType<typeof createCli>;
  const file = (name: string, text: string, mode = 0o600): string => {
    const path = join(scratch.dir, name);
    writeFileSync(path, text);
    chmodSync(path, mode);
    return path;
  };

  beforeAll(() => {
    scratch = scratchDir();
    // no performance settings from the environment here: they would hide the file's own values
    cli = createCli({
      dir: scratch.dir,
      db: `sqlite:${join(scratch.dir, "config.db")}`,
      env: { AWS_ATLAS_PERFORMANCE__MAX_RPS: undefined, AWS_ATLAS_PERFORMANCE__MAX_WORKERS: undefined },
    });
  });

  afterAll(() => scratch.cleanup());

  it("validate lists every error of a broken file with its key path and exits 2", async () => {
    const broken = file("broken.yml", "aws:\n  regoin: eu-west-1\nperformance:\n  max_workers: 0\n  max_retries: lots\n");
    const run = await cli(["config", "validate", "--config", broken]);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('aws.regoin: unknown key; did you mean "region"?');
    expect(run.stdout).toContain("performance.max_workers: must be >= 1, got 0");
    expect(run.stdout).toContain("performance.max_retries: expected a number");
    expect(run.stdout).toContain("3 errors");
    const json = await cli(["config", "validate", "--config", broken, "--json"]);
    expect(json.code).toBe(2);
    const result = json.json<{ ok: boolean; errors: { path: string }[] }>();
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => e.path)).toEqual(["aws.regoin", "performance.max_workers", "performance.max_retries"]);
    expect(stackFrames(run.stdout + run.stderr + json.stdout)).toEqual([]);
  });

  it("monitoring.logging sets the log level and format, unless --log-level or --quiet says otherwise", async () => {
    const debugJson = file("logging.yml", "monitoring:\n  logging:\n    level: DEBUG\n    format: json\n");
    const run = await cli(["db", "status", "--config", debugJson]);
    expect(run.code).toBe(0);
    const entries = lines(run.stderr).map((line) => JSON.parse(line) as { level: string; message: string });
    expect(entries.length).toBeGreaterThan(0);
    expect(entries).toContainEqual(expect.objectContaining({ level: "debug", message: "storage: opened" }));
    // The command line wins; without a setting the command stays at warn.
    for (const argv of [["--log-level", "warn"], ["--quiet"], []]) {
      const quiet = await cli(["db", "status", ...(argv.length > 0 ? ["--config", debugJson] : []), ...argv]);
      expect(quiet.code).toBe(0);
      expect(quiet.stderr).toBe("");
    }
    // The environment sets it too; a fresh database logs its migrations at info, as text.
    const fresh = await cli(["db", "status", "--db", `sqlite:${join(scratch.dir, "fresh-logging.db")}`], {
      env: { AWS_ATLAS_MONITORING__LOGGING__LEVEL: "info" },
    });
    expect(fresh.code).toBe(0);
    expect(lines(fresh.stderr).length).toBeGreaterThan(0);
    expect(lines(fresh.stderr).every((line) => line.startsWith("info: "))).toBe(true);
    expect(fresh.stderr).toContain("info: storage: applied migration");
  });

  it("validate gives the line and column of a syntax error; other commands refuse the file in one line", async () => {
    const yaml = file("syntax.yml", "aws:\n  region: [eu-west-1\n");
    const run = await cli(["config", "validate", "--config", yaml]);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/syntax\.yml:\d+:\d+: /);
    const json = file("syntax.json", '{"aws": {"region": "eu-west-1",}}');
    const jsonRun = await cli(["config", "validate", "--config", json]);
    expect(jsonRun.code).toBe(2);
    expect(jsonRun.stdout).toContain("syntax.json:1:32:");
    const regions = await cli(["regions", "--config", yaml]);
    expect(regions.code).toBe(2);
    expect(lines(regions.stderr)).toEqual([expect.stringMatching(/^error: Invalid configuration: .*syntax\.yml:\d+:\d+: /)]);
  });

  it("show --json is the same for equivalent YAML, JSON and TOML files, with the secret masked", async () => {
    const env = { ATLAS_TEST_PASSWORD: "correct-horse-battery", AWS_REGION: undefined };
    const shown = [];
    for (const [ext, text] of Object.entries(EQUIVALENT)) {
      const run = await cli(["config", "show", "--json", "--config", file(`equivalent.${ext}`, text)], { env });
      expect(run.code, ext).toBe(0);
      expect(run.stdout).not.toContain("correct-horse-battery");
      shown.push(run.json<Record<string, Record<string, unknown>>>());
    }
    expect(shown[1]).toEqual(shown[0]);
    expect(shown[2]).toEqual(shown[0]);
    expect(shown[0]?.performance).toMatchObject({ max_workers: 4, max_rps: 7.5 });
    expect(shown[0]?.aws).toMatchObject({ region: "eu-west-1", profile: "staging" });
  });

  it("flags beat the environment, which beats the file; --sources says where each value came from", async () => {
    const config = file("precedence.yml", "aws:\n  region: eu-west-1\nperformance:\n  max_workers: 4\n");
    type Shown = { config: { aws: { region: string }; performance: { max_workers: number } }; sources: Record<string, { source: string }> };
    const fileOnly = (await cli(["config", "show", "--json", "--sources", "--config", config], { env: { AWS_REGION: undefined } })).json<Shown>();
    expect(fileOnly.config.aws.region).toBe("eu-west-1");
    expect(fileOnly.sources["aws.region"]?.source).toBe("file");

    const env = { AWS_REGION: "eu-central-1", AWS_ATLAS_PERFORMANCE__MAX_WORKERS: "9" };
    const fromEnv = (await cli(["config", "show", "--json", "--sources", "--config", config], { env })).json<Shown>();
    expect(fromEnv.config.aws.region).toBe("eu-central-1");
    expect(fromEnv.config.performance.max_workers).toBe(9);
    expect(fromEnv.sources["performance.max_workers"]?.source).toBe("env");

    const fromFlag = (await cli(["config", "show", "--json", "--sources", "--config", config, "--region", "us-west-2"], { env })).json<Shown>();
    expect(fromFlag.config.aws.region).toBe("us-west-2");
    expect(fromFlag.sources["aws.region"]?.source).toBe("flag");
  });

  it("init writes a starter file in each format that validates", async () => {
    for (const format of ["toml", "yaml", "json"]) {
      const out = join(scratch.dir, `starter.${format}`);
      const init = await cli(["config", "init", "--format", format, "--out", out]);
      expect(init.code, format).toBe(0);
      expect(existsSync(out)).toBe(true);
      const validate = await cli(["config", "validate", "--config", out]);
      expect(validate.code, `${format}: ${validate.stdout}`).toBe(0);
      expect(validate.stdout).toContain("Configuration is valid");
    }
    const again = await cli(["config", "init", "--format", "toml", "--out", join(scratch.dir, "starter.toml")]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("--force");
    const toStdout = await cli(["config", "init", "--format", "yaml", "--out", "-"]);
    expect(toStdout.stdout).toMatch(/^#/);
    expect(readFileSync(join(scratch.dir, "starter.toml"), "utf8")).toMatch(/^#/);
  });

  it("security-check flags a plaintext password and exits non-zero; a clean file passes", async () => {
    const leaky = file(
      "leaky.yml",
      "dashboard:\n  authentication:\n    type: basic\n    username: admin\n    password: hunter2\n",
    );
    const run = await cli(["config", "security-check", "--config", leaky]);
    expect(run.code).not.toBe(0);
    expect(run.stdout).toContain("dashboard.authentication.password: plaintext secret");
    const json = await cli(["config", "security-check", "--config", leaky, "--json"]);
    const result = json.json<{ ok: boolean; findings: { severity: string; path: string }[] }>();
    expect(result.ok).toBe(false);
    expect(result.findings).toContainEqual(expect.objectContaining({ severity: "high", path: "dashboard.authentication.password" }));
    expect(json.stdout).not.toContain("hunter2");

    const clean = file(
      "clean.yml",
      "dashboard:\n  authentication:\n    type: basic\n    username: admin\n    password: ${ATLAS_DASHBOARD_PASSWORD}\n",
    );
    const ok = await cli(["config", "security-check", "--config", clean]);
    expect(ok.code, ok.stdout).toBe(0);
  });

  describe("test-connections against the testkit", () => {
    let server: AwsServer;
    beforeAll(async () => {
      server = await startFastServer();
    });
    afterAll(() => server.stop());

    it("checks credentials (STS), SSM and the database; only --include-paid spends, one request", async () => {
      type Check = { name: string; ok: boolean; detail: string; ms: number; code?: string };
      const run = await cli(["config", "test-connections", "--json", "--endpoint-url", server.url]);
      expect(run.code).toBe(0);
      const result = run.json<{ ok: boolean; checks: Check[] }>();
      expect(result.ok).toBe(true);
      const byName = new Map(result.checks.map((c) => [c.name, c]));
      expect([...byName.keys()]).toEqual(["credentials", "ssm", "database"]);
      expect(byName.get("credentials")).toMatchObject({ ok: true, detail: `account ${TESTKIT_ACCOUNT_ID} as arn:aws:iam::${TESTKIT_ACCOUNT_ID}:user/testkit` });
      expect(byName.get("ssm")).toMatchObject({ ok: true });
      expect(byName.get("database")).toMatchObject({ ok: true, detail: expect.stringContaining("sqlite") });
      expect(server.stats().operations["sts.GetCallerIdentity"]?.ok).toBe(1);
      expect(server.stats().costExplorer.paidRequests).toBe(0);

      const text = await cli(["config", "test-connections", "--endpoint-url", server.url]);
      expect(text.code).toBe(0);
      expect(text.stdout).toMatch(/^ok {3}credentials +account 123456789012 /m);
      expect(text.stdout).toContain("add --include-paid");

      const paid = await cli(["config", "test-connections", "--json", "--include-paid", "--endpoint-url", server.url]);
      expect(paid.code).toBe(0);
      expect(paid.json<{ checks: Check[] }>().checks.map((c) => [c.name, c.ok])).toContainEqual(["cost-explorer", true]);
      expect(server.stats().costExplorer.paidRequests).toBe(1);
    });

    it("says which check failed, in one line, when only STS is unreachable (exit 4)", async () => {
      server.setFaults({ down: true, services: ["sts"] });
      try {
        const run = await cli(["config", "test-connections", "--json", "--endpoint-url", server.url]);
        expect(run.code).toBe(4);
        const checks = run.json<{ ok: boolean; checks: { name: string; ok: boolean; detail: string }[] }>().checks;
        expect(checks.map((c) => [c.name, c.ok])).toEqual([
          ["credentials", false],
          ["ssm", true],
          ["database", true],
        ]);
        expect(checks[0]?.detail).toMatch(/^STS GetCallerIdentity failed/);
        expect(checks[0]?.detail).not.toContain("\n");
      } finally {
        server.setFaults({ down: false, services: ["ssm", "ce", "sts"] });
      }
    });
  });
});
