import { describe, expect, it } from "vitest";
import { htmlExporter } from "./html-exporter.js";
import { fixtureInput, fixtureSnapshot, LAUNCH_URL } from "./test-fixture.js";

async function renderHtml(input = fixtureInput()): Promise<string> {
  const [file] = await htmlExporter.render(input);
  expect(file?.name).toBe("report.html");
  if (typeof file?.content !== "string") throw new Error("expected text");
  return file.content;
}

describe("htmlExporter", () => {
  it("is self-contained: no external src/href, stylesheet or import, and a CSP forbidding fetches", async () => {
    const html = await renderHtml();
    expect(html).not.toMatch(/\b(?:src|href|action|srcset)\s*=\s*["']?\s*(?!data:)[a-z][a-z0-9+.-]*:/i);
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?\s*\/\//i);
    expect(html).not.toMatch(/<link\b|@import|url\(/i);
    expect(html).toContain(`content="default-src 'none';`);
    // The announcement URL is shown, as text only.
    expect(html).toContain(`<td>${LAUNCH_URL}</td>`);
  });

  it("escapes names: a <script> service name never becomes markup", async () => {
    const html = await renderHtml();
    expect(html).toContain("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>");
    expect(html).not.toContain("<script>alert");
    expect(html.match(/<script\b/g)).toHaveLength(1);
    expect(html).toContain('title="Asia Pacific (Test, &quot;Q&quot;)"');
  });

  it("has a filterable matrix with one row per service and a cell per region", async () => {
    const html = await renderHtml();
    expect(html).toContain('data-filter="matrix"');
    expect(html).toContain('<table id="matrix"');
    const body = html.slice(html.indexOf('<table id="matrix"'), html.indexOf("</table>", html.indexOf('<table id="matrix"')));
    expect(body.match(/<tr><td>/g)).toHaveLength(5);
    expect(body.match(/class="y"/g)).toHaveLength(7);
    expect(body.match(/class="n"/g)).toHaveLength(5 * 3 - 7);
  });

  it("warns about a partial snapshot and lists its failures", async () => {
    const failures = [{ path: "/aws/<x>", code: "THROTTLED", message: "slow down" }];
    const html = await renderHtml(fixtureInput({ snapshot: fixtureSnapshot({ complete: false, failures }) }));
    expect(html).toContain("Incomplete snapshot");
    expect(html).toContain("<td>/aws/&lt;x&gt;</td>");
  });
});
