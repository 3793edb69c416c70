import { Decimal } from "decimal.js";
import { AtlasError } from "../errors.js";

/**
 * Digits after the point that the ledger keeps (numeric(30,10) / decimal(30,10)).
 *
 * @example
 * new Decimal(amount).toDecimalPlaces(LEDGER_SCALE);
 */
export const LEDGER_SCALE = 10;
const MAX_INTEGER_DIGITS = 30 - LEDGER_SCALE;
const SCALE = 10n ** BigInt(LEDGER_SCALE);
const ZEROS = "0".repeat(LEDGER_SCALE);
const PLAIN = /^(-?)(\d+)(?:\.(\d*))?$/;
const Exact = Decimal.clone({ precision: 64, rounding: Decimal.ROUND_HALF_UP });

/**
 * The canonical text of a ledger amount: rounded half away from zero to 10 decimals (what
 * PostgreSQL and MySQL do on insert), no exponent, no trailing zeros, no "-0".
 * Throws `INVALID_ARGUMENT` for anything that is not a finite decimal of at most 20 integer digits.
 *
 * @example
 * canonicalDecimal("1.2300000000"); // "1.23"
 * canonicalDecimal("1.5e-11");      // "0"
 */
export function canonicalDecimal(value: string): string {
  const match = PLAIN.exec(value);
  if (match !== null && (match[3]?.length ?? 0) <= LEDGER_SCALE) {
    const integer = (match[2] ?? "0").replace(/^0+(?=\d)/, "");
    const fraction = (match[3] ?? "").replace(/0+$/, "");
    if (integer.length > MAX_INTEGER_DIGITS) throw tooLarge(value);
    const negative = match[1] === "-" && (integer !== "0" || fraction !== "");
    return (negative ? "-" : "") + integer + (fraction === "" ? "" : "." + fraction);
  }
  let parsed: Decimal;
  try {
    parsed = new Exact(value);
  } catch {
    throw new AtlasError("INVALID_ARGUMENT", `Amount "${value}" is not a decimal number`, {
      hint: "Pass amounts as decimal strings such as \"12.34\"",
    });
  }
  if (!parsed.isFinite()) throw new AtlasError("INVALID_ARGUMENT", `Amount "${value}" is not a finite number`);
  const rounded = parsed.toDecimalPlaces(LEDGER_SCALE, Decimal.ROUND_HALF_UP).toFixed();
  if (!PLAIN.test(rounded)) throw new AtlasError("INVALID_ARGUMENT", `Amount "${value}" is not a decimal number`);
  return canonicalDecimal(rounded);
}

function tooLarge(value: string): AtlasError {
  return new AtlasError("INVALID_ARGUMENT", `Amount "${value}" has more than ${MAX_INTEGER_DIGITS} integer digits`);
}

/** A canonical amount as an integer count of 1e-10 units (exact). */
export function toScaled(value: string): bigint {
  const dot = value.indexOf(".");
  if (dot < 0) return BigInt(value) * SCALE;
  const fraction = value.slice(dot + 1);
  return BigInt(value.slice(0, dot) + fraction + ZEROS.slice(fraction.length));
}

/** The canonical text of an integer count of 1e-10 units. */
export function fromScaled(value: bigint): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(LEDGER_SCALE + 1, "0");
  const integer = digits.slice(0, -LEDGER_SCALE);
  const fraction = digits.slice(-LEDGER_SCALE).replace(/0+$/, "");
  return (negative ? "-" : "") + integer + (fraction === "" ? "" : "." + fraction);
}

/**
 * Exact sum of canonical decimal strings.
 *
 * @example
 * sumDecimals(["0.1", "0.2"]); // "0.3"
 */
export function sumDecimals(values: Iterable<string>): string {
  let total = 0n;
  for (const value of values) total += toScaled(value);
  return fromScaled(total);
}
