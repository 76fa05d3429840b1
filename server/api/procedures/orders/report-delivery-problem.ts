import { reportDeliveryProblem as reportCommand } from "@/server/domain/orders/commands/deliver";
import { FREE_TEXT, freeTextInput } from "@/server/domain/text/free-text";
import { sellerCommandContext } from "../../command-context";
import { sellerProcedure, syncParse } from "../../trpc";
import { changeOutput, dayInput, orderRefInput, toChangeOutput } from "./change-output";

export const reportDeliveryProblem = sellerProcedure
  .input(
    syncParse(
      orderRefInput.extend({
        occurredOn: dayInput,
        observation: freeTextInput(FREE_TEXT.deliveryObservation),
      }),
    ),
  )
  .output(syncParse(changeOutput))
  .mutation(({ ctx, input }) => toChangeOutput(reportCommand(sellerCommandContext(ctx), input)));
