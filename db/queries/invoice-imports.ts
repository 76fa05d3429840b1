import { and, asc, count, desc, eq, getTableColumns, gte, inArray, isNotNull, lte, max, min } from "drizzle-orm";
import type { Db } from "../client";
import { invoiceImportRows, invoiceImports, invoices, orders } from "../schema";
import { type ComparableCode, codeIsOneOf } from "./order-codes";

/** A preview row without its file: views and checks never need the bytes, and an import may hold hundreds. */
export type InvoiceImportRow = Omit<typeof invoiceImportRows.$inferSelect, "xml"> & { hasXml: boolean };
export type NewInvoiceImportRow = Omit<typeof invoiceImportRows.$inferInsert, "id" | "importId" | "accountId">;

export function createInvoiceImport(db: Db, accountId: number, userId: string | null, now: Date): number {
  return db
    .insert(invoiceImports)
    .values({ accountId, createdByUserId: userId, createdAt: now })
    .returning({ id: invoiceImports.id })
    .get().id;
}

export function findInvoiceImport(db: Db, accountId: number, importId: number) {
  return db
    .select()
    .from(invoiceImports)
    .where(and(eq(invoiceImports.id, importId), eq(invoiceImports.accountId, accountId)))
    .get();
}

export function nextImportPosition(db: Db, accountId: number, importId: number): number {
  const row = db
    .select({ last: max(invoiceImportRows.position) })
    .from(invoiceImportRows)
    .where(and(eq(invoiceImportRows.importId, importId), eq(invoiceImportRows.accountId, accountId)))
    .get();
  return (row?.last ?? 0) + 1;
}

export function insertImportRow(db: Db, accountId: number, importId: number, row: NewInvoiceImportRow): void {
  db.insert(invoiceImportRows)
    .values({ ...row, accountId, importId })
    .run();
}

const { xml: _bytes, ...rowColumns } = getTableColumns(invoiceImportRows);
const rowSelection = { ...rowColumns, hasXml: isNotNull(invoiceImportRows.xml) };

function toRow(row: Omit<InvoiceImportRow, "hasXml"> & { hasXml: unknown }): InvoiceImportRow {
  // SQLite answers the IS NOT NULL test with 0 or 1.
  return { ...row, hasXml: Boolean(row.hasXml) };
}

export function importRowsOf(db: Db, accountId: number, importId: number): InvoiceImportRow[] {
  return db
    .select(rowSelection)
    .from(invoiceImportRows)
    .where(and(eq(invoiceImportRows.importId, importId), eq(invoiceImportRows.accountId, accountId)))
    .orderBy(asc(invoiceImportRows.position))
    .all()
    .map(toRow);
}

export function findImportRow(db: Db, accountId: number, importId: number, rowId: number) {
  const row = db
    .select(rowSelection)
    .from(invoiceImportRows)
    .where(
      and(
        eq(invoiceImportRows.id, rowId),
        eq(invoiceImportRows.importId, importId),
        eq(invoiceImportRows.accountId, accountId),
      ),
    )
    .get();
  return row ? toRow(row) : undefined;
}

export function importRowXml(db: Db, accountId: number, rowId: number): Buffer | null {
  return (
    db
      .select({ xml: invoiceImportRows.xml })
      .from(invoiceImportRows)
      .where(and(eq(invoiceImportRows.id, rowId), eq(invoiceImportRows.accountId, accountId)))
      .get()?.xml ?? null
  );
}

/** The account's latest uploads, newest first. */
export function recentInvoiceImports(db: Db, accountId: number, limit: number) {
  return db
    .select({ id: invoiceImports.id, createdAt: invoiceImports.createdAt })
    .from(invoiceImports)
    .where(eq(invoiceImports.accountId, accountId))
    .orderBy(desc(invoiceImports.createdAt), desc(invoiceImports.id))
    .limit(limit)
    .all();
}

export type ImportRowTally = Pick<InvoiceImportRow, "importId" | "dropped" | "hasXml" | "resultOk"> & {
  rows: number;
  firstAppliedAt: Date | null;
};

/** The rows of these uploads counted by what the domain tells apart, without reading them one by one. */
export function importRowTallies(db: Db, accountId: number, importIds: number[]): ImportRowTally[] {
  if (importIds.length === 0) return [];
  const hasXml = isNotNull(invoiceImportRows.xml);
  return db
    .select({
      importId: invoiceImportRows.importId,
      dropped: invoiceImportRows.dropped,
      hasXml,
      resultOk: invoiceImportRows.resultOk,
      rows: count(),
      firstAppliedAt: min(invoiceImportRows.appliedAt),
    })
    .from(invoiceImportRows)
    .where(and(eq(invoiceImportRows.accountId, accountId), inArray(invoiceImportRows.importId, importIds)))
    .groupBy(invoiceImportRows.importId, invoiceImportRows.dropped, hasXml, invoiceImportRows.resultOk)
    .all()
    .map((t) => ({ ...t, hasXml: Boolean(t.hasXml) }));
}

export function updateImportRow(
  db: Db,
  accountId: number,
  rowId: number,
  patch: Partial<Omit<InvoiceImportRow, "id" | "importId" | "accountId">>,
): void {
  db.update(invoiceImportRows)
    .set(patch)
    .where(and(eq(invoiceImportRows.id, rowId), eq(invoiceImportRows.accountId, accountId)))
    .run();
}

const orderSummaryColumns = {
  id: orders.id,
  marketplaceCode: orders.marketplaceCode,
  channel: orders.channel,
  status: orders.status,
  customerName: orders.customerName,
  customerDocument: orders.customerDocument,
  totalCents: orders.totalCents,
  placedAt: orders.placedAt,
  version: orders.version,
};

export type ImportOrderSummary = {
  id: number;
  marketplaceCode: string;
  channel: (typeof orders.$inferSelect)["channel"];
  status: (typeof orders.$inferSelect)["status"];
  customerName: string;
  customerDocument: string;
  totalCents: number;
  placedAt: Date;
  version: number;
};

export function ordersByIds(db: Db, accountId: number, ids: number[]): ImportOrderSummary[] {
  if (ids.length === 0) return [];
  return db
    .select(orderSummaryColumns)
    .from(orders)
    .where(and(eq(orders.accountId, accountId), inArray(orders.id, ids)))
    .all();
}

/** Orders whose marketplace code is one of `codes`, compared without case or punctuation, never a scan. */
export function ordersByCodes(db: Db, accountId: number, codes: ComparableCode[]): ImportOrderSummary[] {
  const sameCode = codeIsOneOf(codes);
  if (!sameCode) return [];
  return db
    .select(orderSummaryColumns)
    .from(orders)
    .where(and(eq(orders.accountId, accountId), sameCode))
    .orderBy(asc(orders.placedAt), asc(orders.id))
    .all();
}

export const RECIPIENT_CANDIDATES_LIMIT = 20;

/** Orders waiting for an invoice with this buyer and total, placed within the window. */
export function approvedOrdersForRecipient(
  db: Db,
  accountId: number,
  criteria: { document: string; totalCents: number; placedFrom: Date | null; placedTo: Date | null },
): ImportOrderSummary[] {
  return (
    db
      .select(orderSummaryColumns)
      .from(orders)
      .where(
        and(
          eq(orders.accountId, accountId),
          eq(orders.customerDocument, criteria.document),
          eq(orders.status, "APPROVED"),
          eq(orders.totalCents, criteria.totalCents),
          criteria.placedFrom ? gte(orders.placedAt, criteria.placedFrom) : undefined,
          criteria.placedTo ? lte(orders.placedAt, criteria.placedTo) : undefined,
        ),
      )
      // The orders closest to the issue date are the likeliest.
      .orderBy(desc(orders.placedAt), desc(orders.id))
      .limit(RECIPIENT_CANDIDATES_LIMIT)
      .all()
  );
}

/** The order of this account an access key already invoiced, if any. */
export function orderInvoicedWithKey(db: Db, accountId: number, accessKey: string) {
  return db
    .select({ id: orders.id, marketplaceCode: orders.marketplaceCode })
    .from(invoices)
    .innerJoin(orders, eq(orders.id, invoices.orderId))
    .where(and(eq(invoices.accessKey, accessKey), eq(invoices.accountId, accountId)))
    .get();
}

/**
 * Forgets the files of notes never applied from uploads older than `before`: they are the seller's copies, not
 * fiscal records (those live in `invoices`), and a forgotten preview of 500 notes would otherwise stay forever.
 * Maintenance across accounts, run by the worker.
 */
export function releaseStaleImportFiles(db: Db, before: Date): number {
  const stale = db.select({ id: invoiceImports.id }).from(invoiceImports).where(lte(invoiceImports.createdAt, before));
  return db
    .update(invoiceImportRows)
    .set({ xml: null })
    .where(and(inArray(invoiceImportRows.importId, stale), isNotNull(invoiceImportRows.xml)))
    .run().changes;
}
