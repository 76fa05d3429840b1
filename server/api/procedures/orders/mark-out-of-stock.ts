import { markOutOfStock as outOfStockCommand } from "@/server/domain/orders/commands/stock-and-cancel";
import { sellerCommandContext } from "../../command-context";
import { sellerProcedure, syncParse } from "../../trpc";
import { changeOutput, orderRefInput, reasonInput, toChangeOutput } from "./change-output";

export const markOutOfStock = sellerProcedure
  .input(syncParse(orderRefInput.extend({ reason: reasonInput })))
  .output(syncParse(changeOutput))
  .mutation(({ ctx, input }) => toChangeOutput(outOfStockCommand(sellerCommandContext(ctx), input)));
