import { z } from "zod";
import { countOrdersByStatus } from "@/db/queries/orders";
import { boardFiltersSchema } from "@/server/domain/orders/board-filters";
import { ORDER_STATUSES } from "@/server/domain/orders/status";
import { accountProcedure, syncParse } from "../../trpc";

export const countsOutput = z.object({
  all: z.number(),
  byStatus: z.record(z.enum(ORDER_STATUSES), z.number()),
});

export const counts = accountProcedure
  .input(syncParse(z.object({ filters: boardFiltersSchema })))
  .output(syncParse(countsOutput))
  .query(({ ctx, input }) => {
    const { all, ...byStatus } = countOrdersByStatus(ctx.db, ctx.accountId, input.filters);
    return { all, byStatus };
  });
