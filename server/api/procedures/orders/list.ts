import { z } from "zod";
import { listOrders } from "@/db/queries/orders";
import { CHANNEL_IDS, LOGISTICS_MODE_IDS } from "@/server/domain/channels/channels";
import { boardFiltersSchema, PAGE_SIZE } from "@/server/domain/orders/board-filters";
import { ORDER_STATUSES } from "@/server/domain/orders/status";
import { accountProcedure, syncParse } from "../../trpc";

const cursorSchema = z.object({ placedAt: z.number().int(), id: z.number().int() });

export const listOrdersInput = z.object({
  filters: boardFiltersSchema,
  cursor: cursorSchema.nullish(),
  limit: z.number().int().min(1).max(100).default(PAGE_SIZE),
});

export const listOrdersOutput = z.object({
  orders: z.array(
    z.object({
      id: z.number(),
      channel: z.enum(CHANNEL_IDS),
      marketplaceCode: z.string(),
      logisticsMode: z.enum(LOGISTICS_MODE_IDS),
      status: z.enum(ORDER_STATUSES),
      // Milliseconds since the epoch, the keyset cursor's unit: the board's busiest answer then carries no dates
      // for the transformer to find and the client to revive.
      cancellationRequestedAt: z.number().nullable(),
      handledManuallyAt: z.number().nullable(),
      placedAt: z.number(),
      customerName: z.string(),
      customerDocument: z.string(),
      totalCents: z.number(),
      accessKey: z.string().nullable(),
      trackingCode: z.string().nullable(),
    }),
  ),
  nextCursor: cursorSchema.nullable(),
});

export const list = accountProcedure
  .input(syncParse(listOrdersInput))
  .output(syncParse(listOrdersOutput))
  .query(({ ctx, input }) => listOrders(ctx.db, ctx.accountId, input.filters, input.cursor ?? null, input.limit));
