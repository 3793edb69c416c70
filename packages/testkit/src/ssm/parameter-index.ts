import type { SsmParameterInput } from "./global-infrastructure.js";

/** A parameter as the index holds it. */
export interface StoredParameter {
  readonly name: string;
  readonly value: string;
  readonly lastModifiedDate: Date;
}

/** A lazily sliced listing: pages cost O(page size), whatever the size of the tree. */
export interface ParameterList {
  readonly length: number;
  slice(start: number, end: number): StoredParameter[];
}

/** The parameters of one tree, indexed for `GetParameter*` calls. */
export interface ParameterIndex {
  /** Number of parameters. */
  readonly size: number;
  /** One parameter by exact name. */
  get(name: string): StoredParameter | undefined;
  /**
   * The parameters below `path` (trailing slashes ignored), sorted by name: the direct children
   * only, or every descendant when `recursive`.
   */
  list(path: string, recursive: boolean): ParameterList;
}

const EPOCH = new Date(0);
const EMPTY: ParameterList = { length: 0, slice: () => [] };
const HIGHEST = "\uffff";

/**
 * Builds a {@link ParameterIndex} over a list of parameters (a later duplicate name wins).
 * Names without a leading `/` are reachable by {@link ParameterIndex.get} only, as in SSM they sit
 * outside every hierarchy.
 *
 * @example
 * ```ts
 * const index = createParameterIndex([{ name: "/a/b", value: "1" }]);
 * index.list("/a", false).slice(0, 10); // [{ name: "/a/b", value: "1", ... }]
 * ```
 */
export function createParameterIndex(params: Iterable<SsmParameterInput>): ParameterIndex {
  const byName = new Map<string, StoredParameter>();
  for (const input of params) {
    byName.set(input.name, { name: input.name, value: input.value, lastModifiedDate: input.lastModifiedDate ?? EPOCH });
  }

  // Sorted by name, every subtree (all names under one prefix) is one contiguous range.
  const ordered: StoredParameter[] = [];
  for (const param of byName.values()) if (param.name.startsWith("/")) ordered.push(param);
  ordered.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  // Direct children per parent path ("" is the root), sorted.
  const children = new Map<string, StoredParameter[]>();
  for (const param of ordered) {
    const parent = param.name.slice(0, param.name.lastIndexOf("/"));
    let list = children.get(parent);
    if (!list) {
      list = [];
      children.set(parent, list);
    }
    list.push(param);
  }

  const lowerBound = (key: string): number => {
    let lo = 0;
    let hi = ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((ordered[mid]?.name ?? "") < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  return {
    size: byName.size,
    get: (name) => byName.get(name),
    list(path, recursive) {
      const base = path.replace(/\/+$/, "");
      if (base !== "" && !base.startsWith("/")) return EMPTY;
      if (!recursive) {
        const direct = children.get(base);
        return direct ? { length: direct.length, slice: (s, e) => direct.slice(s, e) } : EMPTY;
      }
      const prefix = `${base}/`;
      const start = lowerBound(prefix);
      const end = lowerBound(prefix + HIGHEST);
      return {
        length: end - start,
        slice: (s, e) => ordered.slice(start + Math.max(0, s), start + Math.min(end - start, Math.max(0, e))),
      };
    },
  };
}
