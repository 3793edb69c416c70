import type { Atlas } from "@aws-atlas/sdk";
import { Script } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./create-app.js";
import { escapeHtml } from "./dashboard.js";
import { createTestAtlas } from "./test-helpers.js";

let atlas: Atlas;
beforeAll(async () => {
  atlas = await createTestAtlas();
});
afterAll(async () => {
  await atlas.close();
});

describe("GET / (dashboard)", () => {
  it("is one self-contained page: no external URL, style and script only under the response's nonce", async () => {
    const res = await createApp({ atlas }).request("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/\b(?:src|href|action)\s*=\s*(?!["']?(?:data:|#))/i);
    expect(html).not.toMatch(/@import|url\(/i);

    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(html).toContain(`<style nonce="${nonce}">`);
    expect(html.match(/<script/g)).toHaveLength(1);

    const again = await createApp({ atlas }).request("/");
    expect(again.headers.get("content-security-policy")).not.toBe(csp);
  });

  it("shows the latest scan, region counts and the services table", async () => {
    const html = await (await createApp({ atlas }).request("/")).text();
    expect(html).toContain("<dt>Scan</dt><dd>#2 (offline)</dd>");
    expect(html).toContain("<h2>Regions (39)</h2>");
    expect(html).toContain("<h2>Services (400)</h2>");
    const euWest1 = (await atlas.regions()).find((r) => r.code === "eu-west-1");
    expect(html).toMatch(new RegExp(`<td><code>eu-west-1</code></td><td>Europe \\(Ireland\\)</td><td>aws</td><td class="num">\\d+</td><td class="num">${euWest1?.serviceCount}</td>`));
    expect(html).toContain('<tr data-search="bedrock amazon bedrock"><td><code>bedrock</code></td>');
    expect(html).toContain('id="where-form"');
  });

  it("has a script that compiles", async () => {
    const html = await (await createApp({ atlas }).request("/")).text();
    const code = /<script nonce="[^"]+">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? "";
    expect(code).toContain("/api/where?service=");
    expect(() => new Script(code)).not.toThrow();
    expect(code).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
  });

  it("takes the filter parameters of the API", async () => {
    const html = await (await createApp({ atlas }).request("/?include-regions=eu-*&include-services=bedrock*")).text();
    expect(html).toMatch(/<h2>Regions \((\d+)\)<\/h2>/);
    expect(html).not.toContain("<code>us-east-1</code>");
    expect(html).toContain("<code>eu-central-1</code>");
    expect(html).not.toContain("<code>ec2</code>");
  });

  it("escapes every value taken from the data", async () => {
    const html = await (await createApp({ atlas }).request("/")).text();
    expect(html).not.toContain('<script>alert("x")</script>');
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;friends&#39;");
  });

  it("says how to get data when no scan is stored", async () => {
    const empty = await createTestAtlas({ snapshots: [] });
    try {
      const res = await createApp({ atlas: empty }).request("/");
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain("No complete scan is stored yet");
      expect(html).toContain("<h2>Regions (0)</h2>");
    } finally {
      await empty.close();
    }
  });
});

describe("escapeHtml", () => {
  it("escapes the five HTML specials and nothing else", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    expect(escapeHtml("eu-west-1 Europe (Ireland)")).toBe("eu-west-1 Europe (Ireland)");
    expect(escapeHtml(42)).toBe("42");
  });
});
