import { existsSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import {
  AtlasError,
  configTemplateFileName,
  renderConfigTemplate,
  renderSecurityFindings,
  renderValidation,
  securityCheck,
  showConfig,
  showConfigData,
  validateConfig,
} from "@aws-atlas/sdk";
import { defineAtlasCommand, type CliContext } from "../command.js";
import { configFlags, loadCliConfig, openAtlas } from "../atlas-context.js";
import { EXIT } from "../exit-codes.js";

function validation(ctx: CliContext, allowMissingVariables: boolean) {
  return validateConfig({
    flags: configFlags(ctx),
    env: ctx.env,
    cwd: ctx.cwd,
    homeDir: ctx.homeDir,
    configFile: ctx.globals.config,
    allowMissingVariables,
  });
}

const validate = defineAtlasCommand({
  meta: { name: "validate", description: "Check the configuration: every error at once, each with its key path" },
  args: {
    "allow-missing-env": { type: "boolean", description: "report unset ${VAR} references as warnings, not errors" },
  },
  examples: ["aws-atlas config validate --config aws-atlas.yml", "aws-atlas config validate --json"],
  run(args, ctx) {
    const result = validation(ctx, Boolean(args["allow-missing-env"]));
    if (!result.ok) ctx.exitCode = EXIT.INVALID_INPUT;
    ctx.out.result({ ok: result.ok, files: result.files, errors: result.errors, warnings: result.warnings }, () =>
      renderValidation(result).trimEnd(),
    );
  },
});

const show = defineAtlasCommand({
  meta: { name: "show", description: "Print the effective configuration (secrets masked)" },
  args: {
    sources: { type: "boolean", description: "say where each value came from" },
    format: { type: "string", description: "text, yaml or json (default text)", valueHint: "FORMAT" },
  },
  examples: ["aws-atlas config show --sources", "aws-atlas config show --json"],
  run(args, ctx) {
    const resolved = loadCliConfig(ctx);
    if (ctx.globals.json) {
      const data = showConfigData(resolved, { sources: Boolean(args.sources) });
      ctx.out.json(args.sources ? data : data.config);
      return;
    }
    const format = typeof args.format === "string" ? args.format : "text";
    if (format !== "text" && format !== "yaml" && format !== "json") {
      throw new AtlasError("INVALID_ARGUMENT", `--format ${format} is not text, yaml or json`);
    }
    ctx.out.text(showConfig(resolved, { sources: Boolean(args.sources), format }).trimEnd());
  },
});

const init = defineAtlasCommand({
  meta: { name: "init", description: "Write a commented starter configuration file" },
  args: {
    format: { type: "string", description: "yaml, json or toml (default yaml)", valueHint: "FORMAT" },
    out: { type: "string", description: "file to write (default ./aws-atlas.<ext>; - for stdout)", valueHint: "FILE" },
    force: { type: "boolean", description: "overwrite an existing file" },
  },
  examples: ["aws-atlas config init", "aws-atlas config init --format toml --out ~/.aws-atlas/config.toml"],
  run(args, ctx) {
    const format = typeof args.format === "string" ? args.format : "yaml";
    if (format !== "yaml" && format !== "json" && format !== "toml") {
      throw new AtlasError("INVALID_ARGUMENT", `--format ${format} is not yaml, json or toml`);
    }
    const text = renderConfigTemplate(format);
    if (args.out === "-") {
      ctx.out.stdout.write(text);
      return;
    }
    const file = resolve(ctx.cwd, typeof args.out === "string" ? args.out.replace(/^~(?=\/|$)/, ctx.homeDir) : configTemplateFileName(format));
    if (existsSync(file) && !args.force) {
      throw new AtlasError("INVALID_ARGUMENT", `${file} already exists`, { hint: "Pass --force to overwrite it or --out to choose another file." });
    }
    writeFileSync(file, text, { mode: 0o600 });
    ctx.out.result({ file, format }, () => `Wrote ${file}`);
  },
});

const securityCheckCommand = defineAtlasCommand({
  meta: { name: "security-check", description: "Find plaintext secrets, world-readable secret files, non-HTTPS webhooks, open dashboards" },
  examples: ["aws-atlas config security-check", "aws-atlas config security-check --json"],
  run(_args, ctx) {
    const result = validation(ctx, true);
    const findings = securityCheck(result);
    if (findings.length > 0) ctx.exitCode = EXIT.INVALID_INPUT;
    ctx.out.result({ ok: findings.length === 0, findings }, () => renderSecurityFindings(findings).trimEnd());
  },
});

const testConnections = defineAtlasCommand({
  meta: { name: "test-connections", description: "Check AWS credentials (STS), SSM reachability and the database; Cost Explorer with --include-paid" },
  args: {
    "include-paid": { type: "boolean", description: "also call Cost Explorer once ($0.01)" },
  },
  examples: ["aws-atlas config test-connections", "aws-atlas config test-connections --include-paid --json"],
  async run(args, ctx) {
    const checks = await openAtlas(ctx).testConnections({ includePaid: Boolean(args["include-paid"]), signal: ctx.signal });
    const failed = checks.filter((c) => !c.ok);
    if (failed.some((c) => c.code === "AWS_AUTH")) ctx.exitCode = EXIT.AWS_AUTH;
    else if (failed.length > 0) ctx.exitCode = EXIT.AWS_UNAVAILABLE;
    ctx.out.result({ ok: failed.length === 0, checks }, () =>
      checks.map((c) => `${c.ok ? "ok  " : "FAIL"} ${c.name.padEnd(14)} ${c.detail} (${c.ms} ms)`).join("\n") +
      (args["include-paid"] ? "" : "\nCost Explorer not checked (each request costs $0.01): add --include-paid."),
    );
  },
});

export const configCommand = defineAtlasCommand({
  meta: { name: "config", description: "Validate, show, create and check the configuration" },
  subCommands: { validate, show, init, "security-check": securityCheckCommand, "test-connections": testConnections },
});
