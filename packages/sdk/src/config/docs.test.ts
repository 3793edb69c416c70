import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderConfigDocs } from "./docs.js";
import { formatKeyPath } from "./key-path.js";
import { atlasConfigSchema } from "./schema.js";
import { listSchemaFields } from "./schema-walk.js";

const committed = () => readFileSync(new URL("../../../../docs/configuration.md", import.meta.url), "utf8");

describe("docs/configuration.md", () => {
  it("is the output of renderConfigDocs() (run node scripts/gen-config-docs.mjs after changing the schema)", () => {
    expect(committed()).toBe(renderConfigDocs());
  });

  it("documents every key of the schema", () => {
    const docs = renderConfigDocs();
    const missing = listSchemaFields(atlasConfigSchema)
      .map((field) => formatKeyPath(field.path))
      .filter((path) => !path.endsWith(".type") && !docs.includes("`" + path + "`"));
    expect(missing).toEqual([]);
  });
});
