import { blob, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import {
  type ConfirmedDifference,
  type ImportedNfeSummary,
  INVOICE_IMPORT_VERDICTS,
  INVOICE_MATCH_SOURCES,
} from "../../server/domain/invoice-import/kinds";
import { sellerAccounts } from "./accounts";
import { users } from "./auth";
import { orders } from "./orders";

const ts = (name: string) => integer(name, { mode: "timestamp_ms" });

/** One bulk upload of NF-e XMLs: previewed first, applied row by row, its results kept for download. */
export const invoiceImports = sqliteTable(
  "invoice_imports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    accountId: integer("account_id")
      .notNull()
      .references(() => sellerAccounts.id),
    createdByUserId: text("created_by_user_id").references(() => users.id),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [index("invoice_imports_account_idx").on(t.accountId, t.createdAt)],
);

export const invoiceImportRows = sqliteTable(
  "invoice_import_rows",
  {
    id: integer("id").primaryKey(),
    importId: integer("import_id")
      .notNull()
      .references(() => invoiceImports.id, { onDelete: "cascade" }),
    accountId: integer("account_id")
      .notNull()
      .references(() => sellerAccounts.id),
    position: integer("position").notNull(),
    fileName: text("file_name").notNull(),
    // Kept until applied: the invoice stores this exact file, as a single upload would.
    xml: blob("xml", { mode: "buffer" }),
    accessKey: text("access_key"),
    nfe: text("nfe", { mode: "json" }).$type<ImportedNfeSummary>(),
    verdict: text("verdict", { enum: INVOICE_IMPORT_VERDICTS }).notNull(),
    reason: text("reason").notNull(),
    matchedBy: text("matched_by", { enum: INVOICE_MATCH_SOURCES }),
    orderId: integer("order_id").references(() => orders.id),
    candidateOrderIds: text("candidate_order_ids", { mode: "json" }).$type<number[]>().notNull(),
    warnings: text("warnings", { mode: "json" }).$type<string[]>().notNull(),
    // Null until the seller confirms a note whose recipient or total differs from its order (SPEC §3).
    confirmedDifference: text("confirmed_difference", { mode: "json" }).$type<ConfirmedDifference>(),
    dropped: integer("dropped", { mode: "boolean" }).notNull().default(false),
    resultOk: integer("result_ok", { mode: "boolean" }),
    resultMessage: text("result_message"),
    appliedAt: ts("applied_at"),
  },
  (t) => [index("invoice_import_rows_import_idx").on(t.importId, t.position)],
);
