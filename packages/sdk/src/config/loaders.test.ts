import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isAtlasError } from "../errors.js";
import { configFormatOf, loadConfigText, parseConfigText } from "./loaders.js";
import { resolveConfig } from "./resolve.js";
import { showConfig } from "./show.js";
import { formatConfigIssue } from "./types.js";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
const firstError = (text: string, file: string) => formatConfigIssue(parseConfigText(text, { file }).errors[0] ?? { path: "", message: "no error" });

describe("equivalent files", () => {
  it("give the same `config show --json` in YAML, JSON and TOML", () => {
    const outputs = ["equivalent.yml", "equivalent.json", "equivalent.toml"].map((name) => {
      const file = `/proj/aws-atlas.${name.split(".")[1] ?? ""}`;
      const resolved = resolveConfig({ env: { EQ_DASH_PASSWORD: "pw" }, cwd: "/proj", homeDir: "/home/u", readFile: (path) => (path === file ? fixture(name) : undefined) });
      // the one warning: cross_account_roles is accepted but not used yet
      expect(resolved.warnings.map((w) => w.path)).toEqual(["aws.cross_account_roles"]);
      return showConfig(resolved, { format: "json" });
    });
    expect(outputs[1]).toBe(outputs[0]);
    expect(outputs[2]).toBe(outputs[0]);
    const shown = JSON.parse(outputs[0] ?? "") as Record<string, Record<string, unknown>>;
    expect(shown.dashboard?.authentication).toEqual({ type: "basic", username: "admin", password: "****" });
    expect(shown.output?.formats).toEqual(["csv", "xlsx", "md"]);
  });
});

describe("parse errors", () => {
  it("give the file, line and column for YAML", () => {
    expect(firstError("aws:\n  region: us-east-1\n  region: eu-west-1\n", "a.yml")).toBe("a.yml:3:3: Map keys must be unique");
    expect(firstError("a: 1\n---\nb: 2\n", "a.yml")).toMatch(/^a\.yml:2:1: Source contains multiple documents/);
    expect(firstError("a: !Ref x\n", "a.yml")).toBe("a.yml:1:4: Unresolved tag: !Ref");
  });

  it("give the file, line and column for JSON", () => {
    expect(firstError('{\n  "aws": {\n    "region": \n  }\n}', "a.json")).toMatch(/^a\.json:4:3: /);
    expect(firstError('{"a": 1', "a.json")).toMatch(/^a\.json:1:\d+: /);
  });

  it("give the file, line and column for TOML", () => {
    expect(firstError("[aws]\nregion = \n", "a.toml")).toMatch(/^a\.toml:2:\d+: /);
    expect(firstError("n = 99999999999999999999\n", "a.toml")).toBe("a.toml:1:5: integer value cannot be represented losslessly");
  });

  it("throw AtlasError INVALID_CONFIG from the throwing variant", () => {
    try {
      loadConfigText("a: [", { file: "x.yml" });
      expect.unreachable();
    } catch (error) {
      expect(isAtlasError(error) && error.code).toBe("INVALID_CONFIG");
      expect((error as Error).message).toMatch(/^x\.yml:1:\d+: /);
    }
  });

  it("reject unknown extensions", () => {
    expect(firstError("a=1", "config.ini")).toBe("config.ini: unsupported configuration file extension; use .yml, .yaml, .json or .toml");
  });
});

describe("plain data", () => {
  it("reads empty files and a BOM, and turns TOML dates into ISO strings", () => {
    expect(parseConfigText("", { format: "yaml" }).data).toEqual({});
    expect(parseConfigText("# only a comment\n", { format: "yaml" }).data).toBeNull();
    expect(parseConfigText("\uFEFF{\"a\": 1}", { format: "json" }).data).toEqual({ a: 1 });
    expect(parseConfigText("[metadata]\ncreated = 2025-01-15T10:30:00Z\n", { format: "toml" }).data).toEqual({ metadata: { created: "2025-01-15T10:30:00.000Z" } });
  });

  it("keeps __proto__ as a plain key, never as a prototype", () => {
    for (const [text, format] of [
      ['{"__proto__": {"polluted": true}}', "json"],
      ["__proto__:\n  polluted: true\n", "yaml"],
    ] as const) {
      const data = parseConfigText(text, { format }).data as Record<string, unknown>;
      expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
      expect(Object.keys(data)).toEqual(["__proto__"]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });

  it("expands YAML anchors and merge keys, and refuses alias bombs", () => {
    expect(parseConfigText("base: &b { a: 1 }\nother:\n  <<: *b\n  c: 2\n", { format: "yaml" }).data).toEqual({ base: { a: 1 }, other: { a: 1, c: 2 } });
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]", "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]", "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]", "d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]"].join("\n");
    expect(parseConfigText(bomb, { format: "yaml", file: "bomb.yml" }).errors[0]?.message).toMatch(/alias/i);
  });

  it("finds the format from the extension", () => {
    expect(["a.yml", "b.YAML", "c.json", "d.toml", "e.txt", "noext"].map(configFormatOf)).toEqual(["yaml", "yaml", "json", "toml", undefined, undefined]);
  });
});
