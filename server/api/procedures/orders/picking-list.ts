import { z } from "zod";
import { pickingList as query } from "@/db/queries/orders";
import { CHANNEL_IDS, LOGISTICS_MODE_IDS } from "@/server/domain/channels/channels";
import { accountProcedure, syncParse } from "../../trpc";
import { shippingAddressFields } from "./shipping-address";

export const pickingList = accountProcedure
  .input(
    syncParse(
      z.object({ orderIds: z.array(z.number().int().positive()).min(1).max(500, "Selecione até 500 pedidos.") }),
    ),
  )
  .output(
    syncParse(
      z.array(
        z.object({
          id: z.number(),
          marketplaceCode: z.string(),
          channel: z.enum(CHANNEL_IDS),
          logisticsMode: z.enum(LOGISTICS_MODE_IDS),
          customerName: z.string(),
          ...shippingAddressFields,
          items: z.array(z.object({ orderId: z.number(), sku: z.string(), name: z.string(), quantity: z.number() })),
        }),
      ),
    ),
  )
  .query(({ ctx, input }) => query(ctx.db, ctx.accountId, input.orderIds));
