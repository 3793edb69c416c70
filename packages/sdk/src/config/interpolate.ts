/** The outcome of interpolating one string. */
export interface InterpolationResult {
  value: string;
  /** Variables referenced (set or defaulted). */
  variables: string[];
  /** Variables referenced without a default and not set. */
  missing: string[];
  /** A malformed reference, when there is one. */
  invalid?: string;
}

const TOKEN = /\$\$|\$\{([^}]*)\}|\$\{/g;
const REFERENCE = /^([A-Za-z_][A-Za-z0-9_]*)(?::-([\s\S]*))?$/;

/**
 * Replace `${VAR}` and `${VAR:-default}` in a string from `env`. `$$` writes a literal `$`
 * (so `$${VAR}` stays `${VAR}`). The default applies when the variable is unset or empty, as in
 * the shell. Missing variables are reported, not thrown, and left as written.
 *
 * @example
 * interpolateString("Bearer ${TOKEN}", { TOKEN: "abc" }).value; // "Bearer abc"
 */
export function interpolateString(input: string, env: Readonly<Record<string, string | undefined>>): InterpolationResult {
  const variables: string[] = [];
  const missing: string[] = [];
  let invalid: string | undefined;
  const value = input.replace(TOKEN, (match: string, body: string | undefined) => {
    if (match === "$$") return "$";
    if (body === undefined) {
      invalid ??= "an unterminated ${; write $${ for a literal ${";
      return match;
    }
    const reference = REFERENCE.exec(body);
    if (!reference) {
      invalid ??= `\${${body}} is not a variable reference (use \${NAME} or \${NAME:-default}; $\${ for a literal \${)`;
      return match;
    }
    const name = reference[1] ?? "";
    const fallback = reference[2];
    variables.push(name);
    const set = Object.hasOwn(env, name) ? env[name] : undefined;
    if (fallback !== undefined) return set === undefined || set === "" ? fallback : set;
    if (set === undefined) {
      missing.push(name);
      return match;
    }
    return set;
  });
  return invalid === undefined ? { value, variables, missing } : { value, variables, missing, invalid };
}

/**
 * Whether a string contains a `${...}` reference (an escaped `$${` does not count).
 *
 * @example
 * hasReference("${DB_PASSWORD}"); // true
 */
export function hasReference(value: string): boolean {
  return /(^|[^$])(\$\$)*\$\{/.test(value);
}
