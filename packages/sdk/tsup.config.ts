import { defineConfig } from "tsup";

export default defineConfig({
  // index: everything but the AWS clients; core: errors, clocks, loggers; aws: the AWS SDK ports.
  entry: { index: "src/index.ts", core: "src/core.ts", aws: "src/aws/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "node20",
  shims: true,
  // The ESM build gets Node's require for the packages loaded on first use (config/lazy-parsers.ts).
  banner: ({ format }) =>
    format === "esm" ? { js: 'import { createRequire as __atlasCreateRequire } from "node:module";\nconst require = __atlasCreateRequire(import.meta.url);' } : undefined,
});
