import { z } from "zod";
import { listOrders } from "@/db/queries/orders";
import { updateMomentsOf } from "@/db/queries/outbox";
import { CHANNEL_IDS, LOGISTICS_MODE_IDS } from "@/server/domain/channels/channels";
import { BOARD_SORTS, boardFiltersSchema, PAGE_SIZE } from "@/server/domain/orders/board-filters";
import { boardQuery } from "@/server/domain/orders/board-query";
import { DEADLINE_KINDS } from "@/server/domain/orders/deadline-kinds";
import { ORDER_STATUSES } from "@/server/domain/orders/status";
import { latestUpdatePerOrder } from "@/server/domain/replication/board-update";
import { OUTBOX_STATES } from "@/server/domain/replication/outbox-states";
import { accountProcedure, syncParse } from "../../trpc";

const placedCursor = z.object({ placedAt: z.number().int(), id: z.number().int() });
// `deadlineAt` null: the page continues among the orders without a deadline, which come last, newest first.
const deadlineCursor = z.object({
  deadlineAt: z.number().int().nullable(),
  placedAt: z.number().int(),
  id: z.number().int(),
});
// The deadline cursor first: the placed-at one would match it too, and drop its deadline.
const cursorSchema = z.union([deadlineCursor, placedCursor]);

export const listOrdersInput = z
  .object({
    filters: boardFiltersSchema,
    sort: z.enum(BOARD_SORTS).default("placed"),
    cursor: cursorSchema.nullish(),
    limit: z.number().int().min(1).max(100).default(PAGE_SIZE),
  })
  .refine((input) => !input.cursor || "deadlineAt" in input.cursor === (input.sort === "deadline"), {
    message: "A página pedida é de outra ordenação: recarregue a lista.",
    path: ["cursor"],
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
      // Epoch milliseconds, like placedAt.
      deadlineAt: z.number().nullable(),
      deadlineKind: z.enum(DEADLINE_KINDS).nullable(),
      /** The order's newest update to the marketplace and when it last moved (epoch ms): sent, confirmed… */
      lastUpdate: z
        .object({ kind: z.string(), state: z.enum(OUTBOX_STATES), at: z.number(), awaiting: z.boolean() })
        .nullable(),
    }),
  ),
  nextCursor: cursorSchema.nullable(),
});

export const list = accountProcedure
  .input(syncParse(listOrdersInput))
  .output(syncParse(listOrdersOutput))
  .query(({ ctx, input }) => {
    const page = listOrders(
      ctx.db,
      ctx.accountId,
      boardQuery(input.filters),
      input.cursor ?? null,
      input.limit,
      input.sort,
    );
    const latest = latestUpdatePerOrder(
      updateMomentsOf(
        ctx.db,
        ctx.accountId,
        page.orders.map((o) => o.id),
      ),
    );
    return { ...page, orders: page.orders.map((o) => ({ ...o, lastUpdate: latest.get(o.id) ?? null })) };
  });
