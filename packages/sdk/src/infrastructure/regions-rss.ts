import type { RegionLaunchDate } from "./launch-dates.js";

/** One region announcement found in AWS's regions RSS feed. */
export interface RegionsRssEntry {
  code: string;
  /** The region's name when the item gives one ("Asia Pacific (Thailand)"). */
  name: string | null;
  /** `YYYY-MM-DD` of the item's pubDate (UTC). */
  date: string;
  url: string | null;
  title: string;
}

// Region codes: a geography prefix, an optional qualifier (us-gov, us-iso, us-isob, eusc-de), a direction, a number.
const REGION_CODE =
  /(?<![a-z0-9-])([a-z]{2,4}(?:-[a-z]{2,5})?-(?:north|south|east|west|central|northeast|northwest|southeast|southwest)-\d{1,2})(?![a-z0-9-])/;
const REGION_NAME = /((?:[A-Z][\w.]*\s)+\([^()]+\))\s+Region/;

function decodeXml(text: string): string {
  const cdata = text.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, "$1");
  return cdata
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(Number.parseInt(n, 16)))
    .replace(/&amp;/g, "&");
}

function field(item: string, tag: string): string | null {
  const match = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, "i").exec(item);
  return match?.[1] === undefined ? null : decodeXml(match[1]).trim();
}

function isoDay(text: string | null): string | null {
  if (!text) return null;
  const time = Date.parse(text);
  return Number.isNaN(time) ? null : new Date(time).toISOString().slice(0, 10);
}

/**
 * Parse AWS's regions RSS feed into region announcements. Pure: pass the XML text. Items that name no
 * region code or carry no valid date are skipped; codes keep all their parts (`us-gov-west-1`,
 * `eusc-de-east-1`), and the first (oldest) announcement of a code wins.
 *
 * @example
 * const entries = parseRegionsRss(xml); // [{ code: "ap-southeast-7", date: "2025-01-08", ... }]
 */
export function parseRegionsRss(xml: string): RegionsRssEntry[] {
  const byCode = new Map<string, RegionsRssEntry>();
  for (const match of xml.matchAll(/<item(?:\s[^>]*)?>([\s\S]*?)<\/item>/gi)) {
    const item = match[1] ?? "";
    const title = field(item, "title") ?? "";
    const description = (field(item, "description") ?? "").replace(/<[^>]+>/g, " ");
    const text = `${title} ${description}`;
    const code = REGION_CODE.exec(text.toLowerCase())?.[1];
    const date = isoDay(field(item, "pubDate") ?? field(item, "dc:date"));
    if (code === undefined || date === null) continue;
    const entry: RegionsRssEntry = { code, name: REGION_NAME.exec(text)?.[1]?.trim() ?? null, date, url: field(item, "link"), title };
    const known = byCode.get(code);
    if (known === undefined || entry.date < known.date) byCode.set(code, entry);
  }
  return [...byCode.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.code < b.code ? -1 : 1));
}

/**
 * Overlay RSS announcements on a launch-date table: regions the table does not know (or marks null) get
 * the feed's date.
 *
 * @example
 * const table = mergeLaunchDates(REGION_LAUNCH_DATES, parseRegionsRss(xml));
 */
export function mergeLaunchDates(
  table: Readonly<Record<string, RegionLaunchDate | null>>,
  entries: readonly RegionsRssEntry[],
): Record<string, RegionLaunchDate | null> {
  const merged: Record<string, RegionLaunchDate | null> = { ...table };
  for (const entry of entries) {
    if (merged[entry.code]) continue;
    merged[entry.code] = { date: entry.date, source: "AWS regions RSS feed", url: entry.url ?? "" };
  }
  return merged;
}
