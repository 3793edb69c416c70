import { describe, expect, it } from "vitest";
import { validateConfig, type ResolveConfigOptions } from "./resolve.js";
import { isLoopbackHost, renderSecurityFindings, securityCheck } from "./security-check.js";

function check(files: Record<string, string>, modes: Record<string, number> = {}, extra: Partial<ResolveConfigOptions> = {}) {
  const validation = validateConfig({ env: {}, cwd: "/proj", homeDir: "/home/u", readFile: (path) => files[path], allowMissingVariables: true, ...extra });
  return securityCheck(validation, { stat: (file) => (file in modes ? { mode: modes[file] ?? 0 } : undefined) });
}

const brief = (findings: ReturnType<typeof securityCheck>) => findings.map((f) => `${f.severity} ${f.file ?? "-"} ${f.path}`);

describe("security-check", () => {
  it("finds nothing in a file that keeps its secrets in variables", () => {
    const file = [
      "database: { url: 'postgres://atlas:${DB_PASSWORD}@db:5432/atlas' }",
      "notifications: { channels: { webhooks: [{ url: 'https://hooks.example.com', headers: { Authorization: 'Bearer ${API_TOKEN}' } }] } }",
      "dashboard: { host: 127.0.0.1 }",
      "llm: { provider: openai, api_key_env: OPENAI_API_KEY }",
    ].join("\n");
    const findings = check({ "/proj/aws-atlas.yml": file }, { "/proj/aws-atlas.yml": 0o100644 });
    expect(findings).toEqual([]);
    expect(renderSecurityFindings(findings)).toBe("No security problems found.\n");
  });

  it("reports plaintext secrets, and the world-readable file holding them", () => {
    const file = [
      "database: { connection: { host: db, database: atlas, password: hunter2 } }",
      "aws: { cross_account_roles: [{ role_arn: 'arn:aws:iam::123456789012:role/A', external_id: plain-ext }] }",
      "notifications: { channels: { webhooks: [{ url: 'https://h.example.com/x?token=abc', headers: { X-Api-Key: k } }] } }",
      "plugins: { plugin_configs: { s3: { access_key: AKIAABCDEFGHIJKLMNOP } } }",
      "metadata: { description: 'key AKIAABCDEFGHIJKLMNOP' }",
    ].join("\n");
    const findings = check({ "/proj/aws-atlas.yml": file }, { "/proj/aws-atlas.yml": 0o100644 });
    expect(brief(findings)).toEqual([
      "high /proj/aws-atlas.yml database.connection.password",
      "high /proj/aws-atlas.yml aws.cross_account_roles[0].external_id",
      "high /proj/aws-atlas.yml notifications.channels.webhooks[0].url",
      "high /proj/aws-atlas.yml notifications.channels.webhooks[0].headers.X-Api-Key",
      "high /proj/aws-atlas.yml plugins.plugin_configs.s3.access_key",
      "high /proj/aws-atlas.yml metadata.description",
      "high /proj/aws-atlas.yml ",
    ]);
    expect(findings[6]?.message).toBe("world-readable (mode 0644) and holds secrets; run chmod 600 on it");
    expect(findings.map((f) => f.message).join("\n")).not.toContain("hunter2");
    expect(check({ "/proj/aws-atlas.yml": file }, { "/proj/aws-atlas.yml": 0o100600 })).toHaveLength(6);
  });

  it("checks every file, including bases reached through extends and the user file", () => {
    const findings = check({
      "/proj/aws-atlas.yml": "extends: base.toml\n",
      "/proj/base.toml": '[dashboard.authentication]\ntype = "basic"\nusername = "a"\npassword = "pw"\n',
      "/home/u/.aws-atlas/config.json": '{"notifications": {"channels": {"slack": {"webhook_url": "https://hooks.slack.com/services/T/B/x"}}}}',
    });
    expect(brief(findings)).toEqual(["high /home/u/.aws-atlas/config.json notifications.channels.slack.webhook_url", "high /proj/base.toml dashboard.authentication.password"]);
  });

  it("reports non-HTTPS webhooks and endpoints, except on loopback", () => {
    const file = [
      "notifications: { channels: { slack: { webhook_url: '${SLACK_URL}' }, webhooks: [{ url: 'http://hooks.example.com/a' }, { url: 'http://127.0.0.1:9000/a' }] } }",
      "llm: { provider: openai, base_url: 'http://gateway.internal/v1' }",
    ].join("\n");
    const findings = check({ "/proj/aws-atlas.yml": file }, {}, { env: { SLACK_URL: "http://hooks.slack.com/services/x" }, allowMissingVariables: false });
    expect(brief(findings)).toEqual(["medium - notifications.channels.slack.webhook_url", "medium - notifications.channels.webhooks[0].url", "medium - llm.base_url"]);
  });

  it("reports authentication none on a non-loopback bind host", () => {
    expect(brief(check({ "/proj/aws-atlas.yml": "dashboard: { host: 0.0.0.0 }\n" }))).toEqual(["high - dashboard.authentication.type"]);
    expect(check({ "/proj/aws-atlas.yml": "dashboard: { host: '::1' }\n" })).toEqual([]);
    expect(check({}, {}, { flags: { dashboard: { host: "10.0.0.5", authentication: { type: "basic", username: "a", password: "${PW}" } } } })).toEqual([]);
  });

  it("reports an LLM key stored inline, even when it makes the file invalid", () => {
    const inline = check({ "/proj/aws-atlas.yml": "llm: { provider: openai, api_key: sk-proj-abcdefghijklmnop }\n" });
    expect(inline.map((f) => f.message)).toEqual(["LLM API key stored inline; keep it in an environment variable and set llm.api_key_env to its name"]);
    const inVarName = check({ "/proj/aws-atlas.yml": "llm: { provider: openai, api_key_env: sk-proj-abcdefghijklmnop }\n" });
    expect(brief(inVarName)).toEqual(["high /proj/aws-atlas.yml llm.api_key_env"]);
  });

  it("renders one line per finding and a count", () => {
    const text = renderSecurityFindings([
      { severity: "high", path: "database.connection.password", message: "plaintext secret", file: "/proj/aws-atlas.yml" },
      { severity: "medium", path: "llm.base_url", message: "uses http://" },
    ]);
    expect(text).toBe("HIGH    /proj/aws-atlas.yml: database.connection.password: plaintext secret\nMEDIUM  llm.base_url: uses http://\n2 problems found.\n");
  });

  it("knows loopback hosts", () => {
    expect(["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"].every(isLoopbackHost)).toBe(true);
    expect(["0.0.0.0", "::", "10.0.0.1", "example.com"].some(isLoopbackHost)).toBe(false);
  });
});
