import { homedir } from "node:os";
import { isAbsolute, resolve } from "node:path";
import { AtlasError } from "../errors.js";

/** The database engines aws-atlas supports. */
export type StorageDialect = "sqlite" | "postgres" | "mysql";

/**
 * The embedded default: one SQLite file in the user's home directory.
 *
 * @example
 * const storage = await openStorage({ url: env.AWS_ATLAS_DB ?? DEFAULT_DATABASE_URL });
 */
export const DEFAULT_DATABASE_URL = "sqlite:~/.aws-atlas/atlas.db";

const ACCEPTED_FORMS =
  "Use sqlite:PATH (e.g. sqlite:~/.aws-atlas/atlas.db), sqlite::memory:, postgres://user:pass@host:5432/db or mysql://user:pass@host:3306/db";

/** A SQLite location: a file path (absolute after parsing) or an in-memory database. */
export interface SqliteDatabaseUrl {
  dialect: "sqlite";
  /** Absolute file path, or `":memory:"`. */
  path: string;
  /** The URL with nothing secret in it, for messages. */
  redacted: string;
}

/** A PostgreSQL or MySQL/MariaDB server location. */
export interface ServerDatabaseUrl {
  dialect: "postgres" | "mysql";
  host: string;
  port: number;
  user: string;
  password: string | undefined;
  database: string;
  /** Query parameters of the URL (e.g. `sslmode`, `ssl`). */
  params: Record<string, string>;
  /** The original URL (contains the password; never print it). */
  url: string;
  /** The URL with the password replaced by `***`, for messages. */
  redacted: string;
}

/** A parsed database URL. */
export type DatabaseUrl = SqliteDatabaseUrl | ServerDatabaseUrl;

/** Options for {@link parseDatabaseUrl}. */
export interface ParseDatabaseUrlOptions {
  /** Replaces `~` in `sqlite:~/...`; defaults to the current user's home directory. */
  homeDir?: string;
  /** Base for relative SQLite paths; defaults to the working directory. */
  cwd?: string;
}

/**
 * Parse a database URL: `sqlite:PATH`, `sqlite::memory:`, `postgres://` / `postgresql://`, or
 * `mysql://` (MySQL and MariaDB). Throws `INVALID_DATABASE_URL` for anything else.
 *
 * @example
 * parseDatabaseUrl("sqlite:~/.aws-atlas/atlas.db", { homeDir: "/home/me" });
 * // { dialect: "sqlite", path: "/home/me/.aws-atlas/atlas.db", redacted: "sqlite:/home/me/.aws-atlas/atlas.db" }
 */
export function parseDatabaseUrl(url: string, options: ParseDatabaseUrlOptions = {}): DatabaseUrl {
  const text = url.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  switch (scheme) {
    case "sqlite":
      return parseSqlite(text.slice("sqlite:".length), options);
    case "postgres":
    case "postgresql":
      return parseServer(text, "postgres", 5432);
    case "mysql":
    case "mariadb":
      return parseServer(text, "mysql", 3306);
    default:
      throw new AtlasError(
        "INVALID_DATABASE_URL",
        scheme === undefined
          ? `Database URL "${redactUnparsed(text)}" has no scheme`
          : `Database URL scheme "${scheme}:" is not supported`,
        { hint: ACCEPTED_FORMS },
      );
  }
}

function parseSqlite(rest: string, options: ParseDatabaseUrlOptions): SqliteDatabaseUrl {
  if (rest === ":memory:") return { dialect: "sqlite", path: ":memory:", redacted: "sqlite::memory:" };
  // sqlite:///abs/path and sqlite://rel/path are common spellings of sqlite:/abs/path and sqlite:rel/path.
  let path = rest.startsWith("//") ? rest.slice(2) : rest;
  if (path === "") {
    throw new AtlasError("INVALID_DATABASE_URL", "Database URL sqlite: has no file path", { hint: ACCEPTED_FORMS });
  }
  if (path === "~" || path.startsWith("~/")) path = (options.homeDir ?? homedir()) + path.slice(1);
  if (!isAbsolute(path)) path = resolve(options.cwd ?? process.cwd(), path);
  return { dialect: "sqlite", path, redacted: `sqlite:${path}` };
}

function parseServer(text: string, dialect: "postgres" | "mysql", defaultPort: number): ServerDatabaseUrl {
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch (cause) {
    throw new AtlasError("INVALID_DATABASE_URL", `Database URL "${redactUnparsed(text)}" is not a valid URL`, {
      hint: ACCEPTED_FORMS,
      cause,
    });
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  if (parsed.hostname === "" || database === "" || database.includes("/")) {
    throw new AtlasError("INVALID_DATABASE_URL", `Database URL "${redactUrl(parsed)}" needs a host and a database name`, {
      hint: ACCEPTED_FORMS,
    });
  }
  const port = parsed.port === "" ? defaultPort : Number(parsed.port);
  const params: Record<string, string> = {};
  for (const [key, value] of parsed.searchParams) params[key] = value;
  return {
    dialect,
    host: parsed.hostname.replace(/^\[(.*)\]$/, "$1"),
    port,
    user: decodeURIComponent(parsed.username) || (dialect === "postgres" ? "postgres" : "root"),
    password: parsed.password === "" ? undefined : decodeURIComponent(parsed.password),
    database,
    params,
    url: text,
    redacted: redactUrl(parsed),
  };
}

function redactUrl(url: URL): string {
  if (url.password === "") return url.toString();
  const copy = new URL(url.toString());
  copy.password = "***";
  return copy.toString();
}

/** Best effort for strings that do not parse as URLs: hide anything between "://user:" and "@". */
function redactUnparsed(text: string): string {
  return text.replace(/(\/\/[^:/@]*:)[^@]*@/, "$1***@");
}
