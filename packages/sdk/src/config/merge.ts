import { formatKeyPath, type KeyPath } from "./key-path.js";
import type { ConfigLayer, ConfigValueSource } from "./types.js";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function defineKey(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function clone(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clone);
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) defineKey(out, key, clone(child));
    return out;
  }
  return value;
}

/**
 * Provenance of merged values, keyed by formatted key path; lists are recorded as one value.
 *
 * @example
 * const { provenance } = mergeLayers(layers); provenance.lookup(["aws", "region"]);
 */
export class Provenance {
  private readonly entries = new Map<string, { path: KeyPath; source: ConfigValueSource }>();

  set(path: KeyPath, source: ConfigValueSource): void {
    this.entries.set(formatKeyPath(path), { path, source });
  }

  /** Forget everything at or below a path (a higher layer replaced it). */
  clear(path: KeyPath): void {
    for (const [key, entry] of this.entries) {
      if (entry.path.length >= path.length && path.every((segment, index) => entry.path[index] === segment)) this.entries.delete(key);
    }
  }

  /** The source of the value at a path, or of the nearest recorded ancestor (a list, a JSON object). */
  lookup(path: KeyPath): ConfigValueSource | undefined {
    for (let length = path.length; length >= 0; length--) {
      const entry = this.entries.get(formatKeyPath(path.slice(0, length)));
      if (entry) return entry.source;
    }
    return undefined;
  }

  /** The source at a path, above it, or else the first one below it (for an object whose keys were set). */
  near(path: KeyPath): ConfigValueSource | undefined {
    const above = this.lookup(path);
    if (above) return above;
    for (const entry of this.entries.values()) {
      if (entry.path.length > path.length && path.every((segment, index) => entry.path[index] === segment)) return entry.source;
    }
    return undefined;
  }

  /** The source recorded exactly at a path. */
  exact(path: KeyPath): ConfigValueSource | undefined {
    return this.entries.get(formatKeyPath(path))?.source;
  }

  /** Add substituted variable names to the value at a path (or to the list holding it). */
  addVariables(path: KeyPath, variables: readonly string[]): void {
    for (let length = path.length; length >= 0; length--) {
      const key = formatKeyPath(path.slice(0, length));
      const entry = this.entries.get(key);
      if (!entry) continue;
      const merged = [...new Set([...(entry.source.variables ?? []), ...variables])];
      this.entries.set(key, { path: entry.path, source: { ...entry.source, variables: merged } });
      return;
    }
  }
}

function layerSource(layer: ConfigLayer, path: KeyPath): ConfigValueSource {
  if (layer.source === "env") {
    for (let length = path.length; length > 0; length--) {
      const envVar = layer.envVars?.[formatKeyPath(path.slice(0, length))];
      if (envVar) return { source: "env", envVar };
    }
    return { source: "env" };
  }
  return layer.file ? { source: layer.source, file: layer.file } : { source: layer.source };
}

/**
 * Deep-merge layers, lowest precedence first: objects merge key by key, lists and scalars replace,
 * `null` removes the key (so the default applies again). Records where each value came from.
 *
 * @example
 * const { data } = mergeLayers([systemLayer, userLayer, fileLayer, envLayer, flagLayer]);
 */
export function mergeLayers(layers: readonly ConfigLayer[]): { data: Record<string, unknown>; provenance: Provenance } {
  const data: Record<string, unknown> = {};
  const provenance = new Provenance();
  const mergeInto = (target: Record<string, unknown>, source: Record<string, unknown>, path: KeyPath, layer: ConfigLayer) => {
    for (const [key, value] of Object.entries(source)) {
      const childPath = [...path, key];
      if (value === null) {
        delete target[key];
        provenance.clear(childPath);
        continue;
      }
      if (isRecord(value)) {
        const existing = Object.hasOwn(target, key) ? target[key] : undefined;
        if (!isRecord(existing)) {
          provenance.clear(childPath);
          defineKey(target, key, {});
        }
        const next = target[key];
        if (isRecord(next)) {
          mergeInto(next, value, childPath, layer);
        }
        continue;
      }
      provenance.clear(childPath);
      defineKey(target, key, clone(value));
      provenance.set(childPath, layerSource(layer, childPath));
    }
  };
  for (const layer of layers) mergeInto(data, layer.data, [], layer);
  return { data, provenance };
}
