import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

export type ImportView = inferRouterOutputs<AppRouter>["invoiceImports"]["get"];
export type ImportRowView = ImportView["rows"][number];

/** The rows "Faturar" sends: matched, kept, not fighting over an order, not already invoiced. */
export function readyToApply(row: ImportRowView): boolean {
  return row.verdict === "matched" && !row.dropped && !row.conflict && !row.result?.ok;
}
