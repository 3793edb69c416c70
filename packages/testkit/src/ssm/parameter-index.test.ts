import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createParameterIndex } from "./parameter-index.js";

const segment = fc.constantFrom("a", "b", "ab", "a-b", "a.b", "b_c", "z");
const names = fc.uniqueArray(fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => `/${s.join("/")}`), { maxLength: 60 });

describe("createParameterIndex", () => {
  it("lists direct children and whole subtrees, sorted, ignoring trailing slashes", () => {
    const index = createParameterIndex(
      ["/a", "/a/b", "/a/b/c", "/a/b-c", "/a/x/y", "/ab/c", "plain"].map((name) => ({ name, value: name })),
    );
    const names = (path: string, recursive: boolean) => {
      const list = index.list(path, recursive);
      return list.slice(0, list.length).map((p) => p.name);
    };
    expect(names("/a", false)).toEqual(["/a/b", "/a/b-c"]);
    expect(names("/a/", true)).toEqual(["/a/b", "/a/b-c", "/a/b/c", "/a/x/y"]);
    expect(names("/", false)).toEqual(["/a"]);
    expect(names("/ab", false)).toEqual(["/ab/c"]);
    expect(names("/a/x", false)).toEqual(["/a/x/y"]);
    expect(names("/nope", true)).toEqual([]);
    expect(names("a", true)).toEqual([]);
    expect(index.get("plain")?.value).toBe("plain");
    expect(index.size).toBe(7);
  });

  it("agrees with a naive scan for any tree and path", () => {
    fc.assert(
      fc.property(names, fc.array(segment, { maxLength: 3 }), fc.boolean(), (all, pathSegments, recursive) => {
        const index = createParameterIndex(all.map((name) => ({ name, value: name })));
        const path = `/${pathSegments.join("/")}`;
        const prefix = path === "/" ? "/" : `${path}/`;
        const expected = all
          .filter((n) => n.startsWith(prefix) && (recursive || !n.slice(prefix.length).includes("/")))
          .sort();
        const list = index.list(path, recursive);
        expect(list.slice(0, list.length).map((p) => p.name).sort()).toEqual(expected);
        expect(list.length).toBe(expected.length);
      }),
    );
  });
});
