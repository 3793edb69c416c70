import { statSync } from "node:fs";
import { hasReference } from "./interpolate.js";
import { formatKeyPath, type KeyPath } from "./key-path.js";
import type { AtlasConfig } from "./schema.js";
import { isSecretPath } from "./secrets.js";
import type { ConfigLayer } from "./types.js";

/** How serious a finding is. */
export type SecuritySeverity = "high" | "medium" | "low";

/** One problem found by {@link securityCheck}. */
export interface SecurityFinding {
  severity: SecuritySeverity;
  /** Key path, or empty for a finding about a whole file. */
  path: string;
  message: string;
  file?: string;
}

/** Options for {@link securityCheck}. */
export interface SecurityCheckOptions {
  /** File mode lookup; default `fs.statSync`. Returns `undefined` when the file cannot be read. */
  stat?: (file: string) => { mode: number } | undefined;
}

/** What {@link securityCheck} reads: the layers (as written) and, when valid, the effective configuration. */
export interface SecurityCheckInput {
  config?: AtlasConfig;
  layers: readonly ConfigLayer[];
}

const AWS_ACCESS_KEY = /\b(AKIA|ASIA)[0-9A-Z]{16}\b/;
const LOOKS_LIKE_API_KEY = /^(sk-|sk_|sk-ant-|xox[abp]-|ghp_|AKIA|AIza)|^[A-Za-z0-9_-]{32,}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function defaultStat(file: string): { mode: number } | undefined {
  try {
    return { mode: statSync(file).mode };
  } catch {
    return undefined;
  }
}

/**
 * Whether a bind host only accepts connections from this machine.
 *
 * @example
 * isLoopbackHost("127.0.0.1"); // true
 * isLoopbackHost("0.0.0.0"); // false
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h);
}

function urlHost(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}

function literalCredentialInUrl(value: string): boolean {
  const userInfo = /^[a-z][a-z0-9+.-]*:\/\/[^/?#@:]*:([^/?#@]+)@/i.exec(value);
  if (userInfo && !hasReference(userInfo[1] ?? "")) return true;
  const query = /[?&](token|access_token|api[-_]?key|key|secret|password|sig|signature)=([^&#]+)/i.exec(value);
  return query !== null && !hasReference(query[2] ?? "");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Findings about secrets written into one file; returns whether the file holds any. */
function scanFile(layer: ConfigLayer, findings: SecurityFinding[]): boolean {
  let holdsSecrets = false;
  const file = layer.file;
  const report = (path: KeyPath, message: string) => {
    holdsSecrets = true;
    findings.push({ severity: "high", path: formatKeyPath(path), message, ...(file ? { file } : {}) });
  };
  const visit = (node: unknown, path: KeyPath) => {
    if (Array.isArray(node)) return node.forEach((item, index) => visit(item, [...path, index]));
    if (isRecord(node)) {
      for (const [key, child] of Object.entries(node)) visit(child, [...path, key]);
      return;
    }
    if (typeof node !== "string" || node === "") return;
    const inLlm = path[0] === "llm";
    if (inLlm && path[1] === "api_key_env" && !ENV_NAME.test(node) && LOOKS_LIKE_API_KEY.test(node)) {
      report(path, "holds what looks like an API key; set it to the NAME of an environment variable that holds the key");
    } else if (isSecretPath(path) && !hasReference(node)) {
      report(path, inLlm ? "LLM API key stored inline; keep it in an environment variable and set llm.api_key_env to its name" : "plaintext secret; use an environment variable reference such as ${NAME}");
    } else if (node.includes("://") && literalCredentialInUrl(node)) {
      report(path, "URL with a plaintext credential; put the URL or its password in an environment variable (${NAME})");
    } else if (AWS_ACCESS_KEY.test(node) && !hasReference(node)) {
      report(path, "looks like an AWS access key id; use a profile or environment credentials instead");
    }
  };
  visit(layer.data, []);
  return holdsSecrets;
}

/**
 * Look for security problems in the configuration: plaintext passwords, tokens and keys written
 * in files (not `${VAR}` references), such files being world-readable, non-HTTPS webhooks and
 * endpoints, an unauthenticated HTTP server on a non-loopback host, LLM keys stored inline.
 * Returns the findings, most severe first; an empty list means none.
 *
 * @example
 * const findings = securityCheck(validateConfig(options));
 * process.exitCode = findings.length > 0 ? 1 : 0;
 */
export function securityCheck(input: SecurityCheckInput, options: SecurityCheckOptions = {}): SecurityFinding[] {
  const stat = options.stat ?? defaultStat;
  const findings: SecurityFinding[] = [];
  for (const layer of input.layers) {
    if (layer.source !== "file" && layer.source !== "user" && layer.source !== "system") continue;
    const holdsSecrets = scanFile(layer, findings);
    if (holdsSecrets && layer.file) {
      const mode = stat(layer.file)?.mode;
      if (mode !== undefined && (mode & 0o004) !== 0) {
        const octal = (mode & 0o777).toString(8).padStart(4, "0");
        findings.push({ severity: "high", path: "", file: layer.file, message: `world-readable (mode ${octal}) and holds secrets; run chmod 600 on it` });
      }
    }
  }
  const config = input.config;
  if (config) {
    const insecure = (path: KeyPath, url: string | undefined, what: string, severity: SecuritySeverity = "medium") => {
      if (url === undefined || !/^http:\/\//i.test(url)) return;
      const host = urlHost(url);
      if (host !== undefined && isLoopbackHost(host)) return;
      findings.push({ severity, path: formatKeyPath(path), message: `${what} uses http://; use https:// so that its content and credentials are encrypted` });
    };
    const channels = config.notifications.channels;
    insecure(["notifications", "channels", "slack", "webhook_url"], channels.slack.webhook_url, "Slack webhook");
    channels.webhooks.forEach((hook, index) => insecure(["notifications", "channels", "webhooks", index, "url"], hook.url, "webhook"));
    insecure(["llm", "base_url"], config.llm.base_url, "LLM endpoint (it receives the API key)");
    config.monitoring.logging.outputs.forEach((output, index) => {
      if (output.type === "elasticsearch") insecure(["monitoring", "logging", "outputs", index, "endpoint"], output.endpoint, "Elasticsearch endpoint", "low");
    });
    const { host, port, authentication } = config.dashboard;
    if (!isLoopbackHost(host) && authentication.type === "none") {
      findings.push({
        severity: "high",
        path: "dashboard.authentication.type",
        message: `authentication is none while the HTTP server binds ${host}:${port}, so anyone who can reach it can use the API; set dashboard.authentication or bind to 127.0.0.1`,
      });
    }
  }
  const rank: Record<SecuritySeverity, number> = { high: 0, medium: 1, low: 2 };
  return findings.map((finding, index) => ({ finding, index })).sort((a, b) => rank[a.finding.severity] - rank[b.finding.severity] || a.index - b.index).map(({ finding }) => finding);
}

/**
 * Render findings as text, one per line: severity, where, what to do.
 *
 * @example
 * stdout.write(renderSecurityFindings(findings));
 */
export function renderSecurityFindings(findings: readonly SecurityFinding[]): string {
  if (findings.length === 0) return "No security problems found.\n";
  const lines = findings.map((finding) => {
    const where = [finding.file, finding.path].filter((part) => part !== undefined && part !== "").join(": ");
    return `${finding.severity.toUpperCase().padEnd(6)}  ${where}: ${finding.message}`;
  });
  const count = findings.length === 1 ? "1 problem" : `${findings.length} problems`;
  return `${lines.join("\n")}\n${count} found.\n`;
}
