import { divergenceWarnings } from "@/server/domain/orders/commands/invoice";
import { shipOrder } from "@/server/domain/orders/commands/ship";
import { trackingInputSchema } from "@/server/domain/shipping/tracking";
import { sellerCommandContext } from "../../command-context";
import { sellerProcedure, syncParse } from "../../trpc";
import { changeOutput, orderRefInput, toChangeOutput } from "./change-output";

export const ship = sellerProcedure
  .input(syncParse(orderRefInput.extend({ tracking: trackingInputSchema })))
  .output(syncParse(changeOutput))
  .mutation(({ ctx, input }) => {
    const command = sellerCommandContext(ctx);
    const result = shipOrder(command, { orderId: input.orderId, version: input.version, tracking: input.tracking });
    return toChangeOutput(result, divergenceWarnings(command, input.orderId));
  });
