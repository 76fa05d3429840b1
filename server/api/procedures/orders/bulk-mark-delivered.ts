import { z } from "zod";
import { boardFiltersSchema } from "@/server/domain/orders/board-filters";
import { markDeliveredInBulk } from "@/server/domain/orders/commands/bulk-deliver";
import { sellerCommandContext } from "../../command-context";
import { sellerProcedure, syncParse } from "../../trpc";
import { dayInput } from "./change-output";

export const bulkMarkDelivered = sellerProcedure
  .input(
    syncParse(
      z.object({
        orderIds: z
          .array(z.number().int().positive())
          .min(1, "Selecione ao menos um pedido.")
          .max(200, "Selecione até 200 pedidos por vez."),
        /** The board's filters when the orders were ticked: only orders they show are acted on. */
        filters: boardFiltersSchema,
        deliveredOn: dayInput,
      }),
    ),
  )
  .output(
    syncParse(
      z.array(
        z.object({ orderId: z.number(), marketplaceCode: z.string().nullable(), ok: z.boolean(), message: z.string() }),
      ),
    ),
  )
  .mutation(({ ctx, input }) =>
    markDeliveredInBulk(sellerCommandContext(ctx), {
      orderIds: [...new Set(input.orderIds)],
      filters: input.filters,
      deliveredOn: input.deliveredOn,
    }),
  );
