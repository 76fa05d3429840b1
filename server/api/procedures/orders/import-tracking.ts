import { z } from "zod";
import { importTracking as run } from "@/server/domain/orders/commands/import-tracking";
import { sellerCommandContext } from "../../command-context";
import { sellerProcedure, syncParse } from "../../trpc";

export const importTracking = sellerProcedure
  .input(
    syncParse(
      z.object({
        csv: z.string().min(1, "Escolha a planilha.").max(2_000_000, "A planilha passa de 2 MB: divida-a em partes."),
        /** false: only say what would happen (dry run). */
        apply: z.boolean(),
      }),
    ),
  )
  .output(
    syncParse(
      z.array(
        z.object({
          line: z.number(),
          orderCode: z.string(),
          orderId: z.number().nullable(),
          ok: z.boolean(),
          message: z.string(),
          field: z.string().nullable(),
        }),
      ),
    ),
  )
  .mutation(({ ctx, input }) => run(sellerCommandContext(ctx), input));
