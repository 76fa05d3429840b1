import {
  findInvoiceImport,
  type ImportOrderSummary,
  importRowsOf,
  importRowTallies,
  ordersByIds,
  recentInvoiceImports,
} from "../../../db/queries/invoice-imports";
import type { SellerCommandContext } from "../orders/commands/context";
import { readyToApply } from "./apply";
import { CONFLICT_MESSAGE, conflictingRowIds } from "./conflicts";
import { type RowDifference, rowDifference } from "./differences";
import type { ImportedNfeSummary, InvoiceImportVerdict, InvoiceMatchSource } from "./kinds";
import { describeProgress, type ImportProgress, importNotFound, progressOf } from "./state";

export type ImportRowView = {
  id: number;
  position: number;
  fileName: string;
  verdict: InvoiceImportVerdict;
  reason: string;
  matchedBy: InvoiceMatchSource | null;
  nfe: ImportedNfeSummary | null;
  order: ImportOrderSummary | null;
  candidates: ImportOrderSummary[];
  warnings: string[];
  dropped: boolean;
  /** Another kept row points at the same order; set while neither is applied. */
  conflict: string | null;
  /** The seller may still point this note at an order: it was read and is not applied yet. */
  canChoose: boolean;
  /** The note's recipient or total differs from its order: both values, and whether the seller confirmed them. */
  difference: RowDifference | null;
  /** Confirming now would invoice its order. */
  ready: boolean;
  result: { ok: boolean; message: string } | null;
};

const FILE_RELEASED =
  "O arquivo desta nota não está mais guardado (envios não confirmados ficam 30 dias). Envie o XML de novo para faturar.";

export type ImportView = ImportProgress & { id: number; createdAt: Date; progress: string; rows: ImportRowView[] };

export function describeImport(ctx: Pick<SellerCommandContext, "db" | "accountId">, importId: number): ImportView {
  const found = findInvoiceImport(ctx.db, ctx.accountId, importId);
  if (!found) throw importNotFound();
  const rows = importRowsOf(ctx.db, ctx.accountId, importId);
  const ids = new Set(rows.flatMap((r) => [...r.candidateOrderIds, ...(r.orderId ? [r.orderId] : [])]));
  const orders = new Map(ordersByIds(ctx.db, ctx.accountId, [...ids]).map((o) => [o.id, o]));
  const conflicts = conflictingRowIds(rows);
  const progress = progressOf(rows.map((r) => ({ ...r, firstAppliedAt: r.appliedAt })));
  return {
    id: found.id,
    createdAt: found.createdAt,
    ...progress,
    progress: describeProgress(progress),
    rows: rows.map((r) => {
      const order = (r.orderId && orders.get(r.orderId)) || undefined;
      return {
        id: r.id,
        position: r.position,
        fileName: r.fileName,
        verdict: r.verdict,
        reason: !r.hasXml && r.resultOk !== true && r.verdict !== "invalid" ? FILE_RELEASED : r.reason,
        matchedBy: r.matchedBy,
        nfe: r.nfe,
        order: order ?? null,
        candidates: r.candidateOrderIds.flatMap((id) => orders.get(id) ?? []),
        warnings: r.warnings,
        dropped: r.dropped,
        conflict: conflicts.has(r.id) ? CONFLICT_MESSAGE : null,
        canChoose: r.hasXml && !r.resultOk,
        // A note refused by the dry run has no order to differ from; its reason says why.
        difference: r.verdict === "matched" ? rowDifference(r, order) : null,
        ready: readyToApply(r, order) && !conflicts.has(r.id),
        result: r.resultOk === null || r.resultMessage === null ? null : { ok: r.resultOk, message: r.resultMessage },
      };
    }),
  };
}

/** The account's latest uploads, so a preview left half-way is reopened and results stay reachable. */
export function recentImports(ctx: Pick<SellerCommandContext, "db" | "accountId">) {
  const uploads = recentInvoiceImports(ctx.db, ctx.accountId, 10);
  const tallies = importRowTallies(
    ctx.db,
    ctx.accountId,
    uploads.map((u) => u.id),
  );
  return uploads.map((upload) => {
    const progress = progressOf(tallies.filter((t) => t.importId === upload.id));
    return { ...upload, ...progress, progress: describeProgress(progress) };
  });
}
