import { eq } from "drizzle-orm";
import {
  createInvoiceImport,
  findInvoiceImport,
  type InvoiceImportRow,
  importRowsOf,
  insertImportRow,
  type NewInvoiceImportRow,
  nextImportPosition,
  orderInvoicedWithKey,
} from "../../../db/queries/invoice-imports";
import { sellerAccounts } from "../../../db/schema";
import { DomainError } from "../errors";
import { type NfeData, readNfeXml } from "../invoice/nfe-xml";
import { MAX_FILES_PER_IMPORT, type UploadedFile, unpackUploads } from "../invoice/xml-uploads";
import type { InvoiceContext } from "../orders/commands/invoice";
import type { ImportedNfeSummary } from "./kinds";
import { findOrdersForNfe } from "./match";
import { verdictForMatch } from "./verdict";

export function importNotFound(): DomainError {
  return new DomainError("IMPORT_NOT_FOUND", "Envio de notas não encontrado nesta conta.");
}

function summary(nfe: NfeData): ImportedNfeSummary {
  return {
    accessKey: nfe.accessKey,
    series: nfe.series,
    number: nfe.number,
    totalCents: nfe.totalCents,
    issuedAt: nfe.issuedAt?.toISOString() ?? null,
    recipientDocument: nfe.recipientDocument,
    recipientName: nfe.recipientName,
    purchaseOrders: nfe.references.purchaseOrders,
    additionalInfo: nfe.references.additionalInfo?.slice(0, 500) ?? null,
  };
}

/** The invoice keeps the file's own name, not the "archive.zip › folder/" path shown in the preview. */
export function invoiceFileName(displayName: string): string {
  return (
    displayName
      .split(/[›/\\]/)
      .pop()
      ?.trim() || displayName
  );
}

function invalid(fileName: string, reason: string, extra: Partial<NewInvoiceImportRow> = {}): NewInvoiceImportRow {
  return {
    fileName,
    verdict: "invalid",
    reason,
    candidateOrderIds: [],
    warnings: [],
    position: 0,
    ...extra,
  };
}

/**
 * Reads each file of one upload (a zip opened into its XMLs) exactly as a single upload is read, matches each
 * readable note to an order, and stores the preview rows. Nothing about any order changes here.
 */
export function addFilesToImport(ctx: InvoiceContext, importId: number, files: UploadedFile[]): InvoiceImportRow[] {
  if (!findInvoiceImport(ctx.db, ctx.accountId, importId)) throw importNotFound();
  const existing = importRowsOf(ctx.db, ctx.accountId, importId);
  const entries = unpackUploads(files);
  if (existing.length + entries.length > MAX_FILES_PER_IMPORT) {
    throw new DomainError(
      "INVALID_INPUT",
      `Um envio aceita até ${MAX_FILES_PER_IMPORT} notas. Divida os arquivos em mais de um envio.`,
      "files",
    );
  }
  const account = ctx.db
    .select({ cnpj: sellerAccounts.cnpj })
    .from(sellerAccounts)
    .where(eq(sellerAccounts.id, ctx.accountId))
    .get();
  if (!account) throw new DomainError("ACCOUNT_NOT_FOUND", "Conta de vendedor não encontrada.");
  const seenKeys = new Map(existing.filter((r) => r.accessKey).map((r) => [r.accessKey, r.fileName]));
  let position = nextImportPosition(ctx.db, ctx.accountId, importId);
  const now = ctx.now ?? new Date();

  return entries.map((entry) => {
    const row = ((): NewInvoiceImportRow => {
      if (!entry.ok) return invalid(entry.name, entry.message);
      const read = readNfeXml(entry.bytes, { sellerCnpj: account.cnpj, mode: ctx.nfeMode, now });
      if (!read.ok) return invalid(entry.name, read.error.message);
      const nfe = read.nfe;
      const base = { accessKey: nfe.accessKey, nfe: summary(nfe), xml: Buffer.from(entry.bytes) };
      const twin = seenKeys.get(nfe.accessKey);
      if (twin !== undefined) {
        return invalid(entry.name, `Nota repetida: a mesma NF-e já está neste envio (${twin}).`, {
          ...base,
          xml: null,
        });
      }
      seenKeys.set(nfe.accessKey, entry.name);
      const invoiced = orderInvoicedWithKey(ctx.db, ctx.accountId, nfe.accessKey);
      if (invoiced) {
        return invalid(entry.name, `Esta nota já faturou o pedido ${invoiced.marketplaceCode}.`, {
          ...base,
          xml: null,
          orderId: invoiced.id,
        });
      }
      const file = { fileName: invoiceFileName(entry.name), xml: entry.bytes };
      return {
        fileName: entry.name,
        position: 0,
        ...base,
        ...verdictForMatch(ctx, file, findOrdersForNfe(ctx.db, ctx.accountId, nfe)),
      };
    })();
    const stored = insertImportRow(ctx.db, ctx.accountId, importId, { ...row, position });
    position += 1;
    return stored;
  });
}

export function startInvoiceImport(ctx: InvoiceContext): number {
  return createInvoiceImport(ctx.db, ctx.accountId, ctx.actor.userId, ctx.now ?? new Date());
}
