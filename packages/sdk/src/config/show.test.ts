import { describe, expect, it } from "vitest";
import { resolveConfig, validateConfig, type ResolveConfigOptions } from "./resolve.js";
import { isSecretKey, maskSecrets, maskUrl } from "./secrets.js";
import { showConfig, showConfigData } from "./show.js";
import { invalidConfigError } from "./validate.js";

const SECRETS = ["db-pa55word", "tok-123456", "hooks-secret-path", "ext-id-999", "basic-pw", "sk-test-abcdef", "xoxb-slack", "qp-secret"];

const file = `
aws:
  profile: prod
  cross_account_roles:
    - role_arn: arn:aws:iam::123456789012:role/Atlas
      external_id: ext-id-999
database:
  url: postgres://atlas:db-pa55word@db.internal:5432/atlas
notifications:
  enabled: true
  channels:
    slack: { enabled: true, webhook_url: "https://hooks.slack.com/services/T0/B0/hooks-secret-path" }
    webhooks:
      - url: https://api.example.com/hook?token=qp-secret&team=a
        headers: { Authorization: "Bearer \${API_TOKEN}", X-Team: platform }
dashboard:
  authentication: { type: basic, username: admin, password: basic-pw }
plugins:
  plugin_configs:
    exporter: { api_key: sk-test-abcdef, slack_token: xoxb-slack, depth: 2 }
`;

const options: ResolveConfigOptions = {
  env: { API_TOKEN: "tok-123456", AWS_ATLAS_PERFORMANCE__MAX_WORKERS: "7" },
  cwd: "/proj",
  homeDir: "/home/u",
  readFile: (path) => (path === "/proj/aws-atlas.yml" ? file : undefined),
};

describe("config show", () => {
  const resolved = resolveConfig(options);

  it("masks every secret in text, YAML, JSON and the sources table", () => {
    const outputs = [
      showConfig(resolved),
      showConfig(resolved, { format: "yaml", sources: true }),
      showConfig(resolved, { format: "json" }),
      showConfig(resolved, { format: "json", sources: true }),
      showConfig(resolved, { sources: true }),
    ];
    for (const output of outputs) {
      for (const secret of SECRETS) expect(output).not.toContain(secret);
    }
    const json = JSON.parse(outputs[2] ?? "") as ReturnType<typeof showConfigData>["config"];
    expect(json.database.url).toBe("postgres://atlas:****@db.internal:5432/atlas");
    expect(json.notifications.channels.slack.webhook_url).toBe("****");
    expect(json.notifications.channels.webhooks[0]?.url).toBe("https://api.example.com/hook?token=****&team=a");
    expect(json.notifications.channels.webhooks[0]?.headers).toEqual({ Authorization: "****", "X-Team": "platform" });
    expect(json.aws.cross_account_roles[0]?.external_id).toBe("****");
    expect(json.plugins.plugin_configs.exporter).toEqual({ api_key: "****", slack_token: "****", depth: 2 });
    expect(json.aws.profile).toBe("prod");
  });

  it("prints one line per value with its source", () => {
    const lines = showConfig(resolved, { sources: true }).split("\n");
    expect(lines.find((line) => line.startsWith("performance.max_workers "))).toMatch(/^performance\.max_workers\s+7\s+env AWS_ATLAS_PERFORMANCE__MAX_WORKERS$/);
    expect(lines.find((line) => line.startsWith("aws.region "))).toMatch(/"us-east-1"\s+default$/);
    expect(lines.find((line) => line.startsWith("notifications.channels.webhooks "))).toMatch(/file \/proj\/aws-atlas\.yml via \$\{API_TOKEN\}$/);
    expect(lines.find((line) => line.startsWith("dashboard.authentication.password "))).toMatch(/"\*\*\*\*"\s+file \/proj\/aws-atlas\.yml$/);
  });

  it("gives the masked data and sources for --json", () => {
    const data = showConfigData(resolved, { sources: true });
    expect(data.sources?.["aws.profile"]).toEqual({ source: "file", file: "/proj/aws-atlas.yml" });
    expect(data.config.dashboard.authentication).toEqual({ type: "basic", username: "admin", password: "****" });
    expect(resolved.config.dashboard.authentication).toMatchObject({ password: "basic-pw" });
  });

  it("keeps secrets out of validation errors too", () => {
    const bad = validateConfig({ ...options, flags: { database: { url: "mysql:/missing-slashes:db-pa55word" }, dashboard: { authentication: { password: 5 } } } });
    const message = invalidConfigError(bad.errors).message;
    expect(bad.ok).toBe(false);
    for (const secret of SECRETS) expect(message).not.toContain(secret);
  });
});

describe("masking", () => {
  it("recognises secret keys but not variable-name keys", () => {
    expect(["password", "client_secret", "api_key", "Authorization", "x-api-key", "session_token", "external_id", "webhook_url"].every(isSecretKey)).toBe(true);
    expect(["api_key_env", "username", "url", "key_id", "authentication", "max_paid_requests"].some(isSecretKey)).toBe(false);
  });

  it("masks URL credentials and credential parameters", () => {
    expect(maskUrl("mysql://root:pw@127.0.0.1:3306/test")).toBe("mysql://root:****@127.0.0.1:3306/test");
    expect(maskUrl("postgres://postgres@127.0.0.1:5432/test")).toBe("postgres://postgres@127.0.0.1:5432/test");
    expect(maskUrl("https://h/x?api_key=1&page=2#frag")).toBe("https://h/x?api_key=****&page=2#frag");
    expect(maskUrl("sqlite:~/.aws-atlas/atlas.db")).toBe("sqlite:~/.aws-atlas/atlas.db");
  });

  it("masks whole values under secret keys, leaving empty ones visible", () => {
    expect(maskSecrets({ headers: { Cookie: "a=b" }, password: "", token: ["x"], secret: { nested: 1 } })).toEqual({ headers: { Cookie: "****" }, password: "", token: "****", secret: "****" });
  });
});
