import { formatKeyPath } from "./key-path.js";
import { envVarFor } from "./layers.js";
import { atlasConfigSchema, CONFIG_VERSION, SECTION_ALIASES } from "./schema.js";
import {
  childSchema,
  describeSchemaType,
  enumValues,
  itemSchema,
  numberBounds,
  objectKeys,
  schemaKind,
  unionOptions,
  unwrapSchema,
  type AnySchema,
} from "./schema-walk.js";
import { SECRET_KEY_PATTERNS } from "./secrets.js";
import { renderConfigTemplate } from "./template.js";

interface DocRow {
  key: string;
  type: string;
  defaultText: string;
  env: string[];
  description: string;
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
const code = (text: string) => "`" + text + "`";

function typeText(schema: AnySchema): string {
  const label = unwrapSchema(schema).meta.typeLabel;
  if (label) return label;
  const kind = schemaKind(schema);
  const base = describeSchemaType(schema);
  if (kind !== "number" && kind !== "integer") return base;
  const bounds = numberBounds(schema);
  const low = bounds.min === undefined ? "" : `${bounds.minExclusive ? ">" : "≥"} ${bounds.min}`;
  const high = bounds.max === undefined ? "" : `${bounds.maxExclusive ? "<" : "≤"} ${bounds.max}`;
  return [base, [low, high].filter(Boolean).join(", ")].filter(Boolean).join(", ");
}

function defaultText(schema: AnySchema, inList: boolean): string {
  const unwrapped = unwrapSchema(schema);
  if (unwrapped.meta.defaultLabel) return unwrapped.meta.defaultLabel;
  if (unwrapped.hasDefault && !unwrapped.prefault) return code(JSON.stringify(unwrapped.defaultValue));
  if (unwrapped.hasDefault) return "";
  if (unwrapped.optional) return "";
  return inList ? "required" : "";
}

function notImplementedText(schema: AnySchema): string {
  const marker = unwrapSchema(schema).meta.notImplemented;
  if (marker === true) return " **Accepted but not implemented yet** (a warning when switched on).";
  if (Array.isArray(marker) && marker.length > 0) {
    return ` ${marker.map((value) => code(String(value))).join(", ")}: **accepted but not implemented yet** (a warning).`;
  }
  return "";
}

function rowsFor(schema: AnySchema, path: (string | number)[], display: string, inList: boolean, rows: DocRow[], variant?: string): void {
  const unwrapped = unwrapSchema(schema);
  const kind = schemaKind(schema);
  const env = inList ? [] : [...(unwrapped.meta.env ?? []), envVarFor(path.map(String))];
  const union = unionOptions(schema);
  let type = typeText(schema);
  if (union?.discriminator) {
    const values = union.options.flatMap((option) => enumValues(childSchema(option, union.discriminator ?? "") ?? option) ?? []);
    type = `object, ${code(union.discriminator)}: ${values.map((value) => JSON.stringify(value)).join(" | ")}`;
  }
  const description = (variant ? `(${variant}) ` : "") + (unwrapped.meta.description ?? "") + notImplementedText(schema);
  rows.push({ key: display, type, defaultText: defaultText(schema, inList), env: kind === "object" || union?.discriminator ? [] : env, description });

  if (kind === "object") {
    for (const key of objectKeys(schema)) {
      const child = childSchema(schema, key);
      if (child) rowsFor(child, [...path, key], `${display}.${key}`, inList, rows);
    }
  } else if (union?.discriminator) {
    const discriminator = union.discriminator;
    for (const option of union.options) {
      const value = (enumValues(childSchema(option, discriminator) ?? option) ?? []).join(", ");
      for (const key of objectKeys(option)) {
        if (key === discriminator) continue;
        const child = childSchema(option, key);
        if (child) rowsFor(child, [...path, key], `${display}.${key}`, true, rows, `${discriminator} ${value}`);
      }
    }
  } else if (kind === "array") {
    const item = itemSchema(schema);
    const itemKind = item ? schemaKind(item) : "unknown";
    if (item && (itemKind === "object" || itemKind === "union")) {
      const itemUnion = unionOptions(item);
      if (itemUnion?.discriminator) {
        const discriminator = itemUnion.discriminator;
        const values = itemUnion.options.flatMap((option) => enumValues(childSchema(option, discriminator) ?? option) ?? []);
        rows.push({ key: `${display}[].${discriminator}`, type: values.map((v) => JSON.stringify(v)).join(" | "), defaultText: "required", env: [], description: "Kind of item." });
        for (const option of itemUnion.options) {
          const value = (enumValues(childSchema(option, discriminator) ?? option) ?? []).join(", ");
          for (const key of objectKeys(option)) {
            if (key === discriminator) continue;
            const child = childSchema(option, key);
            if (child) rowsFor(child, [...path, 0, key], `${display}[].${key}`, true, rows, `${discriminator} ${value}`);
          }
        }
      } else {
        for (const key of objectKeys(item)) {
          const child = childSchema(item, key);
          if (child) rowsFor(child, [...path, 0, key], `${display}[].${key}`, true, rows);
        }
      }
    }
  }
}

function renderTable(rows: readonly DocRow[]): string {
  const lines = ["| Key | Type | Default | Environment | Description |", "|---|---|---|---|---|"];
  for (const row of rows) {
    const env = row.env.map(code).join(", ");
    lines.push(`| ${code(row.key)} | ${cell(row.type)} | ${cell(row.defaultText)} | ${cell(env)} | ${cell(row.description)} |`);
  }
  return lines.join("\n");
}

function standardEnvRows(): string {
  const lines = ["| Variable | Sets |", "|---|---|"];
  const visit = (schema: AnySchema, path: string[]) => {
    const unwrapped = unwrapSchema(schema);
    for (const name of unwrapped.meta.env ?? []) lines.push(`| ${code(name)} | ${code(formatKeyPath(path))} |`);
    if (schemaKind(schema) === "object") {
      for (const key of objectKeys(schema)) {
        const child = childSchema(schema, key);
        if (child) visit(child, [...path, key]);
      }
    }
  };
  visit(atlasConfigSchema, []);
  return lines.join("\n");
}

const INTRO = `# Configuration

<!-- Generated from packages/sdk/src/config/schema.ts by scripts/gen-config-docs.mjs. Do not edit by hand: run \`node scripts/gen-config-docs.mjs\`. -->

Every aws-atlas command reads its settings through one path: the files, the environment and the
command-line flags below are merged, checked against one schema, and handed to the SDK. Every
key is optional; \`{}\` is a valid configuration. Keys are snake_case, as in the file.

## Where settings come from

Highest precedence first:

1. **Command-line flags**: \`--profile\`, \`--region\`, \`--endpoint-url\`, \`--db\`, \`--log-level\` and the
   command's own options (\`--concurrency\`, \`--max-rps\`, filters, ...).
2. **Environment**: \`AWS_ATLAS_<SECTION>__<KEY>\` (levels separated by a double underscore, e.g.
   \`AWS_ATLAS_PERFORMANCE__MAX_WORKERS=9\`, \`AWS_ATLAS_COSTS__SPEND_GUARD__MAX_USD_PER_RUN=0.50\`),
   and the standard variables listed below. An \`AWS_ATLAS_\` variable beats a standard one for the
   same key; empty variables count as unset.
3. **The configuration file**: the \`--config FILE\` flag, else \`AWS_ATLAS_CONFIG\`, else the project
   file \`./aws-atlas.yml\` (or \`.yaml\`, \`.json\`, \`.toml\`) in the working directory. A file named by
   \`--config\` or \`AWS_ATLAS_CONFIG\` must exist.
4. **The user file**: \`~/.aws-atlas/config.yml\` (or \`.yaml\`, \`.json\`, \`.toml\`).
5. **The system file**: \`/etc/aws-atlas/config.yml\` (or \`.yaml\`, \`.json\`, \`.toml\`).
6. **Defaults**, listed in the reference below.

When a directory holds several candidates, the first of \`.yml\`, \`.yaml\`, \`.json\`, \`.toml\` is used
and a warning names the others. \`aws-atlas config show --sources\` prints every effective value with
where it came from (\`flag\`, \`env NAME\`, \`file PATH\`, \`user PATH\`, \`system PATH\` or \`default\`).

### Environment values

Values are converted to the key's type: numbers; booleans from \`true/false\`, \`1/0\`, \`yes/no\`,
\`on/off\`; lists as JSON (\`["us-*","eu-*"]\`) or comma-separated (\`us-*,eu-*\`); objects as JSON.
A value that does not convert is reported with the variable's name. \`http\` is accepted for the
\`dashboard\` section in files and variables alike (\`AWS_ATLAS_HTTP__PORT=9000\`).

Standard variables:

`;

const FILES = `## Files: YAML, JSON, TOML

The format follows the extension: \`.yml\`/\`.yaml\`, \`.json\`, \`.toml\`. The three are equivalent: the
same settings in any of them give the same \`config show --json\`. Syntax errors name the file, the
line and the column. \`aws-atlas config init [--format yaml|json|toml]\` writes a commented starter
file.

The YAML and TOML parsers (\`yaml\`, \`smol-toml\`) load on first use, through \`require\`: a run that
reads no such file never loads them. Bundling the SDK into one ESM file (for Lambda, say)? Keep those two
packages next to the bundle, or bundle as CommonJS, or configure through the environment and JSON.

### \`extends\`

A file may start from others: \`extends: ./base.yml\` or a list (\`extends: [./base.yml, ./team.toml]\`).
Paths are relative to the file that names them (\`~\` is the home directory); formats may differ; bases
may extend further files. Later bases override earlier ones and the file overrides its bases. A
cycle is an error that shows the chain (\`a.yml -> b.yml -> a.yml\`).

Merging, for \`extends\` and between sources alike:

- **objects merge** key by key;
- **lists replace** the list below them (they are not concatenated);
- scalars replace;
- \`null\` removes the key from everything merged below it, so its default applies again.

### \`\${VAR}\` interpolation

String values in files may contain \`\${VAR}\` or \`\${VAR:-default}\`. The default applies when the
variable is unset or empty. \`$$\` writes a literal \`$\` (so \`$\${VAR}\` stays \`\${VAR}\`). A variable that
is not set and has no default is an error naming the variable and the key path. After substitution a
value is converted to the key's type (\`port: "\${DB_PORT}"\` becomes a number). Values from the
environment and from flags are not interpolated. Interpolation applies to the effective values only,
so a \`\${VAR}\` overridden by a higher source need not be set.

## Secrets

Keep secrets out of files: reference them as \`\${VAR}\` (or, for the LLM, name the variable in
\`llm.api_key_env\`). \`config show\` (text and JSON) and error messages mask secret values as
\`****\`: values under keys matching the patterns below (webhook headers and plugin settings
included), passwords in URLs (\`postgres://app:****@db/atlas\`) and credential query parameters.

Secret key patterns: ${SECRET_KEY_PATTERNS.map((pattern) => code(pattern.source)).join(", ")} (keys ending in \`_env\` hold variable names and are not secrets).

\`aws-atlas config security-check\` reports plaintext passwords, tokens and keys in files (not
\`\${VAR}\` references), such files when they are world-readable, non-HTTPS webhooks and LLM
endpoints, authentication \`none\` on a non-loopback \`dashboard.host\`, and LLM keys stored inline.
It exits non-zero when it finds anything.

## Validation

\`aws-atlas config validate\` reports every problem at once, each with its key path and where the
value came from, and exits with code 2 when there is any:

\`\`\`
performance.max_workers: expected a number, got "x" (env AWS_ATLAS_PERFORMANCE__MAX_WORKERS)
perfomance: unknown key; did you mean "performance"? (file /srv/app/aws-atlas.yml)
\`\`\`

Objects are strict: an unknown key is an error, with a suggestion for a likely typo or for the
section where the key belongs. Settings that are accepted but not implemented yet (marked below)
produce warnings, not errors, so existing files keep loading.
`;

/**
 * The configuration reference (docs/configuration.md), generated from the schema so that docs and
 * code cannot drift.
 *
 * @example
 * writeFileSync("docs/configuration.md", renderConfigDocs());
 */
export function renderConfigDocs(): string {
  const sections: string[] = [];
  for (const key of objectKeys(atlasConfigSchema)) {
    const schema = childSchema(atlasConfigSchema, key);
    if (!schema) continue;
    const rows: DocRow[] = [];
    rowsFor(schema, [key], key, false, rows);
    const aliases = Object.entries(SECTION_ALIASES)
      .filter(([, canonical]) => canonical === key)
      .map(([alias]) => code(alias));
    const heading = `### ${code(key)}${aliases.length > 0 ? ` (also ${aliases.join(", ")})` : ""}`;
    const description = unwrapSchema(schema).meta.description ?? "";
    sections.push([heading, "", description, "", renderTable(rows.slice(schemaKind(schema) === "object" ? 1 : 0))].join("\n"));
  }
  return [
    INTRO + standardEnvRows(),
    "",
    FILES,
    `## Reference (format ${CONFIG_VERSION})`,
    "",
    "Keys of list items are written `list[].key`; they have no environment variable of their own (set the whole list as JSON). Keys marked with a `(type ...)` prefix apply to that variant only.",
    "",
    sections.join("\n\n"),
    "",
    "## Starter file",
    "",
    "`aws-atlas config init` writes this (YAML shown; JSON and TOML hold the same settings):",
    "",
    "```yaml",
    renderConfigTemplate("yaml").trimEnd(),
    "```",
    "",
  ].join("\n");
}
