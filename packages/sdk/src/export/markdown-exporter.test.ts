import { describe, expect, it } from "vitest";
import { escapeMarkdownCell, markdownExporter } from "./markdown-exporter.js";
import { fixtureInput, fixtureSnapshot } from "./test-fixture.js";

async function renderMarkdown(input = fixtureInput()): Promise<string> {
  const [file] = await markdownExporter.render(input);
  expect(file?.name).toBe("report.md");
  if (typeof file?.content !== "string") throw new Error("expected text");
  return file.content;
}

describe("markdownExporter", () => {
  it("has a summary and region and service tables", async () => {
    const md = await renderMarkdown();
    expect(md.startsWith("# AWS service availability report\n")).toBe(true);
    expect(md).toContain("| Total Regions | 3 |");
    expect(md).toContain("| Region/Service Pairs | 7 |");
    expect(md).toContain("| Region Code | Region Name | Launch Date | Launch Date Source | Announcement URL | Availability Zones | Service Count |");
    expect(md).toContain("| eu-west-1 | Europe (Ireland) | 2007-12-10 | bundled |  | 3 | 2 |");
    expect(md).toContain("| Service Code | Service Name | Region Count | Coverage % |");
    expect(md).toContain("| s3 | Amazon Simple Storage Service (S3) | 2 | 66.7 |");
  });

  it("escapes cells: no raw HTML, pipes or line breaks break a table row", async () => {
    const md = await renderMarkdown();
    expect(md).toContain("| xss | \\<script\\>alert(1)\\</script\\> | 1 | 33.3 |");
    expect(md).toContain('| weird | Weird, "Quoted" Service | 1 | 33.3 |');
    expect(escapeMarkdownCell("a|b\r\nc")).toBe("a\\|b c");
    for (const line of md.split("\n").filter((l) => l.startsWith("| "))) {
      expect(line.endsWith(" |")).toBe(true);
    }
  });

  it("warns about a partial snapshot", async () => {
    const md = await renderMarkdown(fixtureInput({ snapshot: fixtureSnapshot({ complete: false, failures: [{ path: "/p", code: "THROTTLED", message: "m" }] }) }));
    expect(md).toContain("> **Incomplete snapshot:** 1 path(s) could not be fetched");
    expect(md).toContain("| /p | THROTTLED | m |");
  });
});
