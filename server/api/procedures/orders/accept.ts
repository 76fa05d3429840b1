import { acceptOrder } from "@/server/domain/orders/commands/acceptance";
import { sellerCommandContext } from "../../command-context";
import { sellerProcedure, syncParse } from "../../trpc";
import { changeOutput, orderRefInput, toChangeOutput } from "./change-output";

export const accept = sellerProcedure
  .input(syncParse(orderRefInput))
  .output(syncParse(changeOutput))
  .mutation(({ ctx, input }) => toChangeOutput(acceptOrder(sellerCommandContext(ctx), input)));
