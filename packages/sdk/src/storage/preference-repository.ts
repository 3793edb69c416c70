import { AtlasError } from "../errors.js";
import { COLUMN_LIMITS as L } from "./schema.js";
import { compareText, guarded, parseStoredJson, type StorageContext } from "./sql-helpers.js";

/** User preferences: JSON values by key. */
export interface PreferenceRepository {
  /**
   * A preference's value, or undefined.
   *
   * @example
   * const format = await storage.preferences.get("report.format");
   */
  get(key: string): Promise<unknown>;
  /**
   * Set a preference to a JSON-serialisable value.
   *
   * @example
   * await storage.preferences.set("report.format", ["csv", "xlsx"]);
   */
  set(key: string, value: unknown, options?: { now?: Date }): Promise<void>;
  /**
   * Remove a preference; true when it existed.
   *
   * @example
   * await storage.preferences.delete("report.format");
   */
  delete(key: string): Promise<boolean>;
  /**
   * Every preference, sorted by key.
   *
   * @example
   * const all = await storage.preferences.list();
   */
  list(): Promise<Record<string, unknown>>;
}

/**
 * A {@link PreferenceRepository} over a storage context.
 *
 * @example
 * const preferences = createPreferenceRepository(ctx);
 */
export function createPreferenceRepository(ctx: StorageContext): PreferenceRepository {
  const { db, dialect } = ctx;
  return {
    async get(key) {
      const row = await guarded(ctx, db.selectFrom("preferences").select("value").where("key", "=", key).executeTakeFirst());
      return row === undefined ? undefined : parseStoredJson(row.value, `preference ${key}`);
    },
    async set(key, value, options = {}) {
      if (key === "" || key.length > L.preferenceKey) {
        throw new AtlasError("INVALID_ARGUMENT", `Preference keys are 1 to ${L.preferenceKey} characters`);
      }
      const text = JSON.stringify(value);
      if (text === undefined) throw new AtlasError("INVALID_ARGUMENT", `Preference ${key} has no JSON representation`);
      const values = { key, value: text, updated_at: (options.now ?? ctx.clock.now()).toISOString() };
      const insert = db.insertInto("preferences").values(values);
      const update = { value: values.value, updated_at: values.updated_at };
      await guarded(
        ctx,
        dialect === "mysql"
          ? insert.onDuplicateKeyUpdate(update).execute()
          : insert.onConflict((oc) => oc.column("key").doUpdateSet(update)).execute(),
      );
    },
    async delete(key) {
      const result = await guarded(ctx, db.deleteFrom("preferences").where("key", "=", key).executeTakeFirst());
      return Number(result.numDeletedRows) > 0;
    },
    async list() {
      const rows = await guarded(ctx, db.selectFrom("preferences").select(["key", "value"]).execute());
      rows.sort((a, b) => compareText(a.key, b.key));
      const out: Record<string, unknown> = {};
      for (const row of rows) out[row.key] = parseStoredJson(row.value, `preference ${row.key}`);
      return out;
    },
  };
}
