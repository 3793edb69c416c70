/** When and where AWS announced a region. */
export interface RegionLaunchDate {
  /** `YYYY-MM-DD`, the day AWS announced the region generally available. */
  date: string;
  source: string;
  url: string;
}

const WHATS_NEW = "AWS What's New";
const NEWS_BLOG = "AWS News Blog";

/**
 * Region launch dates (fact data): the day AWS announced each region, with the announcement. `null` marks a
 * region whose announcement is not recorded here yet; refresh it from the regions RSS feed
 * ({@link parseRegionsRss}). Sources: the announcements linked per entry, cross-checked against the
 * announcement list kept at github.com/seligman/aws-ip-ranges (announces.md).
 *
 * @example
 * REGION_LAUNCH_DATES["us-east-1"]?.date; // "2006-08-25"
 */
export const REGION_LAUNCH_DATES: Readonly<Record<string, RegionLaunchDate | null>> = Object.freeze({
  "us-east-1": { date: "2006-08-25", source: NEWS_BLOG, url: "https://aws.amazon.com/blogs/aws/amazon_ec2_beta/" },
  "eu-west-1": { date: "2008-12-10", source: WHATS_NEW, url: "https://aws.amazon.com/about-aws/whats-new/2008/12/10/amazon-ec2-crosses-the-atlantic/" },
  "us-west-1": { date: "2009-12-03", source: WHATS_NEW, url: "https://aws.amazon.com/about-aws/whats-new/2009/12/03/aws-launches-the-northern-california-region/" },
  "ap-southeast-1": { date: "2010-04-29", source: WHATS_NEW, url: "https://aws.amazon.com/about-aws/whats-new/2010/04/29/announcing-asia-pacific-singapore-region/" },
  "ap-northeast-1": { date: "2011-03-02", source: WHATS_NEW, url: "https://aws.amazon.com/about-aws/whats-new/2011/03/02/announcing-asia-pacific-tokyo-region/" },
  "us-gov-west-1": { date: "2011-08-16", source: NEWS_BLOG, url: "https://aws.amazon.com/blogs/aws/new-aws-govcloud-us-region/" },
  "us-west-2": { date: "2011-11-08", source: WHATS_NEW, url: "https://aws.amazon.com/about-aws/whats-new/2011/11/08/Announcing-new-us-west-oregon-region/" },
  "sa-east-1": { date: "2011-12-14", source: WHATS_NEW, url: "https://aws.amazon.com/about-aws/whats-new/2011/12/14/announcing-the-south-america-sao-paulo-region/" },
  "ap-southeast-2": { date: "2012-11-12", source: WHATS_NEW, url: "https://aws.amazon.com/about-aws/whats-new/2012/11/12/announcing-the-aws-asia-pacific-sydney-region/" },
  "cn-north-1": { date: "2013-12-18", source: WHATS_NEW, url: "https://aws.amazon.com/about-aws/whats-new/2013/12/18/announcing-the-aws-china-beijing-region/" },
  "eu-central-1": { date: "2014-10-23", source: WHATS_NEW, url: "https://aws.amazon.com/about-aws/whats-new/2014/10/23/announcing-the-aws-eu-frankfurt-region/" },
  "ap-northeast-2": { date: "2016-01-06", source: WHATS_NEW, url: "https://aws.amazon.com/about-aws/whats-new/2016/01/announcing-asia-pacific-seoul-region/" },
  "ap-south-1": { date: "2016-06-27", source: WHATS_NEW, url: "https://aws.amazon.com/about-aws/whats-new/2016/06/announcing-the-aws-asia-pacific-mumbai-region/" },
  "us-east-2": { date: "2016-10-17", source: WHATS_NEW, url: "https://aws.amazon.com/about-aws/whats-new/2016/10/announcing-the-aws-us-east-ohio-region/" },
  "ca-central-1": { date: "2016-12-08", source: WHATS_NEW, url: "https://aws.amazon.com/about-aws/whats-new/2016/12/announcing-the-aws-canada-central-region/" },
  "eu-west-2": { date: "2016-12-13", source: WHATS_NEW, url: "https://aws.amazon.com/about-aws/whats-new/2016/12/announcing-the-aws-europe-london-region/" },
  "cn-northwest-1": { date: "2017-12-11", source: NEWS_BLOG, url: "https://aws.amazon.com/blogs/aws/now-open-aws-china-ningxia-region/" },
  "eu-west-3": { date: "2017-12-18", source: WHATS_NEW, url: "https://aws.amazon.com/about-aws/whats-new/2017/12/announcing-the-aws-eu-paris-region/" },
  "ap-northeast-3": { date: "2018-02-13", source: WHATS_NEW, url: "https://aws.amazon.com/jp/about-aws/whats-new/2018/02/announcing-the-aws-osaka-local-region/" },
  "us-gov-east-1": { date: "2018-11-12", source: WHATS_NEW, url: "https://aws.amazon.com/about-aws/whats-new/2018/11/announcing-the-new-aws-govcloud-us-east-region/" },
  "eu-north-1": { date: "2018-12-12", source: WHATS_NEW, url: "https://aws.amazon.com/about-aws/whats-new/2018/12/announcing-the-aws-europe-stockholm-region/" },
  "ap-east-1": { date: "2019-04-24", source: WHATS_NEW, url: "https://aws.amazon.com/about-aws/whats-new/2019/04/announcing-the-aws-asia-pacific-hong-kong-region/" },
  "me-south-1": { date: "2019-07-29", source: WHATS_NEW, url: "https://aws.amazon.com/about-aws/whats-new/2019/07/announcing-the-new-aws-middle-east--bahrain--region-/" },
  "af-south-1": { date: "2020-04-22", source: WHATS_NEW, url: "https://aws.amazon.com/about-aws/whats-new/2020/04/announcing-aws-africa-cape-town-region/" },
  "eu-south-1": { date: "2020-04-27", source: WHATS_NEW, url: "https://aws.amazon.com/about-aws/whats-new/2020/04/announcing-the-new-aws-europe-milan-region/" },
  "ap-southeast-3": { date: "2021-12-13", source: NEWS_BLOG, url: "https://aws.amazon.com/blogs/aws/now-open-aws-asia-pacific-jakarta-region/" },
  "me-central-1": { date: "2022-08-29", source: NEWS_BLOG, url: "https://aws.amazon.com/blogs/aws/now-open-aws-region-in-the-united-arab-emirates-uae/" },
  "eu-central-2": { date: "2022-11-08", source: NEWS_BLOG, url: "https://aws.amazon.com/blogs/aws/a-new-aws-region-opens-in-switzerland/" },
  "eu-south-2": { date: "2022-11-15", source: NEWS_BLOG, url: "https://aws.amazon.com/blogs/aws/now-open-aws-region-in-spain/" },
  "ap-south-2": { date: "2022-11-21", source: NEWS_BLOG, url: "https://aws.amazon.com/blogs/aws/now-open-the-30th-aws-region-asia-pacific-hyderabad-region-in-india/" },
  "ap-southeast-4": { date: "2023-01-23", source: NEWS_BLOG, url: "https://aws.amazon.com/blogs/aws/now-open-aws-asia-pacific-melbourne-region-in-australia/" },
  "il-central-1": { date: "2023-08-01", source: NEWS_BLOG, url: "https://aws.amazon.com/blogs/aws/now-open-aws-israel-tel-aviv-region/" },
  "ca-west-1": { date: "2023-12-20", source: NEWS_BLOG, url: "https://aws.amazon.com/blogs/aws/the-aws-canada-west-calgary-region-is-now-available/" },
  "ap-southeast-5": { date: "2024-08-21", source: NEWS_BLOG, url: "https://aws.amazon.com/blogs/aws/now-open-aws-asia-pacific-malaysia-region/" },
  "ap-southeast-7": { date: "2025-01-08", source: NEWS_BLOG, url: "https://aws.amazon.com/blogs/aws/now-open-aws-asia-pacific-thailand-region/" },
  "mx-central-1": { date: "2025-01-14", source: NEWS_BLOG, url: "https://aws.amazon.com/blogs/aws/now-open-aws-mexico-central-region/" },
  "ap-east-2": null,
  "ap-southeast-6": null,
  "eusc-de-east-1": null,
});

/**
 * The launch date of a region from a table (the bundled one by default); null when unknown.
 *
 * @example
 * regionLaunchDate("eu-west-1")?.date; // "2008-12-10"
 */
export function regionLaunchDate(
  region: string,
  table: Readonly<Record<string, RegionLaunchDate | null>> = REGION_LAUNCH_DATES,
): RegionLaunchDate | null {
  return Object.hasOwn(table, region) ? (table[region] ?? null) : null;
}
