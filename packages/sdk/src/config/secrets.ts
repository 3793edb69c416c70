import type { KeyPath } from "./key-path.js";

/** The mask shown instead of a secret value. */
export const SECRET_MASK = "****";

/**
 * Keys whose values are secrets, wherever they appear (including free-form maps such as webhook
 * headers and plugin settings). `external_id` is included: it is not a credential, but it guards
 * against confused-deputy attacks and has no business in logs.
 */
export const SECRET_KEY_PATTERNS: readonly RegExp[] = [
  /pass(word|wd|phrase)?$/i,
  /secret/i,
  /token/i,
  /api[-_]?key$/i,
  /private[-_]?key/i,
  /access[-_]?key/i,
  /credential/i,
  /^authorization$/i,
  /^proxy-authorization$/i,
  /^cookie$/i,
  /^x-api-key$/i,
  /^external_id$/i,
  /^webhook_url$/i,
  /^dsn$/i,
];

/** Query parameters that carry credentials in URLs. */
const SECRET_QUERY_PARAMS = /^(token|access_token|api[-_]?key|key|secret|sig|signature|password|auth|x-amz-signature|x-amz-credential|x-amz-security-token)$/i;

/**
 * Whether a key (the last segment of a key path) names a secret.
 *
 * @example
 * isSecretKey("password"); // true
 * isSecretKey("api_key_env"); // false: it holds a variable name, not the key
 */
export function isSecretKey(key: string | number): boolean {
  if (typeof key === "number") return false;
  if (/_env$/i.test(key)) return false;
  return SECRET_KEY_PATTERNS.some((pattern) => pattern.test(key));
}

/**
 * Whether any key along a path names a secret (so a whole secret object is masked).
 *
 * @example
 * isSecretPath(["database", "connection", "password"]); // true
 */
export function isSecretPath(path: KeyPath): boolean {
  return path.some((key) => isSecretKey(key));
}

/**
 * Mask the credentials inside a URL: the password of its user info and credential-like query
 * parameters. Strings that are not URLs come back unchanged.
 *
 * @example
 * maskUrl("postgres://app:hunter2@db:5432/atlas"); // "postgres://app:****@db:5432/atlas"
 */
export function maskUrl(value: string): string {
  const userInfo = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*)@/i.exec(value);
  let masked = value;
  if (userInfo) {
    const [whole, scheme, info = ""] = userInfo;
    const colon = info.indexOf(":");
    const maskedInfo = colon >= 0 ? `${info.slice(0, colon)}:${SECRET_MASK}` : info;
    masked = `${scheme}${maskedInfo}@${value.slice(whole.length)}`;
  }
  const query = masked.indexOf("?");
  if (query >= 0 && /^[a-z][a-z0-9+.-]*:/i.test(masked)) {
    const hash = masked.indexOf("#", query);
    const end = hash >= 0 ? hash : masked.length;
    const params = masked
      .slice(query + 1, end)
      .split("&")
      .map((pair) => {
        const eq = pair.indexOf("=");
        if (eq < 0) return pair;
        const name = decodeURIComponentSafe(pair.slice(0, eq));
        return SECRET_QUERY_PARAMS.test(name) || isSecretKey(name) ? `${pair.slice(0, eq)}=${SECRET_MASK}` : pair;
      });
    masked = `${masked.slice(0, query + 1)}${params.join("&")}${masked.slice(end)}`;
  }
  return masked;
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Mask one value found at a key path: secrets become {@link SECRET_MASK}, URLs lose their
 * credentials, anything else is returned as is.
 *
 * @example
 * maskValue(["aws", "cross_account_roles", 0, "external_id"], "abc"); // "****"
 */
export function maskValue(path: KeyPath, value: unknown): unknown {
  if (isSecretPath(path)) {
    if (value === undefined || value === null || value === "") return value;
    return SECRET_MASK;
  }
  if (typeof value === "string" && value.includes("://")) return maskUrl(value);
  return value;
}

/**
 * A deep copy with every secret masked: keys from {@link SECRET_KEY_PATTERNS}, URL credentials.
 *
 * @example
 * maskSecrets({ database: { url: "postgres://u:p@h/db" } }); // { database: { url: "postgres://u:****@h/db" } }
 */
export function maskSecrets<T>(value: T, path: KeyPath = []): T {
  if (Array.isArray(value)) {
    if (isSecretPath(path)) return (value.length === 0 ? [] : SECRET_MASK) as T;
    return (value as unknown[]).map((item, index) => maskSecrets(item, [...path, index])) as T;
  }
  if (typeof value === "object" && value !== null) {
    if (isSecretPath(path)) return SECRET_MASK as T;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      Object.defineProperty(out, key, { value: maskSecrets(child, [...path, key]), enumerable: true, writable: true, configurable: true });
    }
    return out as T;
  }
  return maskValue(path, value) as T;
}
