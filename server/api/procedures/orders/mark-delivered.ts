import { markDelivered as markDeliveredCommand } from "@/server/domain/orders/commands/deliver";
import { sellerCommandContext } from "../../command-context";
import { sellerProcedure, syncParse } from "../../trpc";
import { changeOutput, dayInput, orderRefInput, toChangeOutput } from "./change-output";

export const markDelivered = sellerProcedure
  .input(syncParse(orderRefInput.extend({ deliveredOn: dayInput })))
  .output(syncParse(changeOutput))
  .mutation(({ ctx, input }) => toChangeOutput(markDeliveredCommand(sellerCommandContext(ctx), input)));
