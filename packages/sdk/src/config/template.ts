import type { ConfigFormat } from "./loaders.js";
import { atlasConfigSchema, CONFIG_VERSION } from "./schema.js";
import { schemaAtPath, unwrapSchema } from "./schema-walk.js";
import { defaultConfig } from "./validate.js";

/** One entry of the starter file: a key path, and a value when it differs from the default. */
interface TemplateEntry {
  path: string;
  /** Written as a comment, to show the option without setting it. */
  commented?: boolean;
  value?: unknown;
}

/** The settings `config init` writes, in order. Values default to the schema's defaults. */
const TEMPLATE_ENTRIES: readonly TemplateEntry[] = [
  { path: "version" },
  { path: "aws.profile", commented: true, value: "default" },
  { path: "aws.region" },
  { path: "aws.endpoint_url", commented: true, value: "http://localhost:4566" },
  { path: "performance.max_workers" },
  { path: "performance.max_rps" },
  { path: "performance.max_retries" },
  { path: "performance.timeout_seconds" },
  { path: "cache.enabled" },
  { path: "cache.ttl_hours" },
  { path: "output.formats", value: ["json", "csv"] },
  { path: "output.directory" },
  { path: "output.naming.template" },
  { path: "filters.services.include" },
  { path: "filters.services.exclude" },
  { path: "filters.regions.include" },
  { path: "filters.regions.exclude", value: ["*gov*", "cn-*"] },
  { path: "database.enabled" },
  { path: "database.url", commented: true, value: "postgres://atlas:${ATLAS_DB_PASSWORD}@db.internal:5432/atlas" },
  { path: "dashboard.host" },
  { path: "dashboard.port" },
  { path: "dashboard.authentication.type" },
  { path: "monitoring.logging.level" },
  { path: "monitoring.logging.format" },
  { path: "costs.default_metric" },
  { path: "costs.fiscal_year_start_month" },
  { path: "costs.ledger_months" },
  { path: "costs.spend_guard.max_paid_requests" },
  { path: "costs.spend_guard.max_usd_per_run" },
  { path: "llm.provider" },
  { path: "llm.model", commented: true, value: "gpt-4o-mini" },
  { path: "llm.api_key_env", commented: true, value: "OPENAI_API_KEY" },
];

interface TemplateNode {
  key: string;
  description: string;
  children?: TemplateNode[];
  value?: unknown;
  commented?: boolean;
}

function descriptionAt(path: string[]): string {
  const schema = schemaAtPath(atlasConfigSchema, path);
  return schema ? (unwrapSchema(schema).meta.description ?? "") : "";
}

function valueAt(config: unknown, path: string[]): unknown {
  let node = config;
  for (const key of path) node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}

function buildTree(): TemplateNode[] {
  const defaults = defaultConfig();
  const roots: TemplateNode[] = [];
  for (const entry of TEMPLATE_ENTRIES) {
    const path = entry.path.split(".");
    let siblings = roots;
    path.forEach((key, index) => {
      const isLeaf = index === path.length - 1;
      let node = siblings.find((candidate) => candidate.key === key);
      if (!node) {
        node = { key, description: descriptionAt(path.slice(0, index + 1)) };
        if (!isLeaf) node.children = [];
        siblings.push(node);
      }
      if (isLeaf) {
        node.value = "value" in entry ? entry.value : valueAt(defaults, path);
        if (entry.commented) node.commented = true;
      } else {
        siblings = node.children ?? [];
      }
    });
  }
  return roots;
}

/** A value as YAML flow / TOML inline syntax: JSON, with a space after commas in lists. */
function inline(value: unknown): string {
  return Array.isArray(value) ? `[${value.map((item) => inline(item)).join(", ")}]` : JSON.stringify(value);
}

const HEADER = [
  `aws-atlas configuration (format ${CONFIG_VERSION}). Every key is optional; see docs/configuration.md.`,
  "Precedence: command-line flags > AWS_ATLAS_<SECTION>__<KEY> variables > this file",
  "> ~/.aws-atlas/config.* > /etc/aws-atlas/config.* > defaults.",
  "Keep secrets out of this file: write ${VAR} or ${VAR:-default} and set the variable.",
];

function renderYaml(nodes: readonly TemplateNode[], indent = ""): string[] {
  const lines: string[] = [];
  for (const node of nodes) {
    if (node.description) lines.push(`${indent}# ${node.description}`);
    if (node.children) {
      lines.push(`${indent}${node.key}:`);
      lines.push(...renderYaml(node.children, indent + "  "));
      if (indent === "") lines.push("");
    } else {
      lines.push(`${indent}${node.commented ? "# " : ""}${node.key}: ${inline(node.value)}`);
      if (indent === "") lines.push("");
    }
  }
  return lines;
}

function renderToml(nodes: readonly TemplateNode[], table: string[] = []): string[] {
  const lines: string[] = [];
  for (const node of nodes.filter((candidate) => !candidate.children)) {
    if (node.description) lines.push(`# ${node.description}`);
    lines.push(`${node.commented ? "# " : ""}${node.key} = ${inline(node.value)}`);
  }
  for (const node of nodes.filter((candidate) => candidate.children)) {
    const name = [...table, node.key];
    lines.push("");
    if (node.description) lines.push(`# ${node.description}`);
    // A table with only sub-tables needs no header of its own.
    if ((node.children ?? []).some((child) => !child.children)) lines.push(`[${name.join(".")}]`);
    lines.push(...renderToml(node.children ?? [], name));
  }
  return lines;
}

function toJson(nodes: readonly TemplateNode[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const node of nodes) {
    if (node.commented) continue;
    out[node.key] = node.children ? toJson(node.children) : node.value;
  }
  return out;
}

/**
 * A commented starter configuration for `config init`, in YAML, JSON (no comments: JSON has
 * none) or TOML. It validates without errors or warnings and sets the defaults explicitly.
 *
 * @example
 * writeFileSync("aws-atlas.yml", renderConfigTemplate("yaml"));
 */
export function renderConfigTemplate(format: ConfigFormat): string {
  const tree = buildTree();
  switch (format) {
    case "yaml":
      return [...HEADER.map((line) => `# ${line}`), "", ...renderYaml(tree)].join("\n").replace(/\n+$/, "\n");
    case "toml":
      return [...HEADER.map((line) => `# ${line}`), "", ...renderToml(tree)].join("\n").replace(/\n+$/, "") + "\n";
    case "json":
      return JSON.stringify(toJson(tree), null, 2) + "\n";
  }
}

/**
 * The file name `config init` writes for a format: `aws-atlas.yml`, `aws-atlas.json`, `aws-atlas.toml`.
 *
 * @example
 * configTemplateFileName("toml"); // "aws-atlas.toml"
 */
export function configTemplateFileName(format: ConfigFormat): string {
  return format === "yaml" ? "aws-atlas.yml" : `aws-atlas.${format}`;
}
