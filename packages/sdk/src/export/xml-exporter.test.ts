import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fixtureInput, fixtureSnapshot, SCRIPT_NAME, WEIRD_NAME } from "./test-fixture.js";
import { escapeXml, xmlExporter } from "./xml-exporter.js";

const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/y;
const NAME = "[A-Za-z_][\\w.-]*";
const TAG = new RegExp(`<(/?)(${NAME})((?:\\s+${NAME}="[^"<]*")*)\\s*(/?)>`, "y");
const ATTRIBUTE = new RegExp(`(${NAME})="([^"<]*)"`, "g");

/** Entities must be well-formed and no raw `<` may appear in text or attribute values. */
function checkCharacterData(text: string): void {
  for (let i = text.indexOf("&"); i >= 0; i = text.indexOf("&", i + 1)) {
    ENTITY.lastIndex = i;
    if (!ENTITY.test(text)) throw new Error(`bare & in ${JSON.stringify(text.slice(i, i + 12))}`);
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(text)) throw new Error("forbidden control character");
}

function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
    const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
    if (named[e] !== undefined) return named[e];
    return String.fromCodePoint(e.startsWith("#x") ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10));
  });
}

/** A tiny well-formedness check: one root, balanced tags, escaped character data. Returns attribute values seen. */
function checkWellFormed(xml: string): string[] {
  const declaration = '<?xml version="1.0" encoding="UTF-8"?>\n';
  if (!xml.startsWith(declaration)) throw new Error("missing XML declaration");
  const stack: string[] = [];
  const values: string[] = [];
  let roots = 0;
  let i = declaration.length;
  while (i < xml.length) {
    if (xml[i] === "<") {
      TAG.lastIndex = i;
      const match = TAG.exec(xml);
      if (!match) throw new Error(`malformed tag at ${i}: ${xml.slice(i, i + 40)}`);
      const [whole, closing, name = "", attributes = "", selfClosing] = match;
      for (const [, , value = ""] of attributes.matchAll(ATTRIBUTE)) {
        checkCharacterData(value);
        values.push(decode(value));
      }
      if (closing) {
        if (stack.pop() !== name) throw new Error(`unbalanced </${name}>`);
      } else {
        if (stack.length === 0) roots++;
        if (!selfClosing) stack.push(name);
      }
      i += whole.length;
    } else {
      const end = xml.indexOf("<", i);
      const text = xml.slice(i, end < 0 ? xml.length : end);
      if (stack.length === 0 && text.trim() !== "") throw new Error("text outside the root");
      checkCharacterData(text);
      i += text.length;
    }
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.join("><")}>`);
  if (roots !== 1) throw new Error(`${roots} root elements`);
  return values;
}

// Control characters, markup, surrogate halves, non-characters and astral symbols.
const nastyText = fc.string({
  unit: fc.oneof(
    fc.string({ unit: "binary-ascii", minLength: 1, maxLength: 1 }),
    fc.constantFrom("\uD800", "\uDFFF", "\uFFFE", "\uFFFF", "\u2028", "é", "😀", "&amp;", "]]>"),
  ),
  maxLength: 24,
});

async function renderXml(input = fixtureInput()): Promise<string> {
  const [file] = await xmlExporter.render(input);
  expect(file?.name).toBe("report.xml");
  if (typeof file?.content !== "string") throw new Error("expected text");
  return file.content;
}

describe("xmlExporter", () => {
  it("is well-formed with an <awsAtlasReport> root holding summary, regions and services", async () => {
    const xml = await renderXml();
    checkWellFormed(xml);
    expect(xml).toContain('<awsAtlasReport generatedAt="2026-03-01T09:05:07.000Z" scanId="42" complete="true"');
    expect(xml).toContain('<summary regions="3" services="5" pairs="7" averageServicesPerRegion="2.3"');
    expect(xml).toContain('<service code="s3" name="Amazon Simple Storage Service (S3)" regionCount="2" coverage="66.7">');
    expect(xml).toMatch(/<region code="us-east-1" name="US East \(N\. Virginia\)"[^>]*launchDate="2006-08-25"[^>]*serviceCount="4">/);
  });

  it("escapes names so that they read back exactly", async () => {
    const xml = await renderXml();
    expect(xml).toContain("name=\"Weird, &quot;Quoted&quot;&#10;Service\"");
    expect(xml).toContain('name="&lt;script&gt;alert(1)&lt;/script&gt;"');
    const values = checkWellFormed(xml);
    expect(values).toContain(WEIRD_NAME);
    expect(values).toContain(SCRIPT_NAME);
  });

  it("lists failures of a partial snapshot as escaped text", async () => {
    const failures = [{ path: "/aws/x", code: "AWS_UNAVAILABLE", message: "reset <by peer> & gone" }];
    const xml = await renderXml(fixtureInput({ snapshot: fixtureSnapshot({ complete: false, failures }) }));
    checkWellFormed(xml);
    expect(xml).toContain('<failure path="/aws/x" code="AWS_UNAVAILABLE">reset &lt;by peer&gt; &amp; gone</failure>');
    expect(xml).toContain('complete="false"');
  });

  it("stays well-formed for any names, control characters and lone surrogates included", () => {
    fc.assert(
      fc.property(nastyText, nastyText, (serviceName, regionName) => {
        const snapshot = fixtureSnapshot({
          regions: [{ ...fixtureSnapshot().regions[0]!, name: regionName }],
          services: [{ code: "svc", name: serviceName }],
          availability: { "ap-test-1": ["svc"] },
        });
        const [file] = xmlExporter.render({ snapshot, generatedAt: new Date(0) }) as { content: string }[];
        checkWellFormed(file?.content ?? "");
      }),
      { numRuns: 200 },
    );
  });

  it("escapeXml replaces characters XML 1.0 forbids", () => {
    expect(escapeXml("a\u0001b\uD800c")).toBe("a\uFFFDb\uFFFDc");
    expect(escapeXml("😀")).toBe("😀");
  });
});
