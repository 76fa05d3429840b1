import { and, eq } from "drizzle-orm";
import type { Db } from "../client";
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
