import { defineConfig } from "tsup";

export default defineConfig([
  {
    entry: ["src/index.ts"],
    format: ["esm", "cjs"],
    dts: true,
    clean: true,
    sourcemap: true,
    target: "node20",
  },
  {
    // The command: pure-JS dependencies are bundled so that start-up reads a few files instead of
    // hundreds (kysely and zod ship many small modules). Native, AWS and optional pieces stay external
    // and load on demand.
    entry: ["src/bin.ts"],
    format: ["esm"],
    sourcemap: true,
    target: "node20",
    splitting: true,
    // Bundled CommonJS dependencies call require(); give them Node's.
    banner: { js: '#!/usr/bin/env node\nimport { createRequire as __atlasCreateRequire } from "node:module";\nconst require = __atlasCreateRequire(import.meta.url);' },
    // The SDK is bundled from its sources, module by module, so that each command's chunk holds only
    // what that command reaches (its built index would bring every part of it).
    esbuildOptions(options) {
      options.minifyWhitespace = true;
      options.minifySyntax = true;
      options.alias = {
        "@aws-atlas/sdk/core": "../sdk/src/core.ts",
        "@aws-atlas/sdk": "../sdk/src/index.ts",
        "@aws-atlas/analytics": "../analytics/src/index.ts",
      };
    },
    noExternal: [/^@aws-atlas\/(sdk|sdk\/core|analytics)$/, "kysely", "zod", "yaml", "smol-toml", "citty", "consola", "picocolors", "decimal.js"],
    external: ["@aws-atlas/testkit", "@aws-atlas/http", "better-sqlite3", "pg", "mysql2", "exceljs", /^@aws-sdk\//, /^@smithy\//],
  },
]);
