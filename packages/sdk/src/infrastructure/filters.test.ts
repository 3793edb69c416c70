import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyFilters } from "./filters.js";
import { compileGlobs, globToRegExp } from "./glob.js";
import { sampleSnapshot, snapshotArb } from "./test-snapshots.test-util.js";

const globArb = fc.oneof(
  fc.constantFrom("*", "ec2", "EC2", "s?", "*lambda*", "amazon *", "[el]*", "[!e]*", "us-*", "eu-*-1", "*(ireland)", "bedrock", "iot*", "Amazon S*"),
  fc.stringMatching(/^[a-z0-9*?-]{1,6}$/),
);
const globsArb = fc.option(fc.array(globArb, { maxLength: 3 }), { nil: undefined });

describe("globToRegExp", () => {
  it("matches *, ?, [abc], [a-z] and [!abc], case-insensitively, on the whole string", () => {
    expect(globToRegExp("ec?").test("EC2")).toBe(true);
    expect(globToRegExp("ec?").test("ec22")).toBe(false);
    expect(globToRegExp("us-*").test("us-gov-west-1")).toBe(true);
    expect(globToRegExp("[ae]*").test("eu-west-1")).toBe(true);
    expect(globToRegExp("[a-c]*").test("eu-west-1")).toBe(false);
    expect(globToRegExp("[!e]*").test("eu-west-1")).toBe(false);
    expect(globToRegExp("*(ireland)").test("Europe (Ireland)")).toBe(true);
    expect(globToRegExp("a.b").test("axb")).toBe(false);
    expect(globToRegExp("[unclosed").test("[unclosed")).toBe(true);
  });

  it("matches any code written in any case, and any code with a part replaced by *", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9-]{1,12}$/), fc.nat(), fc.nat(), fc.array(fc.boolean()), (code, a, b, upper) => {
        const mixed = [...code].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join("");
        expect(globToRegExp(mixed).test(code)).toBe(true);
        const start = a % code.length;
        const end = start + (b % (code.length - start + 1));
        expect(globToRegExp(`${code.slice(0, start)}*${code.slice(end)}`).test(code)).toBe(true);
        expect(globToRegExp("?".repeat(code.length)).test(code)).toBe(true);
        expect(globToRegExp("?".repeat(code.length + 1)).test(code)).toBe(false);
      }),
    );
  });
});

describe("applyFilters", () => {
  it("includes, then excludes, then applies min-services", () => {
    const snapshot = sampleSnapshot();
    const out = applyFilters(snapshot, { includeRegions: ["eu-*", "*virginia*"], excludeRegions: ["*frankfurt*"], includeServices: ["bedrock", "Amazon S*"], minServices: 2 });
    expect(out.regions.map((r) => r.code)).toEqual(["us-east-1"]);
    expect(out.services.map((s) => s.code)).toEqual(["bedrock", "s3"]);
    expect(out.availability).toEqual({ "us-east-1": ["bedrock", "s3"] });
    expect(snapshot.regions).toHaveLength(4); // the input is untouched
  });

  it("with no filters returns the same content", () => {
    const snapshot = sampleSnapshot();
    const out = applyFilters(snapshot, {});
    expect(out.regions).toEqual(snapshot.regions);
    expect(out.services).toEqual(snapshot.services);
    expect(out.availability).toEqual(snapshot.availability);
  });

  it("keeps exactly what include/exclude/min-services select, on codes and long names", () => {
    fc.assert(
      fc.property(
        snapshotArb,
        globsArb,
        globsArb,
        globsArb,
        globsArb,
        fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
        (snapshot, includeServices, excludeServices, includeRegions, excludeRegions, minServices) => {
          const out = applyFilters(snapshot, { includeServices, excludeServices, includeRegions, excludeRegions, minServices });
          const matches = (globs: string[] | undefined, ...texts: string[]) => (globs?.length ? compileGlobs(globs)(...texts) : undefined);

          const keptServices = new Set(out.services.map((s) => s.code));
          for (const s of snapshot.services) {
            const wanted = (matches(includeServices, s.code, s.name) ?? true) && !(matches(excludeServices, s.code, s.name) ?? false);
            expect(keptServices.has(s.code)).toBe(wanted);
          }
          const filteredByService = !!(includeServices?.length || excludeServices?.length);
          const keptRegions = new Set(out.regions.map((r) => r.code));
          for (const r of snapshot.regions) {
            const offered = (snapshot.availability[r.code] ?? []).filter((c) => !filteredByService || keptServices.has(c));
            const wanted =
              (matches(includeRegions, r.code, r.name) ?? true) &&
              !(matches(excludeRegions, r.code, r.name) ?? false) &&
              offered.length >= (minServices ?? 0);
            expect(keptRegions.has(r.code)).toBe(wanted);
            if (wanted) expect(out.availability[r.code]).toEqual(offered);
          }
          expect(Object.keys(out.availability).sort()).toEqual([...keptRegions].sort());
          // Filtering twice with the same filters changes nothing more.
          const again = applyFilters(out, { includeServices, excludeServices, includeRegions, excludeRegions, minServices });
          expect(again.availability).toEqual(out.availability);
        },
      ),
    );
  });
});
