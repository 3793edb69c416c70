import fc from "fast-check";
import { stringify as stringifyToml } from "smol-toml";
import { describe, expect, it } from "vitest";
import { stringify as stringifyYaml } from "yaml";
import { isAtlasError } from "../errors.js";
import { interpolateString } from "./interpolate.js";
import { locateJsonError } from "./json-locate.js";
import { formatKeyPath } from "./key-path.js";
import { resolveConfig, validateConfig } from "./resolve.js";
import { atlasConfigSchema } from "./schema.js";
import { listSchemaFields } from "./schema-walk.js";
import { showConfig } from "./show.js";
import type { ConfigIssue } from "./types.js";
import { validateConfigDocument } from "./validate.js";

const RUNS = { numRuns: 100 };

/** Dotted paths of the schema plus a few near misses, to build documents that reach deep validation. */
const knownPaths = listSchemaFields(atlasConfigSchema).map((field) => field.path);
const pathArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...knownPaths) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom("aws", "performance", "max_worker", "x", "__proto__", "constructor", "type", "0"), { minLength: 1, maxLength: 3 }) },
);

function setPath(doc: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = doc;
  path.forEach((key, index) => {
    if (index === path.length - 1) {
      Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
      return;
    }
    const next = Object.hasOwn(node, key) ? node[key] : undefined;
    if (typeof next === "object" && next !== null && !Array.isArray(next)) node = next as Record<string, unknown>;
    else {
      const created: Record<string, unknown> = {};
      Object.defineProperty(node, key, { value: created, enumerable: true, writable: true, configurable: true });
      node = created;
    }
  });
}

const schemaShapedDoc = fc.array(fc.tuple(pathArb, fc.jsonValue({ maxDepth: 2 })), { maxLength: 8 }).map((entries) => {
  const doc: Record<string, unknown> = {};
  for (const [path, value] of entries) setPath(doc, path, value);
  return doc;
});

/** Every issue must say where it is: a key path, a file (parse errors) or an environment variable. */
function locatable(issue: ConfigIssue, docIsMapping: boolean): boolean {
  return issue.path !== "" || issue.file !== undefined || issue.source?.envVar !== undefined || !docIsMapping;
}

function expectInvalidConfigOrOk(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    expect(isAtlasError(error)).toBe(true);
    if (!isAtlasError(error)) return;
    expect(error.code).toBe("INVALID_CONFIG");
    const errors = (error.details?.errors ?? []) as ConfigIssue[];
    expect(errors.length).toBeGreaterThan(0);
    for (const issue of errors) {
      expect(locatable(issue, true)).toBe(true);
      if (issue.path !== "") expect(error.message).toContain(issue.path);
    }
  }
}

const yamlish = fc
  .array(
    fc.constantFrom("aws:", "performance:", " max_workers: ", "region: us-east-1", "\n", "  ", "- ", "[", "]", "{", "}", ",", ": ", "&a ", "*a", "!!str ", "!Ref ", "'", '"', "#", "1", "-3.5", "true", "null", "~", "---", "<<: ", "${X}", "\t", "extends: ", "x", "é", "\u0000"),
    { maxLength: 40 },
  )
  .map((tokens) => tokens.join(""));

describe("properties", () => {
  it("validateConfigDocument never throws on any JSON value; every error names a key path", () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), schemaShapedDoc), (doc) => {
        const result = validateConfigDocument(doc);
        const isMapping = typeof doc === "object" && doc !== null && !Array.isArray(doc);
        expect(result.ok).toBe(result.errors.length === 0);
        if (result.ok) expect(result.config).toBeDefined();
        for (const issue of result.errors) expect(locatable(issue, isMapping)).toBe(true);
      }),
      RUNS,
    );
  });

  it("documents written as YAML, JSON or TOML are accepted or rejected with INVALID_CONFIG, never a crash", () => {
    fc.assert(
      fc.property(schemaShapedDoc, fc.constantFrom("yml", "json", "toml"), (doc, extension) => {
        let text: string;
        try {
          text = extension === "json" ? JSON.stringify(doc) : extension === "yml" ? stringifyYaml(doc) : stringifyToml(doc);
        } catch {
          return; // TOML cannot hold null; that document is not expressible in this format.
        }
        const file = `/proj/aws-atlas.${extension}`;
        expectInvalidConfigOrOk(() => resolveConfig({ env: {}, cwd: "/proj", homeDir: "/home/u", readFile: (path) => (path === file ? text : undefined) }));
      }),
      RUNS,
    );
  });

  it("arbitrary file text is accepted or rejected with INVALID_CONFIG naming the file or a key path", () => {
    fc.assert(
      fc.property(fc.oneof(yamlish, fc.string({ maxLength: 60 }), fc.json()), fc.constantFrom("yml", "json", "toml"), (text, extension) => {
        const file = `/proj/aws-atlas.${extension}`;
        expectInvalidConfigOrOk(() => resolveConfig({ env: {}, cwd: "/proj", homeDir: "/home/u", readFile: (path) => (path === file ? text : undefined) }));
        const result = validateConfig({ env: {}, cwd: "/proj", homeDir: "/home/u", readFile: (path) => (path === file ? text : undefined) });
        for (const issue of result.errors) expect(locatable(issue, true)).toBe(true);
      }),
      RUNS,
    );
  });

  it("arbitrary environment values never crash resolution", () => {
    const envName = fc.constantFrom(...knownPaths.map((path) => "AWS_ATLAS_" + path.map((key) => key.toUpperCase()).join("__")), "AWS_ATLAS_X__Y", "AWS_ATLAS___", "AWS_REGION", "AWS_PROFILE", "AWS_ATLAS_DB");
    fc.assert(
      fc.property(fc.dictionary(envName, fc.oneof(fc.string({ maxLength: 20 }), fc.json({ maxDepth: 1 }))), (env) => {
        expectInvalidConfigOrOk(() => resolveConfig({ env, cwd: "/proj", homeDir: "/home/u", readFile: () => undefined }));
      }),
      RUNS,
    );
  });

  it("the highest source that sets a key wins, and provenance says which", () => {
    const sources = ["system", "user", "file", "env", "flag"] as const;
    fc.assert(
      fc.property(fc.subarray([...sources]), fc.array(fc.integer({ min: 1, max: 256 }), { minLength: 5, maxLength: 5 }), (present, values) => {
        const value = (source: (typeof sources)[number]) => values[sources.indexOf(source)] ?? 1;
        const files: Record<string, string> = {};
        if (present.includes("system")) files["/etc/aws-atlas/config.toml"] = `[performance]\nmax_workers = ${value("system")}\n`;
        if (present.includes("user")) files["/home/u/.aws-atlas/config.json"] = JSON.stringify({ performance: { max_workers: value("user") } });
        if (present.includes("file")) files["/proj/aws-atlas.yaml"] = `performance:\n  max_workers: ${value("file")}\n`;
        const env = present.includes("env") ? { AWS_ATLAS_PERFORMANCE__MAX_WORKERS: String(value("env")) } : {};
        const flags = present.includes("flag") ? { performance: { max_workers: String(value("flag")) } } : {};
        const resolved = resolveConfig({ env, flags, cwd: "/proj", homeDir: "/home/u", readFile: (path) => files[path] });
        const winner = [...present].sort((a, b) => sources.indexOf(b) - sources.indexOf(a))[0];
        expect(resolved.config.performance.max_workers).toBe(winner ? value(winner) : 10);
        expect(resolved.sources["performance.max_workers"]?.source).toBe(winner ?? "default");
      }),
      RUNS,
    );
  });

  it("secrets never appear in config show output", () => {
    const secret = fc.string({ minLength: 6, maxLength: 20 }).filter((s) => /^[A-Za-z0-9]+$/.test(s) && !/^\d+$/.test(s));
    fc.assert(
      fc.property(secret, (value) => {
        const file = JSON.stringify({
          dashboard: { authentication: { type: "basic", username: "admin", password: value } },
          database: { url: `postgres://u:${value}@h:5432/db` },
          notifications: { channels: { webhooks: [{ url: "https://h.example.com/x", headers: { Authorization: value } }] } },
          plugins: { plugin_configs: { p: { api_key: value } } },
        });
        const resolved = resolveConfig({ env: {}, cwd: "/proj", homeDir: "/home/u", readFile: (path) => (path === "/proj/aws-atlas.json" ? file : undefined) });
        for (const format of ["text", "json", "yaml"] as const) {
          for (const sourcesFlag of [false, true]) expect(showConfig(resolved, { format, sources: sourcesFlag })).not.toContain(value);
        }
      }),
      { numRuns: 40 },
    );
  });

  it("interpolation leaves text without $ alone, and $$ escapes round-trip", () => {
    fc.assert(
      fc.property(fc.string(), fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), fc.string()), (text, env) => {
        const escaped = text.replace(/\$/g, "$$$$");
        const result = interpolateString(escaped, env);
        expect(result.value).toBe(text);
        expect(result.missing).toEqual([]);
        expect(result.invalid).toBeUndefined();
      }),
      RUNS,
    );
  });

  it("locateJsonError finds an error exactly when JSON.parse fails", () => {
    const mutated = fc.tuple(fc.json(), fc.nat(), fc.constantFrom("", "}", "]", ",", ":", '"', "x", "\\", " ")).map(([json, at, insert]) => {
      const index = json.length === 0 ? 0 : at % json.length;
      return json.slice(0, index) + insert + json.slice(index + 1);
    });
    fc.assert(
      fc.property(fc.oneof(fc.json(), mutated, fc.string()), (text) => {
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        const located = locateJsonError(text);
        expect(located === undefined).toBe(parses);
        if (located) expect(located.offset).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 300 },
    );
  });

  it("formatKeyPath output is unique per path", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 4 }), fc.nat(9)), { maxLength: 4 }), fc.array(fc.oneof(fc.string({ maxLength: 4 }), fc.nat(9)), { maxLength: 4 }), (a, b) => {
        if (JSON.stringify(a) !== JSON.stringify(b) && a.every((k) => k !== "") && b.every((k) => k !== "")) expect(formatKeyPath(a)).not.toBe(formatKeyPath(b));
      }),
      RUNS,
    );
  });
});
