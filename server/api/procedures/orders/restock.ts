import { z } from "zod";
import { restockOrder } from "@/server/domain/orders/commands/stock-and-cancel";
import { sellerCommandContext } from "../../command-context";
import { sellerProcedure, syncParse } from "../../trpc";
import { changeOutput, orderRefInput, toChangeOutput } from "./change-output";

export const restock = sellerProcedure
  .input(
    syncParse(
      orderRefInput.extend({
        note: z.string().trim().max(300, "A observação pode ter até 300 caracteres.").optional(),
      }),
    ),
  )
  .output(syncParse(changeOutput))
  .mutation(({ ctx, input }) => toChangeOutput(restockOrder(sellerCommandContext(ctx), input)));
