import { describe, expect, it } from "vitest";
import { isAtlasError } from "../errors.js";
import { DEFAULT_DATABASE_URL, parseDatabaseUrl } from "./database-url.js";

describe("parseDatabaseUrl", () => {
  it("expands ~ with the injected home directory", () => {
    expect(parseDatabaseUrl(DEFAULT_DATABASE_URL, { homeDir: "/home/ana" })).toEqual({
      dialect: "sqlite",
      path: "/home/ana/.aws-atlas/atlas.db",
      redacted: "sqlite:/home/ana/.aws-atlas/atlas.db",
    });
  });

  it("accepts memory, absolute, triple-slash and relative SQLite forms", () => {
    expect(parseDatabaseUrl("sqlite::memory:")).toMatchObject({ dialect: "sqlite", path: ":memory:" });
    expect(parseDatabaseUrl("sqlite:/var/lib/atlas.db")).toMatchObject({ path: "/var/lib/atlas.db" });
    expect(parseDatabaseUrl("sqlite:///var/lib/atlas.db")).toMatchObject({ path: "/var/lib/atlas.db" });
    expect(parseDatabaseUrl("sqlite:data/atlas.db", { cwd: "/srv" })).toMatchObject({ path: "/srv/data/atlas.db" });
  });

  it("parses server URLs with default ports and hides the password", () => {
    const pg = parseDatabaseUrl("postgresql://app:s%40cret@db.internal/atlas?sslmode=require");
    expect(pg).toMatchObject({ dialect: "postgres", host: "db.internal", port: 5432, user: "app", password: "s@cret", database: "atlas", params: { sslmode: "require" } });
    expect(pg.redacted).toBe("postgresql://app:***@db.internal/atlas?sslmode=require");
    expect(parseDatabaseUrl("postgres://127.0.0.1:5433/test")).toMatchObject({ port: 5433, user: "postgres", password: undefined });
    expect(parseDatabaseUrl("mysql://root@127.0.0.1/test")).toMatchObject({ dialect: "mysql", port: 3306, user: "root" });
    expect(parseDatabaseUrl("mariadb://u:p@[::1]:3307/x")).toMatchObject({ dialect: "mysql", host: "::1", port: 3307 });
  });

  it.each([
    ["mongodb://localhost/x", "is not supported"],
    ["atlas.db", "has no scheme"],
    ["sqlite:", "has no file path"],
    ["postgres://localhost", "needs a host and a database name"],
    ["mysql://u:hunter2@/db", "is not a valid URL"],
    ["mysql://u:hunter2@db.internal", "needs a host and a database name"],
  ])("rejects %s with INVALID_DATABASE_URL and the accepted forms", (url, message) => {
    let error: unknown;
    try {
      parseDatabaseUrl(url);
    } catch (e) {
      error = e;
    }
    expect(isAtlasError(error) && error.code).toBe("INVALID_DATABASE_URL");
    const line = isAtlasError(error) ? error.toLine() : "";
    expect(line).toContain(message);
    expect(line).toContain("sqlite::memory:");
    expect(line).toContain("postgres://");
    expect(line).not.toContain("hunter2");
    expect(line).not.toContain("\n");
  });
});
