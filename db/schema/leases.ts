import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Work that one worker at a time must do (reading a marketplace connection, the reconciliation round): the worker
 * holding the row until `until` does it; another takes it over once it has expired (its worker died). Several
 * workers share the outbox through its own leases (outbox.lease_owner).
 */
export const workerLeases = sqliteTable("worker_leases", {
  name: text("name").primaryKey(),
  owner: text("owner").notNull(),
  until: integer("until", { mode: "timestamp_ms" }).notNull(),
});
