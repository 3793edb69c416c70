import type { Exporter, ReportFile, ReportInput } from "./exporter.js";
import { buildReportModel, describeScope, formatHundredthsAsTenths, formatTenths } from "./report-model.js";

// Characters XML 1.0 forbids even as references; replaced so the document stays well-formed.
// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escape text for an XML attribute value or element content. */
export function escapeXml(value: string | number): string {
  return String(value)
    .replace(XML_FORBIDDEN, "\uFFFD")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;")
    // Attribute-value normalisation would turn these into spaces.
    .replaceAll("\t", "&#9;")
    .replaceAll("\n", "&#10;")
    .replaceAll("\r", "&#13;");
}

function attrs(values: Record<string, string | number | boolean | null>): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== null)
    .map(([key, value]) => ` ${key}="${escapeXml(typeof value === "boolean" ? String(value) : value)}"`)
    .join("");
}

function renderXml(input: ReportInput): ReportFile[] {
  const model = buildReportModel(input);
  const s = model.statistics;
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(
    `<awsAtlasReport${attrs({ generatedAt: s.generatedAt, scanId: s.scanId, complete: s.complete, source: s.source, snapshotStartedAt: s.snapshotStartedAt, snapshotFinishedAt: s.snapshotFinishedAt })}>`,
  );
  out.push(
    `  <summary${attrs({
      regions: s.regions,
      services: s.services,
      pairs: s.pairs,
      averageServicesPerRegion: formatHundredthsAsTenths(s.averageServicesPerRegionHundredths),
      averageRegionsPerService: formatHundredthsAsTenths(s.averageRegionsPerServiceHundredths),
      failedPaths: s.failures.length,
      filters: s.filters,
      scope: describeScope(s.scope),
    })}>`,
  );
  for (const [tag, list] of [
    ["mostAvailableServices", s.mostAvailableServices],
    ["leastAvailableServices", s.leastAvailableServices],
  ] as const) {
    out.push(`    <${tag}>`);
    for (const c of list) out.push(`      <service${attrs({ code: c.code, name: c.name, regionCount: c.regionCount })}/>`);
    out.push(`    </${tag}>`);
  }
  out.push("  </summary>");

  out.push("  <regions>");
  for (const { info, launch, services } of model.regions) {
    out.push(
      `    <region${attrs({
        code: info.code,
        name: info.name,
        partition: info.partition,
        domain: info.domain,
        geolocationCountry: info.geolocationCountry,
        geolocationRegion: info.geolocationRegion,
        launchDate: launch?.date ?? null,
        launchDateSource: launch?.source ?? null,
        announcementUrl: launch?.url ?? null,
        serviceCount: services.length,
      })}>`,
    );
    out.push("      <availabilityZones>");
    for (const id of info.availabilityZones) out.push(`        <zone${attrs({ id })}/>`);
    out.push("      </availabilityZones>");
    out.push("      <localZones>");
    for (const id of info.localZones) out.push(`        <zone${attrs({ id })}/>`);
    out.push("      </localZones>");
    out.push("      <services>");
    for (const code of services) out.push(`        <service${attrs({ code })}/>`);
    out.push("      </services>");
    out.push("    </region>");
  }
  out.push("  </regions>");

  out.push("  <services>");
  for (const service of model.services) {
    out.push(
      `    <service${attrs({ code: service.code, name: service.name, regionCount: service.regions.length, coverage: formatTenths(service.coverageTenths) })}>`,
    );
    for (const region of service.regions) out.push(`      <region${attrs({ code: region })}/>`);
    out.push("    </service>");
  }
  out.push("  </services>");

  if (s.failures.length > 0) {
    out.push("  <failures>");
    for (const f of s.failures) out.push(`    <failure${attrs({ path: f.path, code: f.code })}>${escapeXml(f.message)}</failure>`);
    out.push("  </failures>");
  }
  out.push("</awsAtlasReport>");
  return [{ name: "report.xml", content: `${out.join("\n")}\n` }];
}

/**
 * XML: one `report.xml`, root `<awsAtlasReport>` with `<summary>`, `<regions>` (metadata, zones,
 * services) and `<services>` (name, coverage, regions); every value escaped, forbidden control
 * characters replaced by U+FFFD.
 *
 * @example
 * const [file] = await xmlExporter.render({ snapshot, generatedAt: new Date() });
 */
export const xmlExporter: Exporter = Object.freeze({ format: "xml", extension: "xml", render: renderXml });
