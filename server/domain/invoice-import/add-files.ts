import {
  createInvoiceImport,
  findInvoiceImport,
  importRowsOf,
  insertImportRow,
  type NewInvoiceImportRow,
  nextImportPosition,
  orderInvoicedWithKey,
} from "../../../db/queries/invoice-imports";
import { DomainError } from "../errors";
import { type NfeData, readNfeXml } from "../invoice/nfe-xml";
import {
  importBudget,
  UPLOAD_PROBLEMS,
  type UploadEntry,
  type UploadedFile,
  type UploadProblem,
  unpackUploads,
} from "../invoice/xml-uploads";
import { type InvoiceContext, sellerCnpj } from "../orders/commands/invoice";
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

export type UploadBatch = {
  files: UploadedFile[];
  /** Entries the browser already found unreadable while opening a zip (same rules, see xml-uploads.ts). */
  problems?: { name: string; problem: UploadProblem }[];
};

/**
 * Reads each file of one upload (a zip opened into its XMLs) exactly as a single upload is read, matches each
 * readable note to an order, and stores the preview rows. Nothing about any order changes here. One immediate
 * transaction: the dry runs see one consistent database, and a failure leaves no half-stored batch behind.
 */
export function addFilesToImport(ctx: InvoiceContext, importId: number, batch: UploadBatch): void {
  ctx.db.transaction(
    () => {
      if (!findInvoiceImport(ctx.db, ctx.accountId, importId)) throw importNotFound();
      const existing = importRowsOf(ctx.db, ctx.accountId, importId);
      const budget = importBudget(existing.length);
      const problems = batch.problems ?? [];
      if (problems.length > budget.entries) throw tooManyFiles();
      budget.entries -= problems.length;
      const entries: UploadEntry[] = [
        ...unpackUploads(batch.files, budget),
        ...problems.map((p) => ({ ok: false as const, name: p.name.slice(0, 300), problem: p.problem })),
      ];
      if (entries.some((e) => !e.ok && e.problem === "over_budget")) throw tooManyFiles();
      const cnpj = sellerCnpj(ctx);
      const seenKeys = new Map(existing.filter((r) => r.accessKey).map((r) => [r.accessKey, r.fileName]));
      let position = nextImportPosition(ctx.db, ctx.accountId, importId);
      for (const entry of entries) {
        insertImportRow(ctx.db, ctx.accountId, importId, { ...previewRow(ctx, cnpj, entry, seenKeys), position });
        position += 1;
      }
    },
    { behavior: "immediate" },
  );
}

function tooManyFiles(): DomainError {
  return new DomainError("INVALID_INPUT", UPLOAD_PROBLEMS.over_budget, "files");
}

function previewRow(
  ctx: InvoiceContext,
  sellerCnpj: string,
  entry: UploadEntry,
  seenKeys: Map<string | null, string>,
): NewInvoiceImportRow {
  if (!entry.ok) return invalid(entry.name, UPLOAD_PROBLEMS[entry.problem]);
  const read = readNfeXml(entry.bytes, { sellerCnpj, mode: ctx.nfeMode, now: ctx.now ?? new Date() });
  if (!read.ok) return invalid(entry.name, read.error.message);
  const nfe = read.nfe;
  const base = { accessKey: nfe.accessKey, nfe: summary(nfe) };
  const twin = seenKeys.get(nfe.accessKey);
  if (twin !== undefined) {
    return invalid(entry.name, `Nota repetida: a mesma NF-e já está neste envio (${twin}).`, base);
  }
  seenKeys.set(nfe.accessKey, entry.name);
  const invoiced = orderInvoicedWithKey(ctx.db, ctx.accountId, nfe.accessKey);
  if (invoiced) {
    return invalid(entry.name, `Esta nota já faturou o pedido ${invoiced.marketplaceCode}.`, {
      ...base,
      orderId: invoiced.id,
    });
  }
  const file = { fileName: invoiceFileName(entry.name), xml: entry.bytes };
  return {
    fileName: entry.name,
    position: 0,
    ...base,
    xml: Buffer.from(entry.bytes),
    ...verdictForMatch(ctx, file, findOrdersForNfe(ctx.db, ctx.accountId, nfe)),
  };
}

export function startInvoiceImport(ctx: InvoiceContext): number {
  return createInvoiceImport(ctx.db, ctx.accountId, ctx.actor.userId, ctx.now ?? new Date());
}
