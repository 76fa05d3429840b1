import { z } from "zod";
import { confirmRowDifference } from "@/server/domain/invoice-import/rows";
import { describeImport } from "@/server/domain/invoice-import/view";
import { sellerProcedure, syncParse } from "../../trpc";
import { invoiceImportContext } from "./context";
import { importView, rowRef } from "./view-schema";

export const confirmDifference = sellerProcedure
  .input(syncParse(rowRef.extend({ orderId: z.number().int().positive("Pedido inválido.") })))
  .output(syncParse(importView))
  .mutation(({ ctx, input }) => {
    const context = invoiceImportContext(ctx);
    confirmRowDifference(context, input.importId, input.rowId, input.orderId);
    return describeImport(context, input.importId);
  });
