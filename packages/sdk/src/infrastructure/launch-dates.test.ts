import { describe, expect, it } from "vitest";
import { REGION_LAUNCH_DATES, regionLaunchDate } from "./launch-dates.js";
import { partitionOf } from "./partition.js";
import { mergeLaunchDates, parseRegionsRss } from "./regions-rss.js";

describe("REGION_LAUNCH_DATES", () => {
  it("holds valid dates with a source and a URL, or null", () => {
    for (const [code, entry] of Object.entries(REGION_LAUNCH_DATES)) {
      expect(code).toMatch(/^[a-z]{2,4}(-[a-z]+)+-\d+$/);
      if (entry === null) continue;
      expect(entry.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(new Date(`${entry.date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(entry.date);
      expect(entry.source.length).toBeGreaterThan(0);
      expect(entry.url).toMatch(/^https:\/\/aws\.amazon\.com\//);
    }
  });

  it("knows the first regions and answers null for unknown ones", () => {
    expect(regionLaunchDate("us-east-1")?.date).toBe("2006-08-25");
    expect(regionLaunchDate("eu-west-1")?.date).toBe("2008-12-10");
    expect(regionLaunchDate("xx-nowhere-1")).toBeNull();
    expect(regionLaunchDate("toString")).toBeNull();
  });
});

describe("partitionOf", () => {
  it("labels partitions from the region code", () => {
    expect(
      ["us-east-1", "us-gov-west-1", "cn-northwest-1", "us-iso-east-1", "us-isob-east-1", "eusc-de-east-1", "eu-west-1"].map(partitionOf),
    ).toEqual(["aws", "aws-us-gov", "aws-cn", "aws-iso", "aws-iso-b", "aws-eusc", "aws"]);
  });
});

const FEED = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>AWS Regions</title>
<item>
  <title><![CDATA[AWS GovCloud (US-East) Region launch]]></title>
  <link>https://aws.amazon.com/about-aws/whats-new/2018/11/announcing-the-new-aws-govcloud-us-east-region/</link>
  <description>The AWS GovCloud (US-East) Region, us-gov-east-1, is now generally available.</description>
  <pubDate>Mon, 12 Nov 2018 18:00:00 GMT</pubDate>
</item>
<item>
  <title>Asia Pacific (Thailand) Region launch</title>
  <link>https://aws.amazon.com/blogs/aws/now-open-aws-asia-pacific-thailand-region/</link>
  <description>&lt;p&gt;The Asia Pacific (Thailand) Region (ap-southeast-7) is open.&lt;/p&gt;</description>
  <pubDate>Wed, 08 Jan 2025 02:00:00 +0000</pubDate>
</item>
<item>
  <title>European Sovereign Cloud</title>
  <description>Region code eusc-de-east-1.</description>
  <pubDate>Tue, 02 Dec 2025 09:00:00 GMT</pubDate>
</item>
<item><title>Documentation update</title><description>No region here.</description><pubDate>Tue, 02 Dec 2025 09:00:00 GMT</pubDate></item>
<item><title>Region us-west-9</title><description>undated</description></item>
</channel></rss>`;

describe("parseRegionsRss", () => {
  it("reads three-part codes whole and dates in UTC", () => {
    expect(parseRegionsRss(FEED)).toEqual([
      {
        code: "us-gov-east-1",
        name: "AWS GovCloud (US-East)",
        date: "2018-11-12",
        url: "https://aws.amazon.com/about-aws/whats-new/2018/11/announcing-the-new-aws-govcloud-us-east-region/",
        title: "AWS GovCloud (US-East) Region launch",
      },
      {
        code: "ap-southeast-7",
        name: "Asia Pacific (Thailand)",
        date: "2025-01-08",
        url: "https://aws.amazon.com/blogs/aws/now-open-aws-asia-pacific-thailand-region/",
        title: "Asia Pacific (Thailand) Region launch",
      },
      { code: "eusc-de-east-1", name: null, date: "2025-12-02", url: null, title: "European Sovereign Cloud" },
    ]);
  });

  it("fills unknown launch dates from the feed and keeps known ones", () => {
    const merged = mergeLaunchDates(REGION_LAUNCH_DATES, parseRegionsRss(FEED));
    expect(merged["eusc-de-east-1"]).toEqual({ date: "2025-12-02", source: "AWS regions RSS feed", url: "" });
    expect(merged["us-gov-east-1"]).toEqual(REGION_LAUNCH_DATES["us-gov-east-1"]);
  });
});
