// yaml and smol-toml load on first use: most runs read no YAML or TOML file, and yaml is the largest
// part of the configuration code. `require` is Node's own in the CommonJS build; the ESM build defines
// it with createRequire (tsup.config.ts). A plain require() also lets a bundler that inlines
// dependencies (the aws-atlas command does) keep the module in the bundle and run it only when called.
import type * as Toml from "smol-toml";
import type * as Yaml from "yaml";

let yamlModule: typeof Yaml | undefined;
let tomlModule: typeof Toml | undefined;

/** The `yaml` package, loaded on first call. */
export function yaml(): typeof Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred on purpose, see above
  return (yamlModule ??= require("yaml") as typeof Yaml);
}

/** The `smol-toml` package, loaded on first call. */
export function toml(): typeof Toml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred on purpose, see above
  return (tomlModule ??= require("smol-toml") as typeof Toml);
}
