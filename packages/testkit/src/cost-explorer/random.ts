// Counter-based randomness: every draw is a pure hash of (seed, stream, keys), so a value never
// depends on what was drawn before it. That is what keeps a day's costs identical whatever window
// or "now" the dataset is generated for.

function mix(hash: number, value: number): number {
  let h = Math.imul(hash ^ (value | 0), 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca77);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae3d);
  return (h ^ (h >>> 16)) >>> 0;
}

function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * A 32-bit hash of a seed, a named stream and integer or string keys.
 *
 * @example
 * hash32(1, "account-id", 0); // the same number for the same inputs
 */
export function hash32(seed: number, stream: string, ...keys: (number | string)[]): number {
  let h = mix(hashString(stream), seed);
  for (const key of keys) h = mix(h, typeof key === "number" ? key : hashString(key));
  return mix(h, keys.length);
}

/**
 * A uniform draw in [0, 1).
 *
 * @example
 * uniform(1, "noise", 42); // in [0, 1)
 */
export function uniform(seed: number, stream: string, ...keys: (number | string)[]): number {
  return hash32(seed, stream, ...keys) / 4_294_967_296;
}

/**
 * A standard normal draw (Box-Muller over two independent uniforms).
 *
 * @example
 * normal(1, "noise", 42); // a standard normal draw
 */
export function normal(seed: number, stream: string, ...keys: (number | string)[]): number {
  const u = 1 - uniform(seed, `${stream}/u`, ...keys);
  const v = uniform(seed, `${stream}/v`, ...keys);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * A standard normal draw keyed by a precomputed 32-bit salt and one integer: the hot path of the
 * generator (one draw per line and day), without string hashing.
 *
 * @example
 * gaussianAt(hash32(1, "line", "key"), 20_000);
 */
export function gaussianAt(salt: number, key: number): number {
  const base = mix(salt, key);
  const u = 1 - mix(base, 1) / 4_294_967_296;
  const v = mix(base, 2) / 4_294_967_296;
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * A uniform draw in [low, high).
 *
 * @example
 * between(2, 3, 1, "size", "key"); // in [2, 3)
 */
export function between(low: number, high: number, seed: number, stream: string, ...keys: (number | string)[]): number {
  return low + (high - low) * uniform(seed, stream, ...keys);
}

/**
 * An integer in [0, count).
 *
 * @example
 * pick(3, 1, "az", "key"); // 0, 1 or 2
 */
export function pick(count: number, seed: number, stream: string, ...keys: (number | string)[]): number {
  return Math.floor(uniform(seed, stream, ...keys) * count);
}

/**
 * A deterministic UUID-shaped identifier.
 *
 * @example
 * uuidOf(1, "monitor", 0); // "xxxxxxxx-xxxx-4xxx-axxx-xxxxxxxxxxxx"
 */
export function uuidOf(seed: number, stream: string, ...keys: (number | string)[]): string {
  const hex = [0, 1, 2, 3].map((part) => hash32(seed, stream, ...keys, part).toString(16).padStart(8, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
