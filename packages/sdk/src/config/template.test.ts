import { describe, expect, it } from "vitest";
import { CONFIG_FORMATS } from "./loaders.js";
import { resolveConfig } from "./resolve.js";
import { showConfig } from "./show.js";
import { configTemplateFileName, renderConfigTemplate } from "./template.js";

function load(format: (typeof CONFIG_FORMATS)[number]) {
  const file = `/proj/${configTemplateFileName(format)}`;
  const text = renderConfigTemplate(format);
  return { text, resolved: resolveConfig({ env: {}, cwd: "/proj", homeDir: "/home/u", readFile: (path) => (path === file ? text : undefined) }) };
}

describe("config init template", () => {
  it("validates in every format without warnings, and the formats agree", () => {
    const shown = CONFIG_FORMATS.map((format) => {
      const { resolved } = load(format);
      expect(resolved.warnings).toEqual([]);
      expect(resolved.files).toEqual([`/proj/${configTemplateFileName(format)}`]);
      return showConfig(resolved, { format: "json" });
    });
    expect(shown[1]).toBe(shown[0]);
    expect(shown[2]).toBe(shown[0]);
  });

  it("sets its values from the file, with comments in YAML and TOML", () => {
    const yaml = load("yaml");
    expect(yaml.resolved.sources["performance.max_workers"]?.source).toBe("file");
    expect(yaml.resolved.config.filters.regions.exclude).toEqual(["*gov*", "cn-*"]);
    expect(yaml.text).toContain("# Concurrent AWS requests (scan --concurrency).\n  max_workers: 10\n");
    expect(yaml.text).toContain('  # profile: "default"\n');
    expect(load("toml").text).toContain("[costs.spend_guard]\n# Most paid Cost Explorer requests");
    expect(JSON.parse(load("json").text)).toMatchObject({ version: "2.0", llm: { provider: "none" } });
  });
});
