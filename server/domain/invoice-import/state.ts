// Where an NF-e upload stands: still a preview the seller can come back to, or confirmed and closed. The preview page,
// the "Envios anteriores" list and every change to an upload read it from here.
import { findInvoiceImport, type ImportRowTally, importRowTallies } from "../../../db/queries/invoice-imports";
import { DomainError } from "../errors";
import { formatDateTime, plural } from "../format";

type RowFacts = Pick<ImportRowTally, "dropped" | "hasXml" | "resultOk">;

/** Kept, its note still on file and not invoiced: the seller can still match, confirm or apply it. */
export function awaitsSeller(row: RowFacts): boolean {
  return !row.dropped && row.hasXml && row.resultOk !== true;
}

export type ImportProgress = {
  notes: number;
  invoiced: number;
  waiting: number;
  /** When the seller first confirmed rows of it; null while it is only a preview. */
  confirmedAt: Date | null;
  /** Confirmed with nothing left waiting: its results are final and it takes no more files or choices. */
  closed: boolean;
};

export function progressOf(rows: (RowFacts & { rows?: number; firstAppliedAt: Date | null })[]): ImportProgress {
  let [total, invoiced, waiting] = [0, 0, 0];
  let confirmedAt: Date | null = null;
  for (const row of rows) {
    const n = row.rows ?? 1;
    total += n;
    if (row.resultOk === true) invoiced += n;
    if (awaitsSeller(row)) waiting += n;
    if (row.firstAppliedAt && (!confirmedAt || row.firstAppliedAt < confirmedAt)) confirmedAt = row.firstAppliedAt;
  }
  return { notes: total, invoiced, waiting, confirmedAt, closed: confirmedAt !== null && waiting === 0 };
}

/** One line for the seller: what is left to do on this upload, or that it is done. */
export function describeProgress(progress: ImportProgress): string {
  if (progress.closed && progress.confirmedAt) return `Confirmado em ${formatDateTime(progress.confirmedAt)}.`;
  if (!progress.confirmedAt) return "Não confirmado: nenhum pedido foi faturado por ele ainda.";
  return `${plural(progress.waiting, "nota espera", "notas esperam")} a sua decisão.`;
}

export function importNotFound(): DomainError {
  return new DomainError("IMPORT_NOT_FOUND", "Envio de notas não encontrado nesta conta.");
}

/** The account's upload as it stands now, or the reason it cannot change any more. */
export function openImport(ctx: { db: Parameters<typeof findInvoiceImport>[0]; accountId: number }, importId: number) {
  const found = findInvoiceImport(ctx.db, ctx.accountId, importId);
  if (!found) throw importNotFound();
  if (progressOf(importRowTallies(ctx.db, ctx.accountId, [importId])).closed) {
    throw new DomainError(
      "STATUS_CONFLICT",
      "Este envio já foi confirmado e não muda mais; para faturar outras notas, comece um novo envio.",
    );
  }
  return found;
}
