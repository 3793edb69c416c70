import { describeEngine, storageTestEngines } from "./test-fixtures/engines.js";
import { defineStorageContract } from "./test-fixtures/storage-contract.js";

// One suite, every engine: SQLite in memory and on disk, PostgreSQL, MySQL/MariaDB.
for (const engine of await storageTestEngines()) {
  describeEngine(engine, () => defineStorageContract(engine));
}
