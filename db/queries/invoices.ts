import { and, desc, eq } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { invoices } from "../schema";

export function getInvoiceXml(db: Db, accountId: number, invoiceId: number) {
  return (
    db
      .select({ xml: invoices.xml, xmlFileName: invoices.xmlFileName, accessKey: invoices.accessKey })
      .from(invoices)
      .where(and(eq(invoices.id, invoiceId), eq(invoices.accountId, accountId)))
      .get() ?? null
  );
}

/**
 * Whether an NF-e access key is already on an invoice. Looked up across every account on purpose: a key names one
 * note in all of Brazil, so the same key on any other order is a copy or a mistake.
 */
export function accessKeyInUse(db: Db, accessKey: string): boolean {
  return db.select({ id: invoices.id }).from(invoices).where(eq(invoices.accessKey, accessKey)).get() !== undefined;
}

/** The order's latest invoice: the one a shipment is checked against. */
export function latestInvoiceOf(db: Db, accountId: number, orderId: number) {
  return db
    .select({ issuedAt: invoices.issuedAt, accessKey: invoices.accessKey, createdAt: invoices.createdAt })
    .from(invoices)
    .where(and(eq(invoices.orderId, orderId), eq(invoices.accountId, accountId)))
    .orderBy(desc(invoices.id))
    .get();
}

export function insertInvoice(db: Db | Tx, invoice: Omit<typeof invoices.$inferInsert, "id">): void {
  db.insert(invoices).values(invoice).run();
}
