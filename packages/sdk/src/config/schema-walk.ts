import type * as z from "zod";
import { configFieldMeta, type ConfigFieldMeta } from "./schema.js";

/** Any zod schema. */
export type AnySchema = z.core.$ZodType;

interface LooseCheckDef {
  check?: string;
  value?: unknown;
  inclusive?: boolean;
  minimum?: number;
  maximum?: number;
}

/** The parts of zod's internal definitions the walker reads. */
interface LooseDef {
  type: string;
  innerType?: AnySchema;
  in?: AnySchema;
  out?: AnySchema;
  element?: AnySchema;
  valueType?: AnySchema;
  shape?: Record<string, AnySchema>;
  options?: AnySchema[];
  discriminator?: string;
  entries?: Record<string, string | number>;
  values?: unknown[];
  defaultValue?: unknown;
  format?: string;
  checks?: { _zod: { def: LooseCheckDef } }[];
  getter?: () => AnySchema;
}

function defOf(schema: AnySchema): LooseDef {
  return schema._zod.def;
}

/** A schema with its wrappers (optional, default, pipes, ...) taken off. */
export interface UnwrappedSchema {
  /** The innermost schema: object, array, string, enum, union, ... */
  core: AnySchema;
  /** Metadata of all wrapper levels, outer levels winning. */
  meta: ConfigFieldMeta;
  hasDefault: boolean;
  defaultValue: unknown;
  /** The default is computed by parsing `{}`-like input (zod's prefault). */
  prefault: boolean;
  optional: boolean;
}

/**
 * Take wrappers off a schema and collect their metadata and default.
 *
 * @example
 * unwrapSchema(atlasConfigSchema.shape.performance).core; // the performance object schema
 */
export function unwrapSchema(schema: AnySchema): UnwrappedSchema {
  const metas: ConfigFieldMeta[] = [];
  let current = schema;
  let hasDefault = false;
  let prefault = false;
  let defaultValue: unknown;
  let optional = false;
  for (let depth = 0; depth < 32; depth++) {
    const meta = configFieldMeta.get(current);
    if (meta) metas.push(meta);
    const def = defOf(current);
    if ((def.type === "default" || def.type === "prefault") && def.innerType) {
      if (!hasDefault) {
        hasDefault = true;
        prefault = def.type === "prefault";
        defaultValue = def.defaultValue;
      }
      current = def.innerType;
    } else if ((def.type === "optional" || def.type === "nullable" || def.type === "readonly" || def.type === "nonoptional" || def.type === "catch") && def.innerType) {
      if (def.type === "optional") optional = true;
      current = def.innerType;
    } else if (def.type === "pipe" && def.in && def.out) {
      current = defOf(def.in).type === "transform" ? def.out : def.in;
    } else if (def.type === "lazy" && def.getter) {
      current = def.getter();
    } else {
      break;
    }
  }
  const meta: ConfigFieldMeta = Object.assign({}, ...metas.reverse()) as ConfigFieldMeta;
  return { core: current, meta, hasDefault, defaultValue, prefault, optional };
}

/** The kind of a schema's core, as the config code needs it. */
export type SchemaKind = "object" | "record" | "array" | "union" | "string" | "number" | "integer" | "boolean" | "enum" | "literal" | "unknown";

/**
 * The kind of a schema after unwrapping.
 *
 * @example
 * schemaKind(atlasConfigSchema.shape.performance); // "object"
 */
export function schemaKind(schema: AnySchema): SchemaKind {
  const core = unwrapSchema(schema).core;
  const def = defOf(core);
  switch (def.type) {
    case "object":
    case "record":
    case "array":
    case "union":
    case "string":
    case "boolean":
    case "enum":
    case "literal":
      return def.type;
    case "number":
    case "int":
      return def.format?.includes("int") ? "integer" : "number";
    default:
      return "unknown";
  }
}

/**
 * The shape of an object schema (after unwrapping), or `undefined` for other kinds.
 *
 * @example
 * Object.keys(objectShape(atlasConfigSchema) ?? {}); // ["version", "metadata", "aws", ...]
 */
export function objectShape(schema: AnySchema): Record<string, AnySchema> | undefined {
  const core = unwrapSchema(schema).core;
  const def = defOf(core);
  return def.type === "object" ? def.shape : undefined;
}

/**
 * The options of a union schema, with its discriminator if it has one.
 *
 * @example
 * unionOptions(authenticationSchema)?.discriminator; // "type"
 */
export function unionOptions(schema: AnySchema): { options: AnySchema[]; discriminator: string | undefined } | undefined {
  const def = defOf(unwrapSchema(schema).core);
  if (def.type !== "union" || !def.options) return undefined;
  return { options: def.options, discriminator: def.discriminator };
}

/**
 * The values an enum or literal schema accepts.
 *
 * @example
 * enumValues(z.enum(["a", "b"])); // ["a", "b"]
 */
export function enumValues(schema: AnySchema): string[] | undefined {
  const def = defOf(unwrapSchema(schema).core);
  if (def.type === "enum" && def.entries) return Object.values(def.entries).map(String);
  if (def.type === "literal" && def.values) return def.values.map(String);
  return undefined;
}

/**
 * The element schema of an array, or the value schema of a record.
 *
 * @example
 * itemSchema(z.array(z.string())); // the z.string() schema
 */
export function itemSchema(schema: AnySchema): AnySchema | undefined {
  const def = defOf(unwrapSchema(schema).core);
  if (def.type === "array") return def.element;
  if (def.type === "record") return def.valueType;
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The option of a discriminated union that `data` selects, if any.
 *
 * @example
 * selectUnionOption(authSchema, { type: "basic" });
 */
export function selectUnionOption(schema: AnySchema, data: unknown): AnySchema | undefined {
  const union = unionOptions(schema);
  if (!union) return undefined;
  if (union.discriminator && isRecord(data)) {
    const value = data[union.discriminator];
    return union.options.find((option) => {
      const discriminatorSchema = objectShape(option)?.[union.discriminator ?? ""];
      return discriminatorSchema !== undefined && (enumValues(discriminatorSchema) ?? []).includes(String(value));
    });
  }
  return undefined;
}

/**
 * The schema of one child: a key of an object (through the union option `data` selects), an item
 * of an array or a value of a record.
 *
 * @example
 * childSchema(atlasConfigSchema, "performance");
 */
export function childSchema(schema: AnySchema, key: string | number, data?: unknown): AnySchema | undefined {
  const kind = schemaKind(schema);
  if (kind === "object") {
    const shape = objectShape(schema) ?? {};
    return Object.hasOwn(shape, key) ? shape[key] : undefined;
  }
  if (kind === "array") return typeof key === "number" ? itemSchema(schema) : undefined;
  if (kind === "record") return typeof key === "string" ? itemSchema(schema) : undefined;
  if (kind === "union") {
    const selected = selectUnionOption(schema, data);
    if (selected) return childSchema(selected, key, data);
    for (const option of unionOptions(schema)?.options ?? []) {
      const child = childSchema(option, key, data);
      if (child) return child;
    }
  }
  return undefined;
}

/**
 * Walk a path of keys from a schema, following the data alongside to choose union options.
 *
 * @example
 * schemaAtPath(atlasConfigSchema, ["performance", "max_workers"]);
 */
export function schemaAtPath(root: AnySchema, path: readonly (string | number)[], data?: unknown): AnySchema | undefined {
  let schema: AnySchema | undefined = root;
  let value: unknown = data;
  for (const key of path) {
    if (!schema) return undefined;
    schema = childSchema(schema, key, value);
    value = isRecord(value) || Array.isArray(value) ? (value as Record<string | number, unknown>)[key] : undefined;
  }
  return schema;
}

/**
 * The keys an object schema accepts at that point (all options' keys for a union without data).
 *
 * @example
 * objectKeys(atlasConfigSchema.shape.performance); // ["max_workers", ...]
 */
export function objectKeys(schema: AnySchema, data?: unknown): string[] {
  const kind = schemaKind(schema);
  if (kind === "object") return Object.keys(objectShape(schema) ?? {});
  if (kind === "union") {
    const selected = selectUnionOption(schema, data);
    if (selected) return objectKeys(selected);
    return [...new Set((unionOptions(schema)?.options ?? []).flatMap((option) => objectKeys(option)))];
  }
  return [];
}

/**
 * Numeric bounds of a number schema.
 *
 * @example
 * numberBounds(z.int().min(1).max(256)); // { min: 1, minExclusive: false, max: 256, maxExclusive: false }
 */
export function numberBounds(schema: AnySchema): { min?: number; max?: number; minExclusive?: boolean; maxExclusive?: boolean } {
  const def = defOf(unwrapSchema(schema).core);
  const bounds: { min?: number; max?: number; minExclusive?: boolean; maxExclusive?: boolean } = {};
  for (const check of def.checks ?? []) {
    const c = check._zod.def;
    if (c.check === "greater_than" && typeof c.value === "number") {
      bounds.min = c.value;
      bounds.minExclusive = c.inclusive === false;
    } else if (c.check === "less_than" && typeof c.value === "number") {
      bounds.max = c.value;
      bounds.maxExclusive = c.inclusive === false;
    }
  }
  return bounds;
}

/**
 * A short human name of what a schema accepts, for messages and docs.
 *
 * @example
 * describeSchemaType(atlasConfigSchema.shape.performance.shape.max_workers); // "integer"
 */
export function describeSchemaType(schema: AnySchema): string {
  const kind = schemaKind(schema);
  switch (kind) {
    case "enum":
    case "literal":
      return (enumValues(schema) ?? []).map((value) => JSON.stringify(value)).join(" | ");
    case "array": {
      const item = itemSchema(schema);
      return `list of ${item ? describeSchemaType(item) : "values"}`;
    }
    case "record": {
      const item = itemSchema(schema);
      return `map of ${item ? describeSchemaType(item) : "values"}`;
    }
    case "union": {
      const union = unionOptions(schema);
      if (union?.discriminator) return `object (by ${union.discriminator})`;
      return [...new Set((union?.options ?? []).map((option) => describeSchemaType(option)))].join(" or ");
    }
    case "unknown":
      return "any";
    case "object":
    case "string":
    case "number":
    case "integer":
    case "boolean":
      return kind;
  }
}

/** One field of the schema tree, as listed by {@link listSchemaFields}. */
export interface SchemaField {
  path: string[];
  schema: AnySchema;
  unwrapped: UnwrappedSchema;
  kind: SchemaKind;
}

/**
 * Every field of an object schema, depth first, parents before children. Union options
 * contribute their fields once; list items and map values are not descended into.
 *
 * @example
 * listSchemaFields(atlasConfigSchema).map((f) => f.path.join("."));
 */
export function listSchemaFields(root: AnySchema, prefix: string[] = []): SchemaField[] {
  const fields: SchemaField[] = [];
  const visit = (schema: AnySchema, path: string[]) => {
    for (const key of objectKeys(schema)) {
      const child = childSchema(schema, key);
      if (!child) continue;
      const childPath = [...path, key];
      const kind = schemaKind(child);
      fields.push({ path: childPath, schema: child, unwrapped: unwrapSchema(child), kind });
      if (kind === "object" || (kind === "union" && unionOptions(child)?.discriminator)) visit(child, childPath);
    }
  };
  visit(root, prefix);
  return fields;
}
