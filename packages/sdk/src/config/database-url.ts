import type { AtlasConfig } from "./schema.js";

/** The database used when the configuration names none (the embedded default). */
export const DEFAULT_DATABASE_URL = "sqlite:~/.aws-atlas/atlas.db";

/** Options for {@link databaseUrlFromConfig}. */
export interface DatabaseUrlOptions {
  /** When given, a leading `~` in a SQLite path is expanded to it. */
  homeDir?: string;
}

const DEFAULT_PORTS = { postgresql: 5432, mysql: 3306 } as const;

/**
 * The database URL the configuration selects: `database.url`, else one built from
 * `database.type` + `database.connection` (user name and password URL-encoded; `ssl_mode` becomes
 * `?sslmode=` for PostgreSQL), else {@link DEFAULT_DATABASE_URL}. `enabled: false` gives
 * `sqlite::memory:`.
 *
 * @example
 * databaseUrlFromConfig(config.database); // "postgres://app:s3cr%40t@db.internal:5432/atlas?sslmode=require"
 */
export function databaseUrlFromConfig(database: AtlasConfig["database"], options: DatabaseUrlOptions = {}): string {
  const expand = (url: string) => (options.homeDir && url.startsWith("sqlite:~/") ? `sqlite:${options.homeDir.replace(/\/$/, "")}/${url.slice("sqlite:~/".length)}` : url);
  if (!database.enabled) return "sqlite::memory:";
  if (database.url !== undefined) return expand(database.url);
  const connection = database.connection;
  if (!connection) return expand(DEFAULT_DATABASE_URL);
  const type = database.type ?? "sqlite";
  if (type === "sqlite") return expand(`sqlite:${connection.database ?? "~/.aws-atlas/atlas.db"}`);
  const user = connection.username !== undefined ? encodeURIComponent(connection.username) : "";
  const password = connection.password !== undefined && connection.password !== "" ? `:${encodeURIComponent(connection.password)}` : "";
  const auth = user !== "" || password !== "" ? `${user}${password}@` : "";
  const host = connection.host ?? "localhost";
  const port = connection.port ?? DEFAULT_PORTS[type];
  const scheme = type === "postgresql" ? "postgres" : "mysql";
  const query = type === "postgresql" && connection.ssl_mode ? `?sslmode=${connection.ssl_mode}` : "";
  return `${scheme}://${auth}${host.includes(":") ? `[${host}]` : host}:${port}/${encodeURIComponent(connection.database ?? "")}${query}`;
}
