export {
  atlasConfigSchema,
  configFieldMeta,
  defineConfig,
  CONFIG_VERSION,
  CONFIG_LOG_LEVELS,
  DATABASE_TYPES,
  LLM_PROVIDERS,
  OUTPUT_FORMATS,
  SECTION_ALIASES,
  type AtlasConfig,
  type AtlasConfigInput,
  type ConfigFieldMeta,
} from "./schema.js";
export {
  CONFIG_SOURCE_KINDS,
  describeSource,
  formatConfigIssue,
  type ConfigIssue,
  type ConfigLayer,
  type ConfigSourceKind,
  type ConfigValueSource,
} from "./types.js";
export { formatKeyPath, suggestKey, type KeyPath } from "./key-path.js";
export {
  CONFIG_EXTENSIONS,
  CONFIG_FORMATS,
  configFormatOf,
  loadConfigText,
  parseConfigText,
  type ConfigFormat,
  type ParseConfigTextOptions,
  type ParsedConfigText,
} from "./loaders.js";
export { interpolateString, hasReference, type InterpolationResult } from "./interpolate.js";
export { ENV_PREFIX, ENV_SEPARATOR, envVarFor, coerceString } from "./layers.js";
export {
  defaultConfig,
  invalidConfigError,
  parseConfigDocument,
  validateConfigDocument,
  type ConfigDocumentValidation,
  type ValidateConfigDocumentOptions,
} from "./validate.js";
export {
  DEFAULT_SYSTEM_CONFIG_DIR,
  resolveConfig,
  validateConfig,
  type ConfigFileReader,
  type ConfigValidation,
  type ResolveConfigOptions,
  type ResolvedConfig,
} from "./resolve.js";
export { renderValidation, type RenderValidationOptions } from "./render-validation.js";
export { SECRET_KEY_PATTERNS, SECRET_MASK, isSecretKey, isSecretPath, maskSecrets, maskUrl, maskValue } from "./secrets.js";
export { showConfig, showConfigData, type ShowConfigData, type ShowConfigInput, type ShowConfigOptions } from "./show.js";
export { configTemplateFileName, renderConfigTemplate } from "./template.js";
export {
  isLoopbackHost,
  renderSecurityFindings,
  securityCheck,
  type SecurityCheckInput,
  type SecurityCheckOptions,
  type SecurityFinding,
  type SecuritySeverity,
} from "./security-check.js";
export { databaseUrlFromConfig, type DatabaseUrlOptions } from "./database-url.js";
export { renderConfigDocs } from "./docs.js";
