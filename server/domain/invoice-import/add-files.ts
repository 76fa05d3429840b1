import {
  createInvoiceImport,
  importRowsOf,
  insertImportRow,
  type NewInvoiceImportRow,
  nextImportPosition,
  orderInvoicedWithKey,
} from "../../../db/queries/invoice-imports";
import { DomainError } from "../errors";
import type { NfeData } from "../invoice/nfe-xml";
import {
  importBudget,
  MAX_FILES_PER_IMPORT,
  UPLOAD_LIMITS,
  UPLOAD_PROBLEMS,
  type UploadedFile,
  type UploadLimit,
  type UploadProblem,
} from "../invoice/xml-uploads";
import { type InvoiceContext, sellerCnpj } from "../orders/commands/invoice";
import type { ImportFile } from "./check";
import type { ImportedNfeSummary } from "./kinds";
import { findOrdersForNfe } from "./match";
import type { ReadEntry } from "./read-upload";
import { openImport } from "./state";
import { readUploadOffThread } from "./upload-reader";
import { verdictForMatch } from "./verdict";

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
 * readable note to an order, and stores the preview rows. Nothing about any order changes here. Opening and
 * parsing happen first, in a worker thread and outside any transaction; then one short immediate transaction
 * matches and dry-runs the notes already read: the dry runs see one consistent database, and a failure leaves no
 * half-stored batch behind.
 */
export async function addFilesToImport(ctx: InvoiceContext, importId: number, batch: UploadBatch): Promise<void> {
  openImport(ctx, importId);
  const problems: ReadEntry[] = (batch.problems ?? []).map((p) => ({
    ok: false,
    name: p.name.slice(0, 300),
    problem: p.problem,
  }));
  const counted = importRowsOf(ctx.db, ctx.accountId, importId).length + problems.length;
  if (counted > MAX_FILES_PER_IMPORT) throw uploadRefused("files");
  const read = await readUploadOffThread({
    files: batch.files,
    budget: importBudget(counted),
    sellerCnpj: sellerCnpj(ctx),
    mode: ctx.nfeMode,
    now: ctx.now ?? new Date(),
  });
  if (!read.ok) throw uploadRefused(read.limit);
  const entries = [...read.entries, ...problems];
  ctx.db.transaction(
    () => {
      openImport(ctx, importId);
      const existing = importRowsOf(ctx.db, ctx.accountId, importId);
      // Another batch may have landed while this one was being read.
      if (existing.length + entries.length > MAX_FILES_PER_IMPORT) throw uploadRefused("files");
      const seenKeys = new Map(existing.filter((r) => r.accessKey).map((r) => [r.accessKey, r.fileName]));
      let position = nextImportPosition(ctx.db, ctx.accountId, importId);
      for (const entry of entries) {
        insertImportRow(ctx.db, ctx.accountId, importId, { ...previewRow(ctx, entry, seenKeys), position });
        position += 1;
      }
    },
    { behavior: "immediate" },
  );
}

const READ_TOO_SLOW = "A leitura deste envio passou de 1 minuto; envie menos notas por vez.";

function uploadRefused(limit: UploadLimit | "time"): DomainError {
  return new DomainError("INVALID_INPUT", limit === "time" ? READ_TOO_SLOW : UPLOAD_LIMITS[limit], "files");
}

function previewRow(ctx: InvoiceContext, entry: ReadEntry, seenKeys: Map<string | null, string>): NewInvoiceImportRow {
  if (!entry.ok) return invalid(entry.name, UPLOAD_PROBLEMS[entry.problem]);
  if (!entry.read.ok) return invalid(entry.name, entry.read.error.message);
  const nfe = entry.read.nfe;
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
  const file: ImportFile = { fileName: invoiceFileName(entry.name), xml: entry.bytes, nfe };
  return {
    fileName: entry.name,
    position: 0,
    ...base,
    xml: Buffer.from(entry.bytes.buffer, entry.bytes.byteOffset, entry.bytes.byteLength),
    ...verdictForMatch(ctx, file, findOrdersForNfe(ctx.db, ctx.accountId, nfe)),
  };
}

export function startInvoiceImport(ctx: InvoiceContext): number {
  return createInvoiceImport(ctx.db, ctx.accountId, ctx.actor.userId, ctx.now ?? new Date());
}
