import { restockOrder } from "@/server/domain/orders/commands/stock-and-cancel";
import { FREE_TEXT, freeTextInput } from "@/server/domain/text/free-text";
import { sellerCommandContext } from "../../command-context";
import { sellerProcedure, syncParse } from "../../trpc";
import { changeOutput, orderRefInput, toChangeOutput } from "./change-output";

export const restock = sellerProcedure
  .input(
    syncParse(
      orderRefInput.extend({
        note: freeTextInput(FREE_TEXT.restockNote).optional(),
      }),
    ),
  )
  .output(syncParse(changeOutput))
  .mutation(({ ctx, input }) => toChangeOutput(restockOrder(sellerCommandContext(ctx), input)));
