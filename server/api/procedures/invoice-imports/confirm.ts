import { z } from "zod";
import { applyImportRows } from "@/server/domain/invoice-import/apply";
import { sellerProcedure, syncParse } from "../../trpc";
import { invoiceImportContext } from "./context";
import { importRef } from "./view-schema";

export const confirm = sellerProcedure
  .input(
    syncParse(
      importRef.extend({
        rowIds: z
          .array(z.number().int().positive())
          .min(1, "Escolha ao menos uma nota para faturar.")
          .max(50, "Confirme até 50 notas por vez."),
      }),
    ),
  )
  .output(syncParse(z.array(z.object({ rowId: z.number(), ok: z.boolean(), message: z.string() }))))
  .mutation(({ ctx, input }) => applyImportRows(invoiceImportContext(ctx), input.importId, input.rowIds));
