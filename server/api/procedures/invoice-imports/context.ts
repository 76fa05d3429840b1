import { nfeMode } from "@/server/config";
import type { InvoiceContext } from "@/server/domain/orders/commands/invoice";
import { sellerCommandContext } from "../../command-context";

export function invoiceImportContext(ctx: Parameters<typeof sellerCommandContext>[0]): InvoiceContext {
  return { ...sellerCommandContext(ctx), nfeMode: nfeMode() };
}
