// A question is parsed by passes of regular expressions. Each pass consumes what it understood; consumed
// characters are masked so that later passes cannot match across or inside them, and what no pass
// consumed is reported back as unrecognised.

const MASK = "\uE000";

/**
 * A regex match with its position in the question.
 *
 * @example
 * scanner.scan(/ec2/gi, (m: ScanMatch) => m.index >= 0);
 */
export interface ScanMatch {
  readonly text: string;
  readonly index: number;
  readonly end: number;
  readonly groups: ReadonlyArray<string | undefined>;
}

/**
 * The question being parsed, with the parts already understood masked out.
 *
 * @example
 * const scanner: TextScanner = createTextScanner("EC2 last month");
 */
export interface TextScanner {
  /** The normalised question (same length and positions as the input). */
  readonly text: string;
  /** The question with consumed characters replaced by a mask character. */
  masked(): string;
  /** Mark a span as understood. */
  consume(start: number, end: number): void;
  /** Whether no character of the span has been consumed. */
  isFree(start: number, end: number): boolean;
  /**
   * Run a global regex over the unconsumed text; `handle` returns true to consume the whole match (it may
   * also consume parts itself and return false).
   */
  scan(pattern: RegExp, handle: (match: ScanMatch) => boolean): void;
  /**
   * Whether the unconsumed text matches a small pattern: a cheap pre-check so that large patterns are
   * not even compiled when the text cannot contain their keyword.
   */
  has(pattern: RegExp): boolean;
  /** The words nobody consumed, in order. */
  leftovers(): Array<{ word: string; index: number }>;
}

/**
 * Replace typographic characters by ASCII ones without changing positions.
 *
 * @example
 * normalizeQuestion("Jan 5\u2013Jan 20"); // "Jan 5-Jan 20"
 */
export function normalizeQuestion(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201a\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/[\u00a0\u2000-\u200b\u202f\t\r\n]/g, " ")
    .replace(/\uE000/g, " ");
}

/**
 * Create a scanner over a question.
 *
 * @example
 * const scanner = createTextScanner("EC2 last month");
 */
export function createTextScanner(question: string): TextScanner {
  const text = normalizeQuestion(question);
  const chars = text.split("");
  const taken = new Uint8Array(text.length);

  const masked = (): string => chars.join("");
  const consume = (start: number, end: number): void => {
    for (let i = Math.max(0, start); i < Math.min(end, text.length); i++) {
      taken[i] = 1;
      chars[i] = MASK;
    }
  };
  const isFree = (start: number, end: number): boolean => {
    for (let i = start; i < end; i++) if (taken[i]) return false;
    return true;
  };

  return {
    text,
    masked,
    consume,
    isFree,
    has(pattern) {
      pattern.lastIndex = 0;
      return pattern.test(masked());
    },
    scan(pattern, handle) {
      if (!pattern.global) throw new Error("scan needs a global regex");
      const snapshot = masked();
      pattern.lastIndex = 0;
      for (const m of snapshot.matchAll(pattern)) {
        const index = m.index;
        const end = index + m[0].length;
        if (m[0].length === 0 || !isFree(index, end)) continue;
        const match: ScanMatch = { text: text.slice(index, end), index, end, groups: m.slice(1) };
        if (handle(match)) consume(index, end);
      }
    },
    leftovers() {
      const words: Array<{ word: string; index: number }> = [];
      for (const m of masked().matchAll(/[^\s\uE000]+/g)) {
        const word = m[0].replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
        if (word) words.push({ word, index: m.index });
      }
      return words;
    },
  };
}
