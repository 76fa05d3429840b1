import { refuseOrder } from "@/server/domain/orders/commands/acceptance";
import { sellerCommandContext } from "../../command-context";
import { sellerProcedure, syncParse } from "../../trpc";
import { changeOutput, orderRefInput, reasonInput, toChangeOutput } from "./change-output";

export const refuse = sellerProcedure
  .input(syncParse(orderRefInput.extend({ reason: reasonInput })))
  .output(syncParse(changeOutput))
  .mutation(({ ctx, input }) => toChangeOutput(refuseOrder(sellerCommandContext(ctx), input)));
