/** A path into the configuration: object keys and list indexes. */
export type KeyPath = readonly (string | number)[];

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * Format a key path the way messages show it: `notifications.channels.webhooks[0].url`.
 * Keys that are not plain identifiers are quoted: `headers["X-Api.Key"]`.
 *
 * @example
 * formatKeyPath(["performance", "max_workers"]); // "performance.max_workers"
 */
export function formatKeyPath(path: KeyPath): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (PLAIN_KEY.test(key)) out += out === "" ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

/**
 * Edit distance between two strings (insertions, deletions, substitutions).
 *
 * @example
 * levenshtein("max_worker", "max_workers"); // 1
 */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

const normalizeKey = (key: string) => key.toLowerCase().replace(/[-_\s]/g, "");

/**
 * The candidate closest to `key`, if one is close enough to be a likely typo. Case, `-` and `_`
 * are ignored first (`maxWorkers` suggests `max_workers`); a unique candidate starting with the key
 * comes next (`ttl` suggests `ttl_hours`).
 *
 * @example
 * suggestKey("max_worker", ["max_workers", "max_rps"]); // "max_workers"
 */
export function suggestKey(key: string, candidates: readonly string[]): string | undefined {
  const normalized = normalizeKey(key);
  const exact = candidates.find((candidate) => normalizeKey(candidate) === normalized);
  if (exact !== undefined) return exact;
  const prefixed = candidates.filter((candidate) => normalized.length >= 3 && normalizeKey(candidate).startsWith(normalized));
  if (prefixed.length === 1) return prefixed[0];
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = levenshtein(normalized, normalizeKey(candidate));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const limit = Math.max(2, Math.floor(normalized.length / 3));
  return bestDistance <= limit ? best : undefined;
}
