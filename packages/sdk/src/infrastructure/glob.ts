function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");
}

/**
 * Compile a glob to a case-insensitive, whole-string RegExp: `*` any run, `?` one character, `[abc]`, `[a-z]`
 * and `[!abc]` character classes; everything else is literal (an unclosed `[` too).
 *
 * @example
 * globToRegExp("ec?").test("EC2"); // true
 */
export function globToRegExp(glob: string): RegExp {
  let source = "";
  for (let i = 0; i < glob.length; i += 1) {
    const ch = glob[i] ?? "";
    if (ch === "*") source += ".*";
    else if (ch === "?") source += ".";
    else if (ch === "[") {
      const close = glob.indexOf("]", i + 2);
      if (close < 0) {
        source += "\\[";
        continue;
      }
      let body = glob.slice(i + 1, close);
      const negate = body.startsWith("!") || body.startsWith("^");
      if (negate) body = body.slice(1);
      const cls = body.replace(/[\\\]^]/g, "\\$&");
      source += `[${negate ? "^" : ""}${cls}]`;
      i = close;
    } else source += escapeRegExp(ch);
  }
  return new RegExp(`^${source}$`, "is");
}

/** A matcher for a list of globs: true when any glob matches any of the given strings. */
export type GlobMatcher = (...candidates: string[]) => boolean;

/**
 * Compile several globs into one matcher.
 *
 * @example
 * const m = compileGlobs(["ec2", "Amazon S*"]);
 * m("s3", "Amazon Simple Storage Service"); // true
 */
export function compileGlobs(globs: readonly string[]): GlobMatcher {
  const patterns = globs.map(globToRegExp);
  return (...candidates) => patterns.some((p) => candidates.some((c) => p.test(c)));
}
