import {
  CompiledQuery,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  SqliteAdapter,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from "kysely";

/**
 * better-sqlite3 with write transactions that take the database's write lock when they begin
 * (`BEGIN IMMEDIATE`). A deferred `BEGIN` that reads and then writes can fail with SQLITE_BUSY at
 * once when another process wrote in between, without waiting for the busy timeout; an immediate
 * transaction waits for the lock up to `busy_timeout` instead, so concurrent writers queue up.
 *
 * SQLite DDL is transactional, so migrations run in one (immediate) transaction too: two processes
 * opening a new file at once migrate it one after the other, and a failed migration leaves nothing.
 */
export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}
