import { z } from "zod";
import { reportDeliveryProblem as reportCommand } from "@/server/domain/orders/commands/deliver";
import { sellerCommandContext } from "../../command-context";
import { sellerProcedure, syncParse } from "../../trpc";
import { changeOutput, dayInput, orderRefInput, toChangeOutput } from "./change-output";

export const reportDeliveryProblem = sellerProcedure
  .input(
    syncParse(
      orderRefInput.extend({
        occurredOn: dayInput,
        observation: z
          .string()
          .trim()
          .min(5, "Descreva o problema de entrega (pelo menos 5 caracteres).")
          .max(500, "A observação pode ter até 500 caracteres."),
      }),
    ),
  )
  .output(syncParse(changeOutput))
  .mutation(({ ctx, input }) => toChangeOutput(reportCommand(sellerCommandContext(ctx), input)));
