import { z } from "zod";
import { chooseOrderForRow } from "@/server/domain/invoice-import/rows";
import { describeImport } from "@/server/domain/invoice-import/view";
import { sellerProcedure, syncParse } from "../../trpc";
import { invoiceImportContext } from "./context";
import { importView, rowRef } from "./view-schema";

export const chooseOrder = sellerProcedure
  .input(
    syncParse(
      rowRef.extend({
        choice: z.union([
          z.object({ orderId: z.number().int().positive() }),
          z.object({ orderCode: z.string().trim().min(1, "Informe o número do pedido.").max(60) }),
        ]),
      }),
    ),
  )
  .output(syncParse(importView))
  .mutation(({ ctx, input }) => {
    const context = invoiceImportContext(ctx);
    chooseOrderForRow(context, input.importId, input.rowId, input.choice);
    return describeImport(context, input.importId);
  });
